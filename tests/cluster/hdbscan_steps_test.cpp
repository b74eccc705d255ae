// The HDBSCAN steps one by one on inputs small enough to check by hand or against a value
// printed by the reference tool (numpy 1.24.2 and scikit-learn 1.2.1, Debian 12; the Python
// that printed each one is quoted beside it).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "cluster/hdbscan/condensed_tree.hpp"
#include "cluster/hdbscan/core_distance.hpp"
#include "cluster/hdbscan/kd_tree.hpp"
#include "cluster/hdbscan/mst.hpp"
#include "cluster/hdbscan/numpy_argsort.hpp"
#include "cluster/hdbscan/select.hpp"
#include "cluster/hdbscan/single_linkage.hpp"

namespace topica::hdbscan {
namespace {

Matrix<double> matrix(const std::vector<std::vector<double>>& rows) {
  Matrix<double> m(rows.size(), rows.empty() ? 0 : rows[0].size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t j = 0; j < m.cols; ++j) m(i, j) = rows[i][j];
  }
  return m;
}

TEST(NumpyArgsort, TiesComeOutInNumpysOrder) {
  // np.argsort(np.zeros(17)): 17 elements are the first size numpy partitions.
  const std::vector<double> zeros(17, 0.0);
  EXPECT_EQ(numpy_argsort(zeros), (std::vector<std::size_t>{0, 14, 13, 12, 11, 10, 9, 15, 8, 6, 5, 4, 3, 2, 1, 7, 16}));
  // v = np.random.default_rng(3).integers(0, 4, 40).astype(float); np.argsort(v)
  const std::vector<double> v{3, 0, 0, 0, 0, 3, 3, 2, 0, 0, 1, 1, 2, 1, 1, 0, 2, 2, 0, 0,
                              1, 1, 3, 2, 1, 1, 2, 2, 0, 2, 3, 3, 3, 1, 1, 2, 2, 2, 3, 1};
  EXPECT_EQ(numpy_argsort(v), (std::vector<std::size_t>{19, 1,  2,  3,  4,  28, 8,  9,  18, 15, 34, 33, 25, 24,
                                                        21, 20, 39, 14, 13, 11, 10, 17, 37, 36, 35, 29, 16, 7,
                                                        26, 23, 12, 27, 30, 31, 32, 6,  5,  22, 38, 0}));
  // Below 16 elements numpy's insertion sort keeps ties in input order.
  EXPECT_EQ(numpy_argsort(std::vector<double>{2, 1, 2, 1}), (std::vector<std::size_t>{1, 3, 0, 2}));
  EXPECT_TRUE(numpy_argsort(std::vector<double>{}).empty());
}

TEST(KdTree, SameLayoutAsScikitLearn) {
  // X = np.round(np.random.default_rng(3)... .normal(size=(30, 2)), 1) after the 40 integers
  // above; KDTree(X, leaf_size=3).get_arrays()
  const Matrix<double> x = matrix({{0.0, 1.5},  {0.5, -0.5}, {-0.2, 0.5}, {1.9, -0.3}, {-0.2, 1.0}, {-0.9, -0.3},
                                   {0.9, 0.6},  {0.1, 0.7},  {-2.8, 1.0}, {-1.0, -1.7}, {0.3, 0.7}, {-0.4, -1.1},
                                   {0.0, -0.1}, {1.4, 0.7},  {0.2, 1.1},  {-0.2, -0.9}, {0.6, 0.6}, {-0.2, -0.8},
                                   {0.2, -2.5}, {0.7, 0.5},  {-1.6, 0.1}, {-1.0, 0.8},  {-2.0, -0.9}, {0.7, 1.2},
                                   {-2.2, -0.5}, {0.3, -0.6}, {1.6, -1.2}, {0.4, -1.0}, {1.4, -0.0}, {-0.4, -1.7}});
  const KdTree tree(x, 3);
  EXPECT_EQ(tree.index(), (std::vector<std::int64_t>{9,  22, 24, 11, 29, 15, 17, 5,  8,  21, 20, 2,  4,  0,  12,
                                                     26, 18, 27, 25, 1,  3,  28, 14, 7,  10, 16, 19, 13, 23, 6}));
  const std::size_t bounds[15][3] = {{0, 30, 0},  {0, 15, 0},  {15, 30, 0}, {0, 7, 0},   {7, 15, 0},
                                     {15, 22, 0}, {22, 30, 0}, {0, 3, 1},   {3, 7, 1},   {7, 11, 1},
                                     {11, 15, 1}, {15, 18, 1}, {18, 22, 1}, {22, 26, 1}, {26, 30, 1}};
  ASSERT_EQ(tree.node_count(), 15u);
  for (std::size_t i = 0; i < 15; ++i) {
    EXPECT_EQ(tree.node(i).begin, bounds[i][0]) << i;
    EXPECT_EQ(tree.node(i).end, bounds[i][1]) << i;
    EXPECT_EQ(tree.node(i).leaf, bounds[i][2] == 1) << i;
  }
  EXPECT_DOUBLE_EQ(tree.node(0).radius, 3.085854824841894);
  EXPECT_DOUBLE_EQ(tree.node(5).radius, 1.5116216457830975);
  // Boxes that overlap are at distance 0; the root is at distance 0 from everything.
  EXPECT_EQ(tree.node_rdist(0, 7), 0.0);
}

TEST(KdTree, NearestNeighboursAreExactWithIndexTieBreak) {
  // Four points on a line and a duplicate: ties go to the smaller index.
  const Matrix<double> x = matrix({{0.0}, {1.0}, {1.0}, {3.0}, {-1.0}});
  const KdTree tree(x, 1);
  std::vector<KdNeighbor> found(3);
  const double q[] = {0.0};
  tree.knn(q, 3, found.data());
  EXPECT_EQ(found[0].index, 0);
  EXPECT_EQ(found[1].index, 1);  // 1, 2 and 4 are all at distance 1
  EXPECT_EQ(found[2].index, 2);
  EXPECT_EQ(found[2].rdist, 1.0);
}

TEST(CoreDistances, CountTheMinSamplesThOtherPoint) {
  // hdbscan's fit: k = min_samples + 1 neighbours with the point itself; prediction data:
  // k = min_samples. On a line 0, 1, 3, 6: point 0's neighbours are 0, 1, 3, 6.
  const Matrix<double> x = matrix({{0.0}, {1.0}, {3.0}, {6.0}});
  const KdTree tree(x, 40);
  const CoreDistances core = compute_core_distances(tree, 2, 1);
  EXPECT_EQ(core.k, 3u);
  EXPECT_DOUBLE_EQ(core.fit[0], 3.0);
  EXPECT_DOUBLE_EQ(core.prediction[0], 1.0);
  EXPECT_DOUBLE_EQ(core.fit[3], 5.0);
}

TEST(SingleLinkage, MergesCurrentClustersInEdgeOrder) {
  // Edges (0-1, 1), (2-3, 2), (1-2, 5): scipy linkage format.
  const std::vector<MstEdge> edges{{0, 1, 1.0}, {2, 3, 2.0}, {1, 2, 5.0}};
  const std::vector<Merge> merges = single_linkage(edges);
  ASSERT_EQ(merges.size(), 3u);
  EXPECT_EQ(merges[2].left, 4);
  EXPECT_EQ(merges[2].right, 5);
  EXPECT_EQ(merges[2].distance, 5.0);
  EXPECT_EQ(merges[2].size, 4);
}

// Two groups of three points far apart, plus one straggler: with min_cluster_size 3 the root
// sheds the straggler, then splits into two clusters that shed their points.
std::vector<Merge> two_groups() {
  // points 0,1,2 (group A), 3,4,5 (group B), 6 (straggler); edges in increasing length
  const std::vector<MstEdge> edges{{3, 4, 0.25}, {0, 1, 0.5}, {1, 2, 0.5}, {4, 5, 0.5}, {2, 3, 4.0}, {5, 6, 8.0}};
  return single_linkage(edges);
}

TEST(CondensedTree, ShedsSmallSidesAndSplitsBigOnes) {
  const std::vector<CondensedTreeRow> rows = condense_tree(two_groups(), 3);
  // Root 7 sheds point 6 at 1/8, then splits into clusters 8 and 9 at 1/4.
  ASSERT_GE(rows.size(), 3u);
  EXPECT_EQ(rows[0].parent, 7);
  EXPECT_EQ(rows[0].lambda, 0.125);
  const ClusterTree tree = index_condensed_tree(rows, 7);
  EXPECT_EQ(tree.clusters, 3u);
  EXPECT_EQ(tree.point_parent[6], 7);
  EXPECT_EQ(tree.birth[1], 0.25);
  EXPECT_EQ(tree.birth[2], 0.25);
  EXPECT_EQ(tree.parent[1], 7);
  // Every point appears exactly once.
  std::vector<int> seen(7, 0);
  for (const auto& r : rows) {
    if (r.child < 7) ++seen[static_cast<std::size_t>(r.child)];
  }
  EXPECT_EQ(seen, std::vector<int>(7, 1));
  // Each group falls apart at distance 0.5: none of its sides reaches 3 points, so all three
  // points leave together at lambda 2 (3 and 4, closer, never form a cluster of their own).
  const std::int64_t b_cluster = tree.point_parent[3];
  EXPECT_EQ(tree.point_lambda[3], 2.0);
  EXPECT_EQ(tree.max_lambda[tree.at(b_cluster)], 2.0);
  // Stability: 3 points x (2 - 0.25) per group; the root: 1 x 1/8 + 6 x 1/4.
  const std::vector<double> stability = cluster_stability(rows, tree);
  EXPECT_DOUBLE_EQ(stability[0], 1.625);
  EXPECT_DOUBLE_EQ(stability[1], 5.25);
}

TEST(Selection, EomPrefersTheTwoGroupsOverTheRoot) {
  const std::vector<CondensedTreeRow> rows = condense_tree(two_groups(), 3);
  const ClusterTree tree = index_condensed_tree(rows, 7);
  HdbscanOptions options;
  options.min_cluster_size = 3;
  const auto selected = select_clusters(rows, tree, options);
  EXPECT_EQ(selected, (std::vector<std::int64_t>{8, 9}));
  const auto labels = label_points(tree, selected, options);
  EXPECT_EQ(labels[6], -1);
  EXPECT_EQ(labels[0], labels[2]);
  EXPECT_NE(labels[0], labels[3]);
  // An epsilon larger than the split distance (4) merges them back into... nothing but the
  // root, which is only allowed with allow_single_cluster: each keeps its own node.
  options.epsilon = 5.0;
  EXPECT_EQ(select_clusters(rows, tree, options), (std::vector<std::int64_t>{8, 9}));
  options.allow_single_cluster = true;
  EXPECT_EQ(select_clusters(rows, tree, options), (std::vector<std::int64_t>{7}));
}

TEST(Mst, ExactAndReferenceAgreeOnSeparatedData) {
  Matrix<double> x(200, 2);
  for (std::size_t i = 0; i < 200; ++i) {
    x(i, 0) = static_cast<double>(i % 20) + (i >= 100 ? 50.0 : 0.0);
    x(i, 1) = static_cast<double>((i * 7) % 13) * 0.37;
  }
  const KdTree tree(x, 13);
  const CoreDistances core = compute_core_distances(tree, 5, 1);
  const auto weight = [](const std::vector<MstEdge>& e) {
    double w = 0;
    for (const auto& edge : e) w += edge.distance;
    return w;
  };
  const auto reference = boruvka_mst(tree, core, MstMethod::Reference);
  const auto exact = boruvka_mst(tree, core, MstMethod::Exact);
  ASSERT_EQ(reference.size(), 199u);
  ASSERT_EQ(exact.size(), 199u);
  EXPECT_LE(weight(exact), weight(reference) + 1e-9);

  // Prim's algorithm on the dense mutual reachability matrix: the exact total.
  const std::size_t n = x.rows;
  std::vector<double> best(n, std::numeric_limits<double>::infinity());
  std::vector<bool> done(n, false);
  best[0] = 0;
  double total = 0;
  for (std::size_t it = 0; it < n; ++it) {
    std::size_t u = n;
    for (std::size_t v = 0; v < n; ++v) {
      if (!done[v] && (u == n || best[v] < best[u])) u = v;
    }
    done[u] = true;
    total += best[u];
    for (std::size_t v = 0; v < n; ++v) {
      const double d = std::sqrt(squared_distance(x.row(u), x.row(v), 2));
      const double mr = std::max({d, core.fit[u], core.fit[v]});
      if (!done[v] && mr < best[v]) best[v] = mr;
    }
  }
  EXPECT_NEAR(weight(exact), total, 1e-9);
}

}  // namespace
}  // namespace topica::hdbscan
