#include "neighbors/knn_common.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica {

const char* metric_name(Metric metric) { return metric == Metric::Cosine ? "cosine" : "euclidean"; }

namespace neighbors {

void check_input(const Matrix<float>& m, const char* what) {
  if (m.rows == 0) throw InputError(fmt::format("neighbours: the {} have no rows", what));
  if (m.cols == 0) throw InputError(fmt::format("neighbours: the {} have no columns", what));
  for (std::size_t i = 0; i < m.rows; ++i) {
    const float* row = m.row(i);
    for (std::size_t j = 0; j < m.cols; ++j) {
      if (!std::isfinite(row[j])) {
        throw InputError(fmt::format("neighbours: {} row {} holds a non-finite value ({}) in column {}", what, i,
                                     row[j], j));
      }
    }
  }
}

void check_k(std::size_t k, std::size_t rows) {
  if (k == 0) throw UsageError("neighbours: k must be at least 1 (the point itself)");
  if (k > rows) {
    throw NotEnoughPointsError(
        fmt::format("neighbours: k = {} but there are only {} points (k counts the point itself)", k, rows));
  }
}

Matrix<float> unit_rows(const Matrix<float>& m) {
  Matrix<float> out(m.rows, m.cols);
  for (std::size_t i = 0; i < m.rows; ++i) {
    const float* in = m.row(i);
    double sum = 0;
    for (std::size_t j = 0; j < m.cols; ++j) sum += static_cast<double>(in[j]) * in[j];
    const auto norm = static_cast<float>(std::sqrt(sum));
    float* row = out.row(i);
    for (std::size_t j = 0; j < m.cols; ++j) row[j] = norm > 0 ? in[j] / norm : 0.0f;
  }
  return out;
}

double exact_squared_distance(const float* a, const float* b, std::size_t n) {
  // Eight independent sums: the compiler keeps them in vector lanes without reassociating
  // (no -ffast-math), so this stays fast enough to run on every reported pair.
  double acc[8] = {};
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    for (std::size_t l = 0; l < 8; ++l) {
      const double d = static_cast<double>(a[i + l]) - b[i + l];
      acc[l] += d * d;
    }
  }
  for (; i < n; ++i) {
    const double d = static_cast<double>(a[i]) - b[i];
    acc[0] += d * d;
  }
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

float snap_identical(const float* a, const float* b, std::size_t n, float computed) {
  // Identical unit rows leave at most ~n ulps of 1 (well below 1e-4); anything larger is real.
  if (computed > 1e-4f || computed == 0.0f) return computed;
  return std::equal(a, a + n, b) ? 0.0f : computed;
}

KnnGraph make_graph(std::size_t n, std::size_t k) {
  KnnGraph g;
  g.n = n;
  g.k = k;
  g.indices.assign(n * k, -1);
  g.distances.assign(n * k, 0.0f);
  return g;
}

}  // namespace neighbors
}  // namespace topica
