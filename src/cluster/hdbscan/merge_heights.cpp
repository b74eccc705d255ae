#include "cluster/hdbscan/merge_heights.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace topica::hdbscan {

MergeHeights::MergeHeights(const ClusterTree& tree, std::span<const std::int64_t> selected)
    : tree_(tree), first_(tree.clusters, 0), last_(tree.clusters, 0) {
  // Depth-first numbering, iterative (a cluster tree can be as deep as n / min_cluster_size).
  std::size_t next = 0;
  std::vector<std::pair<std::int64_t, bool>> pending{{tree.root, false}};
  while (!pending.empty()) {
    const auto [cluster, done] = pending.back();
    pending.pop_back();
    const std::size_t c = tree.at(cluster);
    if (done) {
      last_[c] = next;
      continue;
    }
    first_[c] = next++;
    pending.emplace_back(cluster, true);
    if (tree.second_child[c] != -1) pending.emplace_back(tree.second_child[c], false);
    if (tree.first_child[c] != -1) pending.emplace_back(tree.first_child[c], false);
  }
  label_at_.resize(selected.size());
  std::iota(label_at_.begin(), label_at_.end(), std::size_t{0});
  const auto position = [&](std::size_t label) { return first_[tree.at(selected[label])]; };
  std::sort(label_at_.begin(), label_at_.end(), [&](std::size_t a, std::size_t b) { return position(a) < position(b); });
  order_position_.resize(selected.size());
  for (std::size_t k = 0; k < selected.size(); ++k) order_position_[k] = position(label_at_[k]);
}

void MergeHeights::fill(std::int64_t point_cluster, std::vector<double>& out) const {
  out.assign(label_at_.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::int64_t node = point_cluster; tree_.parent[tree_.at(node)] != -1;) {
    const std::size_t p = tree_.at(tree_.parent[tree_.at(node)]);
    const std::int64_t sibling = tree_.first_child[p] == node ? tree_.second_child[p] : tree_.first_child[p];
    node = tree_.parent[tree_.at(node)];
    if (sibling == -1) continue;
    const std::size_t s = tree_.at(sibling);
    const auto begin = std::lower_bound(order_position_.begin(), order_position_.end(), first_[s]);
    const auto end = std::lower_bound(begin, order_position_.end(), last_[s]);
    for (auto k = begin; k != end; ++k) out[label_at_[static_cast<std::size_t>(k - order_position_.begin())]] = tree_.birth[s];
  }
}

}  // namespace topica::hdbscan
