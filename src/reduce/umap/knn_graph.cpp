#include "reduce/umap/knn_graph.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica::umap {

void check_finite_rows(const Matrix<float>& data, const char* what) {
  for (std::size_t i = 0; i < data.rows; ++i) {
    const float* row = data.row(i);
    for (std::size_t j = 0; j < data.cols; ++j) {
      if (!std::isfinite(row[j])) {
        throw InputError(fmt::format("{}: row {} holds a non-finite value ({}) in column {}", what, i, row[j], j));
      }
    }
  }
}

std::size_t effective_neighbors(std::size_t rows, std::size_t n_neighbors) {
  if (rows > n_neighbors) return n_neighbors;
  return std::max<std::size_t>(2, rows - 1);
}

void disconnect_opposites(KnnGraph& knn, Metric metric) {
  if (metric != Metric::Cosine) return;  // umap-learn DISCONNECTION_DISTANCES: cosine 2, euclidean none
  for (std::size_t e = 0; e < knn.indices.size(); ++e) {
    if (knn.distances[e] >= 2.0f) {
      knn.indices[e] = -1;
      knn.distances[e] = std::numeric_limits<float>::infinity();
    }
  }
}

namespace {

KnnOptions knn_options(std::size_t k, Metric metric, std::size_t threads, std::uint64_t seed) {
  KnnOptions o;
  o.k = k;
  o.metric = metric;
  o.threads = threads;
  o.seed = seed;
  return o;
}

}  // namespace

KnnGraph neighbor_lists(const Matrix<float>& data, std::size_t k, Metric metric, std::size_t threads,
                        std::uint64_t seed) {
  // Exact below 4,096 points, NN-descent above: umap-learn's rule.
  KnnGraph knn = nearest_neighbors(data, knn_options(k, metric, threads, seed));
  disconnect_opposites(knn, metric);
  return knn;
}

KnnGraph neighbor_lists_query(const Matrix<float>& training, const Matrix<float>& points, std::size_t k, Metric metric,
                              std::size_t threads) {
  // Exact: new points are few next to the training set, and exact is what umap-learn does below
  // 4,096 training points (above, it queries its NN-descent index approximately).
  KnnGraph knn = exact_knn_query(training, points, knn_options(k, metric, threads, 0));
  disconnect_opposites(knn, metric);
  return knn;
}

}  // namespace topica::umap
