#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "topica/embedder.hpp"
#include "topica/error.hpp"

namespace topica {

void l2_normalize_rows(Matrix<float>& m) {
  for (std::size_t i = 0; i < m.rows; ++i) {
    float* row = m.row(i);
    double norm = 0;
    for (std::size_t j = 0; j < m.cols; ++j) norm += double(row[j]) * row[j];
    if (norm <= 0) continue;
    const float scale = static_cast<float>(1.0 / std::sqrt(norm));
    for (std::size_t j = 0; j < m.cols; ++j) row[j] *= scale;
  }
}

LsaEmbedder::LsaEmbedder(LsaOptions options) : options_(std::move(options)), tfidf_(options_.tfidf) {}

LsaEmbedder::LsaEmbedder(LsaOptions options, TfidfVectorizer tfidf, TruncatedSvd svd)
    : options_(std::move(options)), tfidf_(std::move(tfidf)), svd_(std::move(svd)) {
  if (!svd_.fitted()) throw Error("LSA embedder: the SVD is not fitted");
  if (svd_.model().components.cols != tfidf_.vocabulary().size()) {
    throw InputError(fmt::format("LSA embedder: SVD components have {} columns for {} terms",
                                 svd_.model().components.cols, tfidf_.vocabulary().size()));
  }
  dimensions_ = svd_.model().components.rows;
}

std::string LsaEmbedder::name() const {
  return fmt::format("lsa-{} (tf-idf, truncated svd, l2; fitted on the corpus)", dimensions_ ? dimensions_ : options_.dimensions);
}

Matrix<float> LsaEmbedder::fit_embed(std::span<const std::string> documents) {
  if (documents.size() < 2) throw UsageError("the LSA embedder needs at least 2 documents");
  const CsrMatrix x = tfidf_.fit_transform(documents);
  // TruncatedSVD needs k <= features and k <= documents; a small corpus gets fewer dimensions.
  dimensions_ = std::min({options_.dimensions, x.cols, x.rows});
  TruncatedSvdOptions svd;
  svd.n_components = dimensions_;
  svd.seed = options_.seed;
  svd.threads = options_.threads;
  svd_ = TruncatedSvd(svd);
  Matrix<float> embeddings = svd_.fit_transform(x);
  l2_normalize_rows(embeddings);
  return embeddings;
}

Matrix<float> LsaEmbedder::embed(std::span<const std::string> documents) const {
  if (!svd_.fitted()) throw Error("the LSA embedder is not fitted");
  Matrix<float> embeddings = svd_.transform(tfidf_.transform(documents));
  l2_normalize_rows(embeddings);
  return embeddings;
}

}  // namespace topica
