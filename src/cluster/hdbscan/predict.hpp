// Prediction for new points (hdbscan 0.8 prediction.py approximate_predict, membership_vector).
// A new point looks at its 2 * min_samples nearest fitted points; its core distance is the
// distance to neighbour number min_samples (0-based), the fitted points' core distances are
// those of the prediction data (min_samples-th point, itself included). Its nearest neighbour
// in mutual reachability and the lambda = 1 / that distance place it in the condensed tree:
// it joins its neighbour's cluster, or the ancestor still alive at that lambda.
#pragma once

#include "cluster/hdbscan/condensed_tree.hpp"
#include "topica/hdbscan.hpp"

namespace topica::hdbscan {

HdbscanPrediction predict_points(const HdbscanModel& model, const ClusterTree& tree, const Matrix<double>& points,
                                 std::size_t threads);

Matrix<float> predict_memberships(const HdbscanModel& model, const ClusterTree& tree, const Matrix<double>& points,
                                  std::size_t threads);

}  // namespace topica::hdbscan
