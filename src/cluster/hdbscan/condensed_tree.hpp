// The condensed tree (hdbscan 0.8 _hdbscan_tree.pyx condense_tree): walk the single-linkage
// hierarchy from the top in breadth-first order; at each merge, a side with fewer than
// min_cluster_size points "falls out" (its points leave the cluster at lambda = 1 / distance),
// a side with at least min_cluster_size points continues the cluster, and when both sides are
// that large the cluster ends and two new clusters are born. Cluster ids are handed out in that
// breadth-first order (root = n), so a child's id is always larger than its parent's.
//
// ClusterTree indexes the result for the later steps: per point its parent and lambda, per
// cluster its parent, birth lambda, children and the largest lambda among its direct children
// (hdbscan's max_lambdas / prediction data's leaf_max_lambdas).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "cluster/hdbscan/single_linkage.hpp"
#include "topica/hdbscan.hpp"

namespace topica::hdbscan {

/// Rows in hdbscan's order. `merges` holds the n - 1 merges of n points.
std::vector<CondensedTreeRow> condense_tree(std::span<const Merge> merges, std::size_t min_cluster_size);

struct ClusterTree {
  std::int64_t root = 0;  ///< = number of points; cluster c has index c - root below
  std::size_t clusters = 0;
  std::vector<std::int64_t> point_parent;  ///< per point: the cluster it leaves
  std::vector<double> point_lambda;        ///< per point: the lambda at which it leaves
  std::vector<std::int64_t> parent;        ///< per cluster: parent cluster id, -1 for the root
  std::vector<double> birth;               ///< per cluster: lambda of its row as a child, 0 for the root
  std::vector<std::int64_t> first_child, second_child;  ///< per cluster: child clusters or -1
  std::vector<double> max_lambda;          ///< per cluster: largest lambda among its direct children
  std::vector<std::uint32_t> depth;        ///< per cluster: root = 0

  std::size_t at(std::int64_t cluster) const { return static_cast<std::size_t>(cluster - root); }
  bool has_children(std::int64_t cluster) const { return first_child[at(cluster)] != -1; }
};

ClusterTree index_condensed_tree(std::span<const CondensedTreeRow> rows, std::size_t points);

/// Cluster ids of `cluster`'s subtree (itself first), breadth first.
std::vector<std::int64_t> subtree(const ClusterTree& tree, std::int64_t cluster);

}  // namespace topica::hdbscan
