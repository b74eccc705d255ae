// The two steps of k-means (src/cluster/kmeans.cpp ties them together): k-means++ seeding and
// Lloyd iterations. Both read the centred data and give the same bits for any thread count:
// every sum over rows is taken over fixed row ranges and combined in range order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "topica/matrix.hpp"
#include "topica/random.hpp"

namespace topica::detail {

/// k rows of x chosen by greedy k-means++ (scikit-learn 1.2 cluster/_kmeans.py _kmeans_plusplus):
/// the first uniformly, each next one the best of 2 + floor(ln k) candidates drawn with
/// probability proportional to the squared distance to the nearest chosen center, "best" being
/// the candidate that leaves the smallest total squared distance. `squared_norms` holds |x_i|^2.
Matrix<float> kmeans_plusplus(const Matrix<float>& x, const std::vector<float>& squared_norms, std::size_t k,
                              Random& random, std::size_t threads);

/// |x_i|^2 for every row.
std::vector<float> squared_row_norms(const Matrix<float>& x);

struct LloydResult {
  std::vector<std::int32_t> labels;
  Matrix<float> centers;
  double inertia = 0;
  std::size_t n_iter = 0;
};

/// Lloyd's iterations from `centers` (scikit-learn 1.2 _kmeans_single_lloyd): see kmeans.hpp
/// for the stopping rule. `tol` is already scaled by the data's mean variance.
LloydResult lloyd(const Matrix<float>& x, Matrix<float> centers, std::size_t max_iter, double tol,
                  std::size_t threads);

/// Nearest center of each row by ||c||^2 - 2 x.c (the smallest index on ties), computed with
/// sgemm over 256-row chunks as scikit-learn does.
void assign_labels(const Matrix<float>& x, const Matrix<float>& centers, std::vector<std::int32_t>& labels,
                   std::size_t threads);

/// Sum of squared distances of rows to their centers, in float64.
double inertia(const Matrix<float>& x, const Matrix<float>& centers, const std::vector<std::int32_t>& labels,
               std::size_t threads);

/// Splits [0, n) into at most 16 ranges that depend only on n (for per-range partial sums).
std::vector<std::size_t> row_range_starts(std::size_t n);

}  // namespace topica::detail
