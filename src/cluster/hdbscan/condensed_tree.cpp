#include "cluster/hdbscan/condensed_tree.hpp"

#include <limits>

namespace topica::hdbscan {
namespace {

// hdbscan bfs_from_hierarchy: a node, then its children left to right, level by level.
void breadth_first(std::span<const Merge> merges, std::int64_t start, std::vector<std::int64_t>& out) {
  const auto n = static_cast<std::int64_t>(merges.size() + 1);
  const std::size_t first = out.size();
  out.push_back(start);
  for (std::size_t i = first; i < out.size(); ++i) {
    const std::int64_t node = out[i];
    if (node < n) continue;
    const Merge& m = merges[static_cast<std::size_t>(node - n)];
    out.push_back(m.left);
    out.push_back(m.right);
  }
}

}  // namespace

std::vector<CondensedTreeRow> condense_tree(std::span<const Merge> merges, std::size_t min_cluster_size) {
  const auto n = static_cast<std::int64_t>(merges.size() + 1);
  const std::int64_t top = 2 * static_cast<std::int64_t>(merges.size());
  const auto mcs = static_cast<std::int64_t>(min_cluster_size);
  std::vector<std::int64_t> order;
  order.reserve(static_cast<std::size_t>(top + 1));
  breadth_first(merges, top, order);

  std::vector<std::int64_t> relabel(static_cast<std::size_t>(top + 1), 0);
  std::vector<std::uint8_t> ignore(static_cast<std::size_t>(top + 1), 0);
  relabel[static_cast<std::size_t>(top)] = n;
  std::int64_t next_label = n;
  std::vector<CondensedTreeRow> rows;
  rows.reserve(static_cast<std::size_t>(n) + 64);
  std::vector<std::int64_t> fallen;

  const auto count = [&](std::int64_t node) { return node >= n ? merges[static_cast<std::size_t>(node - n)].size : 1; };
  for (const std::int64_t node : order) {
    if (node < n || ignore[static_cast<std::size_t>(node)]) continue;
    const Merge& m = merges[static_cast<std::size_t>(node - n)];
    const double lambda = m.distance > 0.0 ? 1.0 / m.distance : std::numeric_limits<double>::infinity();
    const std::int64_t parent = relabel[static_cast<std::size_t>(node)];
    const std::int64_t side[2] = {m.left, m.right};
    const std::int64_t size[2] = {count(m.left), count(m.right)};
    if (size[0] >= mcs && size[1] >= mcs) {
      for (int i = 0; i < 2; ++i) {
        relabel[static_cast<std::size_t>(side[i])] = ++next_label;
        rows.push_back({parent, next_label, lambda, size[i]});
      }
    } else if (size[0] >= mcs || size[1] >= mcs) {
      relabel[static_cast<std::size_t>(side[size[0] >= mcs ? 0 : 1])] = parent;  // the cluster goes on
    }
    for (int i = 0; i < 2; ++i) {
      if (size[i] >= mcs) continue;
      fallen.clear();
      breadth_first(merges, side[i], fallen);
      for (const std::int64_t sub : fallen) {
        if (sub < n) rows.push_back({parent, sub, lambda, 1});
        ignore[static_cast<std::size_t>(sub)] = 1;
      }
    }
  }
  return rows;
}

ClusterTree index_condensed_tree(std::span<const CondensedTreeRow> rows, std::size_t points) {
  ClusterTree t;
  t.root = static_cast<std::int64_t>(points);
  t.clusters = 1;
  for (const CondensedTreeRow& r : rows) t.clusters += r.child >= t.root ? 1 : 0;
  t.point_parent.assign(points, t.root);
  t.point_lambda.assign(points, 0.0);
  t.parent.assign(t.clusters, -1);
  t.birth.assign(t.clusters, 0.0);
  t.first_child.assign(t.clusters, -1);
  t.second_child.assign(t.clusters, -1);
  t.max_lambda.assign(t.clusters, 0.0);
  t.depth.assign(t.clusters, 0);
  for (const CondensedTreeRow& r : rows) {
    const std::size_t p = t.at(r.parent);
    if (r.lambda > t.max_lambda[p]) t.max_lambda[p] = r.lambda;
    if (r.child < t.root) {
      t.point_parent[static_cast<std::size_t>(r.child)] = r.parent;
      t.point_lambda[static_cast<std::size_t>(r.child)] = r.lambda;
      continue;
    }
    const std::size_t c = t.at(r.child);
    t.parent[c] = r.parent;
    t.birth[c] = r.lambda;
    (t.first_child[p] == -1 ? t.first_child[p] : t.second_child[p]) = r.child;
  }
  for (std::size_t c = 1; c < t.clusters; ++c) t.depth[c] = t.depth[t.at(t.parent[c])] + 1;
  return t;
}

std::vector<std::int64_t> subtree(const ClusterTree& tree, std::int64_t cluster) {
  std::vector<std::int64_t> out{cluster};
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::size_t c = tree.at(out[i]);
    if (tree.first_child[c] != -1) out.push_back(tree.first_child[c]);
    if (tree.second_child[c] != -1) out.push_back(tree.second_child[c]);
  }
  return out;
}

}  // namespace topica::hdbscan
