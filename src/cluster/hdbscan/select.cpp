#include "cluster/hdbscan/select.hpp"

#include <algorithm>
#include <cmath>

namespace topica::hdbscan {
namespace {

// Clears the selection below `cluster`. Below a selected cluster everything is already clear
// (hdbscan zero_subtree), so the walk stops there.
void deselect_below(const ClusterTree& tree, std::vector<std::uint8_t>& chosen, std::int64_t cluster) {
  std::vector<std::int64_t> pending{cluster};
  while (!pending.empty()) {
    const std::size_t c = tree.at(pending.back());
    pending.pop_back();
    for (const std::int64_t child : {tree.first_child[c], tree.second_child[c]}) {
      if (child == -1) continue;
      if (chosen[tree.at(child)]) {
        chosen[tree.at(child)] = 0;
      } else {
        pending.push_back(child);
      }
    }
  }
}

std::vector<std::int64_t> select_eom(std::span<const CondensedTreeRow> rows, const ClusterTree& tree,
                                     bool allow_single_cluster) {
  std::vector<double> stability = cluster_stability(rows, tree);
  std::vector<std::uint8_t> chosen(tree.clusters, 0);
  const std::size_t last = allow_single_cluster ? 0 : 1;
  for (std::size_t c = tree.clusters; c-- > last;) {
    double children = 0.0;
    if (tree.first_child[c] != -1) children += stability[tree.at(tree.first_child[c])];
    if (tree.second_child[c] != -1) children += stability[tree.at(tree.second_child[c])];
    if (children > stability[c]) {
      stability[c] = children;
    } else {
      deselect_below(tree, chosen, tree.root + static_cast<std::int64_t>(c));
      chosen[c] = 1;
    }
  }
  std::vector<std::int64_t> out;
  for (std::size_t c = 0; c < tree.clusters; ++c) {
    if (chosen[c]) out.push_back(tree.root + static_cast<std::int64_t>(c));
  }
  return out;
}

// hdbscan traverse_upwards: the first ancestor born at a distance above epsilon; reaching the
// root gives the root with allow_single_cluster, else the node just below it.
std::int64_t traverse_upwards(const ClusterTree& tree, double epsilon, std::int64_t node, bool allow_single_cluster) {
  for (;;) {
    const std::int64_t parent = tree.parent[tree.at(node)];
    if (parent == tree.root) return allow_single_cluster ? parent : node;
    if (1.0 / tree.birth[tree.at(parent)] > epsilon) return parent;
    node = parent;
  }
}

// hdbscan epsilon_search, visiting the candidates in increasing id order.
std::vector<std::int64_t> epsilon_search(const ClusterTree& tree, std::span<const std::int64_t> candidates,
                                         double epsilon, bool allow_single_cluster) {
  std::vector<std::uint8_t> chosen(tree.clusters, 0), processed(tree.clusters, 0);
  for (const std::int64_t leaf : candidates) {
    if (1.0 / tree.birth[tree.at(leaf)] < epsilon) {
      if (processed[tree.at(leaf)]) continue;
      const std::int64_t up = traverse_upwards(tree, epsilon, leaf, allow_single_cluster);
      chosen[tree.at(up)] = 1;
      for (const std::int64_t sub : subtree(tree, up)) {
        if (sub != up) processed[tree.at(sub)] = 1;
      }
    } else {
      chosen[tree.at(leaf)] = 1;
    }
  }
  std::vector<std::int64_t> out;
  for (std::size_t c = 0; c < tree.clusters; ++c) {
    if (chosen[c]) out.push_back(tree.root + static_cast<std::int64_t>(c));
  }
  return out;
}

}  // namespace

std::vector<double> cluster_stability(std::span<const CondensedTreeRow> rows, const ClusterTree& tree) {
  std::vector<double> stability(tree.clusters, 0.0);
  for (const CondensedTreeRow& r : rows) {
    const std::size_t p = tree.at(r.parent);
    stability[p] += (r.lambda - tree.birth[p]) * static_cast<double>(r.size);
  }
  return stability;
}

std::vector<std::int64_t> select_clusters(std::span<const CondensedTreeRow> rows, const ClusterTree& tree,
                                          const HdbscanOptions& options) {
  const bool has_tree = tree.clusters > 1;
  if (options.selection == ClusterSelection::Eom) {
    std::vector<std::int64_t> eom = select_eom(rows, tree, options.allow_single_cluster);
    if (options.epsilon == 0.0 || !has_tree) return eom;
    if (eom.size() == 1 && eom[0] == tree.root) {
      return options.allow_single_cluster ? eom : std::vector<std::int64_t>{};
    }
    return epsilon_search(tree, eom, options.epsilon, options.allow_single_cluster);
  }
  std::vector<std::int64_t> leaves;
  for (std::size_t c = 1; c < tree.clusters; ++c) {
    if (tree.first_child[c] == -1) leaves.push_back(tree.root + static_cast<std::int64_t>(c));
  }
  if (leaves.empty()) return {tree.root};
  if (options.epsilon == 0.0) return leaves;
  return epsilon_search(tree, leaves, options.epsilon, options.allow_single_cluster);
}

std::vector<std::int64_t> cluster_owner(const ClusterTree& tree, std::span<const std::int64_t> selected) {
  std::vector<std::int64_t> owner(tree.clusters, -1);
  for (std::size_t k = 0; k < selected.size(); ++k) owner[tree.at(selected[k])] = static_cast<std::int64_t>(k);
  // Parents have smaller ids, so one pass in id order pushes every owner down its subtree.
  for (std::size_t c = 1; c < tree.clusters; ++c) {
    if (owner[c] == -1) owner[c] = owner[tree.at(tree.parent[c])];
  }
  return owner;
}

std::vector<std::int64_t> label_points(const ClusterTree& tree, std::span<const std::int64_t> selected,
                                       const HdbscanOptions& options) {
  const std::vector<std::int64_t> owner = cluster_owner(tree, selected);
  const std::size_t n = tree.point_parent.size();
  std::vector<std::int64_t> labels(n, -1);
  const bool root_selected = !selected.empty() && selected.front() == tree.root;
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t label = owner[tree.at(tree.point_parent[i])];
    if (label < 0) continue;
    if (selected[static_cast<std::size_t>(label)] != tree.root) {
      labels[i] = label;
      continue;
    }
    // The root as the single cluster keeps only its densest points (hdbscan do_labelling):
    // those at or beyond the largest lambda the root sees, or, with epsilon, beyond 1 / epsilon.
    if (!root_selected || selected.size() != 1 || !options.allow_single_cluster) continue;
    const double lambda = tree.point_lambda[i];
    const double threshold = options.epsilon != 0.0 ? 1.0 / options.epsilon : tree.max_lambda[0];
    if (lambda >= threshold) labels[i] = label;
  }
  return labels;
}

std::vector<double> membership_strengths(const ClusterTree& tree, std::span<const std::int64_t> selected,
                                         std::span<const std::int64_t> labels) {
  std::vector<double> out(labels.size(), 0.0);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0) continue;
    const double max_lambda = tree.max_lambda[tree.at(selected[static_cast<std::size_t>(labels[i])])];
    const double lambda = tree.point_lambda[i];
    out[i] = (max_lambda == 0.0 || !std::isfinite(lambda)) ? 1.0 : std::min(lambda, max_lambda) / max_lambda;
  }
  return out;
}

}  // namespace topica::hdbscan
