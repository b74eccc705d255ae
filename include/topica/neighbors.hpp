// k-nearest neighbours, shared by UMAP, HDBSCAN and similarity search.
//
// Conventions (as umap-learn and scikit-learn): a point's list includes the point itself at
// distance 0 when the query set is the data set (so k = 15 gives the point and 14 others);
// lists are sorted by increasing distance, ties by increasing index. Cosine distance is
// 1 - cos(a, b); a zero vector has distance 1 to everything (as scikit-learn).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "topica/matrix.hpp"

namespace topica {

enum class Metric { Euclidean, Cosine };
const char* metric_name(Metric metric);

/// n lists of k neighbours each, row-major: neighbour j of point i is indices[i * k + j].
struct KnnGraph {
  std::size_t n = 0;
  std::size_t k = 0;
  std::vector<std::int32_t> indices;
  std::vector<float> distances;

  const std::int32_t* neighbors(std::size_t i) const { return indices.data() + i * k; }
  const float* distances_of(std::size_t i) const { return distances.data() + i * k; }
};

struct KnnOptions {
  std::size_t k = 15;
  Metric metric = Metric::Euclidean;
  std::size_t threads = 0;  ///< 0: every core
};

/// Exact neighbours of every row of `data` among the rows of `data` (the point itself first).
/// Throws Error when k > rows or the data hold NaN/Inf (naming the first bad row).
KnnGraph exact_knn(const Matrix<float>& data, const KnnOptions& options);

/// Exact neighbours of every row of `queries` among the rows of `base`.
KnnGraph exact_knn_query(const Matrix<float>& base, const Matrix<float>& queries, const KnnOptions& options);

}  // namespace topica
