#include "cluster/hdbscan/single_linkage.hpp"

namespace topica::hdbscan {

std::vector<Merge> single_linkage(std::span<const MstEdge> edges) {
  const std::size_t n = edges.size() + 1;
  // parent[x] = -1 marks a current cluster; merges never undo, so path compression is safe.
  std::vector<std::int64_t> parent(2 * n - 1, -1), size(2 * n - 1, 0);
  for (std::size_t i = 0; i < n; ++i) size[i] = 1;
  const auto find = [&](std::int64_t x) {
    std::int64_t root = x;
    while (parent[static_cast<std::size_t>(root)] != -1) root = parent[static_cast<std::size_t>(root)];
    while (x != root) {
      const std::int64_t next = parent[static_cast<std::size_t>(x)];
      parent[static_cast<std::size_t>(x)] = root;
      x = next;
    }
    return root;
  };
  std::vector<Merge> merges;
  merges.reserve(edges.size());
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const std::int64_t a = find(edges[i].from), b = find(edges[i].to);
    const auto node = static_cast<std::int64_t>(n + i);
    const std::int64_t merged = size[static_cast<std::size_t>(a)] + size[static_cast<std::size_t>(b)];
    merges.push_back({a, b, edges[i].distance, merged});
    parent[static_cast<std::size_t>(a)] = parent[static_cast<std::size_t>(b)] = node;
    size[static_cast<std::size_t>(node)] = merged;
  }
  return merges;
}

}  // namespace topica::hdbscan
