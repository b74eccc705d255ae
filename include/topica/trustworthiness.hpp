// How well a low-dimensional layout keeps each point's nearest neighbours (Venna & Kaski 2001):
// the quality figure the UMAP benchmarks and tests compare against umap-learn's.
#pragma once

#include <cstddef>

#include "topica/matrix.hpp"
#include "topica/neighbors.hpp"

namespace topica {

/// scikit-learn 1.2's sklearn.manifold.trustworthiness(X, X_embedded, n_neighbors, metric):
///   T = 1 - 2 / (n k (2n - 3k - 1)) * sum_i sum_{j in N_k(i)} max(0, r(i, j) - k)
/// where N_k(i) are i's k nearest neighbours in the embedding (euclidean, i excluded) and
/// r(i, j) is j's rank among all other points by distance from i in the input (`metric`). 1 means
/// every embedded neighbour is also an input neighbour. Ties rank by increasing index (scikit-learn
/// leaves their order to its sort). Time O(n^2 (d + k)) with memory O(n) per thread, so meant for
/// samples of ~10^4 points. Throws UsageError unless 1 <= k < n / 2 (as scikit-learn) and the
/// matrices have the same rows; InputError for NaN/Inf.
double trustworthiness(const Matrix<float>& data, const Matrix<float>& embedding, std::size_t n_neighbors = 5,
                       Metric metric = Metric::Euclidean, std::size_t threads = 0);

}  // namespace topica
