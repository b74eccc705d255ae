// search_embeddings: the exact scan or the saved HNSW graph, by size or on request.
#include <fmt/format.h>

#include "search/embedding_rows.hpp"
#include "search/hnsw_index.hpp"
#include "topica/error.hpp"
#include "topica/search.hpp"

namespace topica {

std::string hnsw_index_path(const std::string& npy_path) { return npy_path + ".hnsw"; }

std::vector<std::vector<SearchHit>> search_embeddings(const std::string& npy_path, const Matrix<float>& queries,
                                                      const SearchOptions& options, SearchReport* report) {
  std::size_t rows = 0, dims = 0;
  {
    const search::EmbeddingRows header(npy_path);
    rows = header.rows();
    dims = header.cols();
  }
  if (queries.cols != dims) {
    throw InputError(fmt::format("{}: {}-d embeddings but the query is {}-d (embedded by another model?)", npy_path,
                                 dims, queries.cols));
  }
  const bool hnsw = options.index == SearchIndex::Hnsw || (options.index == SearchIndex::Auto && rows >= options.hnsw_from);
  SearchReport r;
  r.rows = rows;
  r.dims = dims;
  r.used_hnsw = hnsw;
  std::vector<std::vector<SearchHit>> hits;
  if (hnsw) {
    const search::HnswIndex index = search::HnswIndex::open(npy_path, options.hnsw, options.progress, &r);
    Matrix<float> unit = queries;
    for (std::size_t i = 0; i < unit.rows; ++i) search::normalize_row(unit.row(i), unit.cols);
    hits = index.search(unit, options.top);
  } else {
    hits = exact_search(npy_path, queries, options.top);
  }
  if (report != nullptr) *report = r;
  return hits;
}

}  // namespace topica
