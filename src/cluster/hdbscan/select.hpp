// Flat clusters from the condensed tree (hdbscan 0.8 _hdbscan_tree.pyx compute_stability,
// get_clusters, do_labelling, get_probabilities).
//
// Stability of a cluster: sum over its rows of (lambda - birth lambda) * size.
// eom: visit clusters from the largest id down (children before parents); a cluster whose
// children's summed stability is strictly larger gives way to them and takes that sum as its
// own, otherwise it is selected and everything below it is not. The root takes part only with
// allow_single_cluster. leaf: the clusters without child clusters (the root if there are none).
// cluster_selection_epsilon then replaces a selected cluster born below that distance by its
// closest ancestor born above it (never the root unless allow_single_cluster).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "cluster/hdbscan/condensed_tree.hpp"

namespace topica::hdbscan {

std::vector<double> cluster_stability(std::span<const CondensedTreeRow> rows, const ClusterTree& tree);

/// Selected cluster ids, increasing (label k = the k-th).
std::vector<std::int64_t> select_clusters(std::span<const CondensedTreeRow> rows, const ClusterTree& tree,
                                          const HdbscanOptions& options);

/// Per point: the label of the nearest selected cluster at or above the cluster it leaves, -1
/// if none (hdbscan do_labelling with match_reference_implementation=False).
std::vector<std::int64_t> label_points(const ClusterTree& tree, std::span<const std::int64_t> selected,
                                       const HdbscanOptions& options);

/// Per point: min(lambda, max lambda of its cluster) / that max, 0 for noise (get_probabilities).
std::vector<double> membership_strengths(const ClusterTree& tree, std::span<const std::int64_t> selected,
                                         std::span<const std::int64_t> labels);

/// For every cluster id: the label of the selected cluster at or above it, -1 if none
/// (prediction data's cluster_map, which maps sub-clusters to their selected ancestor).
std::vector<std::int64_t> cluster_owner(const ClusterTree& tree, std::span<const std::int64_t> selected);

}  // namespace topica::hdbscan
