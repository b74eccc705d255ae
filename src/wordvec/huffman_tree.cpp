#include "wordvec/huffman_tree.hpp"

#include <algorithm>

namespace topica::wordvec {

HuffmanTree::HuffmanTree(const std::vector<std::uint64_t>& counts) {
  const std::size_t v = counts.size();
  offsets_.assign(v + 1, 0);
  if (v < 2) return;
  inner_nodes_ = v - 1;
  // Leaves 0..v-1 (counts descending), inner nodes v..2v-2 created in increasing weight, so the
  // two smallest are always at the two fronts: the leaves read from the end, the inner nodes
  // from the start (word2vec.c's two-pointer merge).
  std::vector<std::uint64_t> weight(2 * v - 1, 0);
  std::vector<std::size_t> parent(2 * v - 1, 0);
  std::vector<std::uint8_t> branch(2 * v - 1, 0);
  std::copy(counts.begin(), counts.end(), weight.begin());
  std::ptrdiff_t leaf = static_cast<std::ptrdiff_t>(v) - 1;
  std::size_t inner = v;
  const auto take_smallest = [&](std::size_t made) {
    if (leaf >= 0 && (inner >= made || weight[static_cast<std::size_t>(leaf)] < weight[inner])) {
      return static_cast<std::size_t>(leaf--);
    }
    return inner++;
  };
  for (std::size_t a = 0; a + 1 < v; ++a) {
    const std::size_t made = v + a;  // inner nodes before this one exist
    const std::size_t first = take_smallest(made);
    const std::size_t second = take_smallest(made);
    weight[made] = weight[first] + weight[second];
    parent[first] = parent[second] = made;
    branch[second] = 1;
  }
  const std::size_t root = 2 * v - 2;
  std::vector<std::uint32_t> path_points;
  std::vector<std::uint8_t> path_codes;
  for (std::size_t w = 0; w < v; ++w) {
    path_points.clear();
    path_codes.clear();
    for (std::size_t node = w; node != root; node = parent[node]) {
      path_codes.push_back(branch[node]);
      path_points.push_back(static_cast<std::uint32_t>(parent[node] - v));
    }
    points_.insert(points_.end(), path_points.rbegin(), path_points.rend());
    codes_.insert(codes_.end(), path_codes.rbegin(), path_codes.rend());
    offsets_[w + 1] = points_.size();
  }
}

}  // namespace topica::wordvec
