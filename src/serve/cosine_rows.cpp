#include "serve/cosine_rows.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "search/top_hits.hpp"
#include "topica/error.hpp"
#include "topica/vector_ops.hpp"

namespace topica::serve {
namespace {

// Float scores can order rows whose cosines differ by rounding alone otherwise than double
// precision does; the scan keeps this many hits beyond k, and the double-precision rescoring
// picks the k.
constexpr std::size_t kRescoreMargin = 16;

double norm(const float* v, std::size_t n) {
  double sum = 0;
  for (std::size_t j = 0; j < n; ++j) sum += static_cast<double>(v[j]) * v[j];
  return std::sqrt(sum);
}

}  // namespace

CosineRows::CosineRows(const Matrix<float>* rows) : rows_(rows) {
  if (rows_ == nullptr) return;
  inverse_norms_.resize(rows_->rows);
  for (std::size_t r = 0; r < rows_->rows; ++r) {
    const double n = norm(rows_->row(r), rows_->cols);
    inverse_norms_[r] = n > 0 ? static_cast<float>(1.0 / n) : 0.0f;
  }
}

std::vector<SimilarityHit> CosineRows::most_similar(std::span<const float> query, std::size_t k,
                                                    std::span<const std::size_t> exclude) const {
  if (empty() || k == 0) return {};
  if (query.size() != rows_->cols) {
    throw UsageError(fmt::format("the query has {} dimensions but the rows have {}", query.size(), rows_->cols));
  }
  const double query_norm = norm(query.data(), query.size());
  if (query_norm == 0) {
    // Every cosine is 0: the first rows, as most_similar's tie order gives them.
    std::vector<SimilarityHit> hits;
    for (std::size_t r = 0; r < rows_->rows && hits.size() < k; ++r) {
      if (std::find(exclude.begin(), exclude.end(), r) == exclude.end()) hits.push_back({r, 0.0});
    }
    return hits;
  }
  search::TopHits best(k + kRescoreMargin + exclude.size());  // excluded rows are dropped after the scan
  const std::size_t dims = rows_->cols;
  for (std::size_t r = 0; r < rows_->rows; ++r) {
    best.offer({r, dot(rows_->row(r), query.data(), dims) * inverse_norms_[r]});
  }
  // Rescore the candidates exactly (most_similar over just these rows) and keep the best k.
  std::vector<SimilarityHit> hits;
  for (const SearchHit& candidate : best.sorted()) {
    if (std::find(exclude.begin(), exclude.end(), candidate.row) != exclude.end()) continue;
    const std::span<const float> row(rows_->row(candidate.row), dims);
    double dot_product = 0;
    for (std::size_t j = 0; j < dims; ++j) dot_product += static_cast<double>(row[j]) * query[j];
    const double similarity =
        inverse_norms_[candidate.row] == 0 ? 0.0 : std::clamp(dot_product / (norm(row.data(), dims) * query_norm), -1.0, 1.0);
    hits.push_back({candidate.row, similarity});
  }
  std::sort(hits.begin(), hits.end(), [](const SimilarityHit& a, const SimilarityHit& b) {
    return a.similarity != b.similarity ? a.similarity > b.similarity : a.row < b.row;
  });
  if (hits.size() > k) hits.resize(k);
  return hits;
}

}  // namespace topica::serve
