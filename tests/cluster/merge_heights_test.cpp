// MergeHeights (all selected clusters at once, from depth-first runs) against hdbscan's
// merge_height written out pair by pair: climb both clusters to their lowest common ancestor
// and take the birth lambda of the child on the selected cluster's side; NaN when one cluster
// lies below the other. Checked for every tree cluster of a deep tree with many leaves.
#include <gtest/gtest.h>

#include <cmath>

#include "cluster/hdbscan/condensed_tree.hpp"
#include "cluster/hdbscan/merge_heights.hpp"
#include "topica/hdbscan.hpp"
#include "topica/random.hpp"

namespace topica::hdbscan {
namespace {

double pairwise_merge_height(const ClusterTree& tree, std::int64_t a, std::int64_t b) {
  const auto up = [&](std::int64_t c) { return tree.parent[tree.at(c)]; };
  const auto depth = [&](std::int64_t c) { return tree.depth[tree.at(c)]; };
  std::int64_t x = a, y = b, below_y = -1;
  while (depth(x) > depth(y)) x = up(x);
  while (depth(y) > depth(x)) {
    below_y = y;
    y = up(y);
  }
  if (x == y) return std::nan("");  // one lies below the other, or they are the same
  while (x != y) {
    x = up(x);
    below_y = y;
    y = up(y);
  }
  return tree.birth[tree.at(below_y)];
}

TEST(MergeHeights, EqualsThePairwiseWalkForEveryClusterOfADeepTree) {
  Random random(3);
  // Nested blobs at several scales give a tree several levels deep.
  Matrix<double> x(1500, 2);
  for (std::size_t i = 0; i < x.rows; ++i) {
    const double big = static_cast<double>(i % 5) * 40, mid = static_cast<double>((i / 5) % 4) * 8,
                 small = static_cast<double>((i / 20) % 3) * 2;
    x(i, 0) = big + mid + small + random.normal() * 0.3;
    x(i, 1) = big - mid + small + random.normal() * 0.3;
  }
  HdbscanOptions options;
  options.min_cluster_size = 5;
  options.selection = ClusterSelection::Leaf;
  const HdbscanModel model = hdbscan_fit(x, options);
  const ClusterTree tree = index_condensed_tree(model.condensed_tree, x.rows);
  ASSERT_GT(model.selected_clusters.size(), 20u);
  std::uint32_t deepest = 0;
  for (const std::uint32_t d : tree.depth) deepest = std::max(deepest, d);
  ASSERT_GE(deepest, 3u);

  const MergeHeights heights(tree, model.selected_clusters);
  std::vector<double> got;
  std::size_t split = 0, nested = 0;
  for (std::size_t c = 0; c < tree.clusters; ++c) {
    const std::int64_t cluster = tree.root + static_cast<std::int64_t>(c);
    heights.fill(cluster, got);
    ASSERT_EQ(got.size(), model.selected_clusters.size());
    for (std::size_t j = 0; j < got.size(); ++j) {
      const double want = pairwise_merge_height(tree, cluster, model.selected_clusters[j]);
      if (std::isnan(want)) {
        EXPECT_TRUE(std::isnan(got[j])) << "cluster " << cluster << ", label " << j;
        ++nested;
      } else {
        EXPECT_EQ(got[j], want) << "cluster " << cluster << ", label " << j;
        ++split;
      }
    }
  }
  EXPECT_GT(split, 0u);
  EXPECT_GT(nested, 0u);
}

}  // namespace
}  // namespace topica::hdbscan
