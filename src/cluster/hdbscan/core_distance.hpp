// Core distances (hdbscan 0.8 _hdbscan_boruvka.pyx _compute_bounds): the distance from each point
// to its min_samples-th nearest *other* point. The library queries k = min_samples + 1 neighbours,
// the point itself included, and keeps the last one; prediction data uses k = min_samples instead
// (prediction.py PredictionData), so both are kept here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "cluster/hdbscan/kd_tree.hpp"

namespace topica::hdbscan {

struct CoreDistances {
  std::size_t k = 0;                    ///< neighbours per row (min_samples + 1, the point included)
  std::vector<std::int64_t> neighbors;  ///< n x k rows sorted by (distance, index)
  std::vector<double> fit;              ///< distance to neighbour k - 1: the fit's core distance
  std::vector<double> prediction;       ///< distance to neighbour k - 2: approximate_predict's
};

/// Exact k-nearest neighbours of every row through `tree`, in fixed blocks of rows, so the result
/// does not depend on `threads`.
CoreDistances compute_core_distances(const KdTree& tree, std::size_t min_samples, std::size_t threads);

}  // namespace topica::hdbscan
