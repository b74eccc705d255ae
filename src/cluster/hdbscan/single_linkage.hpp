// Single-linkage hierarchy from sorted spanning-tree edges (hdbscan 0.8 _hdbscan_linkage.pyx
// label(), scipy's linkage format): merge i joins the current clusters of the edge's two ends,
// left = the cluster of `from`, right = the cluster of `to`, and creates node n + i.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "cluster/hdbscan/mst.hpp"

namespace topica::hdbscan {

struct Merge {
  std::int64_t left, right;
  double distance;
  std::int64_t size;
};

/// `edges` must already be in merge order (increasing distance); n = edges.size() + 1 points.
std::vector<Merge> single_linkage(std::span<const MstEdge> edges);

}  // namespace topica::hdbscan
