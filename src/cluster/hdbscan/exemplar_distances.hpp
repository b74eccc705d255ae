// The distance part of soft clustering (hdbscan _prediction_utils.pyx dist_membership_vector):
// for a point, 1 / (distance to the nearest exemplar) of every cluster, normalised to sum 1.
// Over all points this is rows x (all exemplars) distances -- the bulk of
// all_points_membership_vectors -- so the exemplars are copied once into one coordinate-major
// block (every exemplar's first coordinate, then every second, ...): the squares to a run of
// exemplars are one vectorised pass, and the square root is taken once per cluster, of the
// smallest square (sqrt is monotone and correctly rounded, so that equals the smallest root).
#pragma once

#include <cstdint>
#include <vector>

#include "topica/matrix.hpp"

namespace topica::hdbscan {

class ExemplarSet {
 public:
  /// `exemplars[j]`: rows of `data` that are cluster j's exemplars.
  ExemplarSet(const Matrix<double>& data, const std::vector<std::vector<std::int64_t>>& exemplars);

  std::size_t clusters() const { return start_.size() - 1; }

  /// out[j] = (1 / distance from x to cluster j's nearest exemplar) / (sum over clusters); a
  /// distance of 0 counts as DBL_MAX / clusters, as hdbscan does. `scratch` is reused between
  /// calls.
  void inverse_distances(const double* x, std::vector<double>& scratch, double* out) const;

 private:
  std::size_t dims_ = 0, count_ = 0;
  std::vector<double> coords_;      // dims x count: coordinate k of exemplar e at [k * count + e]
  std::vector<std::size_t> start_;  // cluster j's exemplars are [start[j], start[j + 1])
};

}  // namespace topica::hdbscan
