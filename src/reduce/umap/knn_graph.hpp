// The nearest-neighbour lists UMAP starts from, with umap-learn's conventions (umap_.py: fit,
// transform): each point is its own first neighbour, and under the cosine metric a neighbour at
// distance >= 2 (an opposite direction) is disconnected (index -1, distance +inf).
#pragma once

#include <cstddef>
#include <cstdint>

#include "topica/matrix.hpp"
#include "topica/neighbors.hpp"

namespace topica::umap {

/// Throws InputError naming the first row of `data` that holds NaN or Inf, `what` naming the data.
void check_finite_rows(const Matrix<float>& data, const char* what);

/// The neighbourhood size a fit of `rows` points uses: n_neighbors, or rows - 1 when there are no
/// more rows than n_neighbors (umap-learn truncates so and warns), but never below 2.
std::size_t effective_neighbors(std::size_t rows, std::size_t n_neighbors);

/// k nearest neighbours of every row among the rows (itself first): exact below 4,096 rows,
/// NN-descent seeded with `seed` above (topica::nearest_neighbors).
KnnGraph neighbor_lists(const Matrix<float>& data, std::size_t k, Metric metric, std::size_t threads,
                        std::uint64_t seed);

/// k nearest training rows of every row of `points`.
KnnGraph neighbor_lists_query(const Matrix<float>& training, const Matrix<float>& points, std::size_t k, Metric metric,
                              std::size_t threads);

/// umap-learn's disconnection distance: cosine neighbours at distance >= 2 become index -1, +inf.
void disconnect_opposites(KnnGraph& knn, Metric metric);

}  // namespace topica::umap
