#include "serve/document_map.hpp"

#include <algorithm>
#include <filesystem>

#include "topica/npy.hpp"
#include "topica/umap.hpp"

namespace topica::serve {
namespace {

// The layout `topica visualize --kind documents` draws too: BERTopic's visualize_documents
// reduces the embeddings with UMAP(n_components=2, min_dist=0.0, metric="cosine").
Matrix<float> umap_2d(const Matrix<float>& embeddings, std::size_t threads) {
  UmapOptions options;
  options.n_components = 2;
  options.min_dist = 0.0f;
  options.metric = Metric::Cosine;
  options.n_neighbors = std::min<std::size_t>(options.n_neighbors, embeddings.rows - 1);
  options.threads = threads;
  return umap_fit(embeddings, options).embedding;
}

}  // namespace

Matrix<float> document_map(const std::string& dir, const SavedModel& saved, std::size_t threads) {
  const std::size_t rows = saved.model.assignments.size();
  // The one place that reads the cached map (written by `topica visualize`); a stale or
  // foreign file (other row count) is recomputed rather than trusted.
  const std::filesystem::path cached = std::filesystem::path(dir) / kDocumentMapFile;
  if (std::filesystem::exists(cached)) {
    Matrix<float> map = read_npy_matrix(cached.string());
    if (map.rows == rows && map.cols == 2) return map;
  }
  const Matrix<float>* embeddings = document_embeddings(saved);
  if (embeddings == nullptr || embeddings->rows != rows || rows < 3) return {};
  return umap_2d(*embeddings, threads);
}

}  // namespace topica::serve
