// Soft clustering (hdbscan 0.8 prediction.py all_points_membership_vectors and
// _prediction_utils.pyx). A point's membership in cluster j combines
//  - a distance part: 1 / (distance to the nearest exemplar of j), normalised over clusters
//    (exemplars: the points at the largest lambda of each leaf under j);
//  - an outlier part: exp(-(lambda_max + 1e-8) / h_j) passed through a softmax, where h_j is the
//    "merge height" -- the lambda at which the point's cluster and j meet in the tree, or the
//    point's own lambda when one lies below the other -- and lambda_max the largest lambda among
//    the direct children of the point's cluster;
// multiplied, normalised, and scaled by the chance of being in any cluster: max_j h_j over
// max(lambda_max of the first cluster reaching that height, the point's lambda).
// Points leaving the same tree cluster share every merge height except those that become the
// point's own lambda, so the outlier weights are computed once per tree cluster
// (merge_heights.hpp) and the work left per point is its exemplar distances
// (exemplar_distances.hpp) and one pass over the clusters.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "cluster/hdbscan/condensed_tree.hpp"
#include "topica/hdbscan.hpp"

namespace topica::hdbscan {

/// Per selected cluster (label order): its exemplar rows (hdbscan PredictionData.exemplars).
std::vector<std::vector<std::int64_t>> find_exemplars(std::span<const CondensedTreeRow> rows, const ClusterTree& tree,
                                                      std::span<const std::int64_t> selected);

/// hdbscan.all_points_membership_vectors over the fitted points.
Matrix<float> all_points_membership(const HdbscanModel& model, const ClusterTree& tree, std::size_t threads);

}  // namespace topica::hdbscan
