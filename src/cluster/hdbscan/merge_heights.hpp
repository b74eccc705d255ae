// hdbscan's merge_height (_prediction_utils.pyx) for one tree cluster against every selected
// cluster at once. The merge height of clusters a and b is the lambda at which they split: the
// birth lambda of the children of their lowest common ancestor. hdbscan walks the tree per pair;
// here the selected clusters are listed in depth-first order once, so the ones inside any
// subtree are one contiguous run. Walking up from a cluster, every selected cluster in the
// sibling subtree met at each step splits from it at that sibling's birth lambda: one pass of
// O(depth + selected) per cluster instead of O(selected x depth).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "cluster/hdbscan/condensed_tree.hpp"

namespace topica::hdbscan {

class MergeHeights {
 public:
  MergeHeights(const ClusterTree& tree, std::span<const std::int64_t> selected);

  /// out[j] for every selected cluster j (label order): NaN when one of `point_cluster` and
  /// selected[j] lies below the other (or they are the same; hdbscan then uses the point's own
  /// lambda), otherwise the lambda at which the two split.
  void fill(std::int64_t point_cluster, std::vector<double>& out) const;

 private:
  const ClusterTree& tree_;
  std::vector<std::size_t> first_, last_;      // per tree cluster: its depth-first interval [first, last)
  std::vector<std::size_t> order_position_;    // selected clusters' depth-first positions, increasing
  std::vector<std::size_t> label_at_;          // ... and the label of each
};

}  // namespace topica::hdbscan
