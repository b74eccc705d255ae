#include "topica/similarity.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica {
namespace {

double norm(const float* v, std::size_t n) {
  double sum = 0;
  for (std::size_t j = 0; j < n; ++j) sum += static_cast<double>(v[j]) * v[j];
  return std::sqrt(sum);
}

// Cosine of two vectors given the query's norm; a zero vector is similar to nothing (0), as
// scikit-learn's cosine_similarity normalises zero rows to zero.
double cosine(const float* a, const float* b, std::size_t n, double norm_b) {
  const double norm_a = norm(a, n);
  if (norm_a == 0 || norm_b == 0) return 0;
  double dot = 0;
  for (std::size_t j = 0; j < n; ++j) dot += static_cast<double>(a[j]) * b[j];
  return std::clamp(dot / (norm_a * norm_b), -1.0, 1.0);
}

}  // namespace

std::vector<SimilarityHit> most_similar(const Matrix<float>& rows, std::span<const float> query, std::size_t k,
                                        std::span<const std::size_t> exclude) {
  if (query.size() != rows.cols) {
    throw UsageError(fmt::format("the query has {} dimensions but the rows have {}", query.size(), rows.cols));
  }
  const double query_norm = norm(query.data(), query.size());
  std::vector<SimilarityHit> hits;
  hits.reserve(rows.rows);
  for (std::size_t i = 0; i < rows.rows; ++i) {
    if (std::find(exclude.begin(), exclude.end(), i) != exclude.end()) continue;
    hits.push_back({i, cosine(rows.row(i), query.data(), rows.cols, query_norm)});
  }
  const auto better = [](const SimilarityHit& a, const SimilarityHit& b) {
    return a.similarity != b.similarity ? a.similarity > b.similarity : a.row < b.row;
  };
  const std::size_t keep = std::min(k, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(keep), hits.end(), better);
  hits.resize(keep);
  return hits;
}

}  // namespace topica
