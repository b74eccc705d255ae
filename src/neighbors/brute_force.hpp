// Brute-force neighbours: every pair, one at a time. Slow (no matrix products) but obviously
// right, so the tests use it as the oracle for the exact and approximate paths.
#pragma once

#include "topica/neighbors.hpp"

namespace topica::neighbors {

/// Same contract as exact_knn (the point itself first, then others by (distance, index)).
KnnGraph brute_force_knn(const Matrix<float>& data, const KnnOptions& options);

/// Same contract as exact_knn_query.
KnnGraph brute_force_knn_query(const Matrix<float>& base, const Matrix<float>& queries, const KnnOptions& options);

}  // namespace topica::neighbors
