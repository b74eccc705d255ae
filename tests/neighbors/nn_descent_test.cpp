// The approximate path (NN-descent): recall against the exact answer, reproducibility for any
// thread count, and the shapes of data that make naive trees or joins hang (duplicates, blobs).
#include <gtest/gtest.h>

#include "neighbors/brute_force.hpp"
#include "neighbors/knn_test_util.hpp"
#include "neighbors/nn_descent.hpp"
#include "neighbors/rp_tree.hpp"
#include "topica/neighbors.hpp"

namespace topica {
namespace {

using test::clustered;
using test::expect_well_formed;
using test::indices_of;
using test::recall;

KnnOptions opts(std::size_t k, Metric metric, std::size_t threads = 2, std::uint64_t seed = 42) {
  KnnOptions o;
  o.k = k;
  o.metric = metric;
  o.threads = threads;
  o.seed = seed;
  return o;
}

TEST(NnDescent, RecallAgainstExact) {
  const Matrix<float> data = clustered(3000, 32, 30, 21);
  for (Metric metric : {Metric::Euclidean, Metric::Cosine}) {
    const KnnGraph approx = approximate_knn(data, opts(15, metric));
    expect_well_formed(approx, data.rows, true);
    const KnnGraph exact = exact_knn(data, opts(15, metric));
    const double r = recall(approx, indices_of(exact), 15);
    RecordProperty(std::string("recall_") + metric_name(metric), std::to_string(r));
    EXPECT_GE(r, 0.97) << metric_name(metric);
  }
}

TEST(NnDescent, DistancesAreTheExactOnesOfTheListedPairs) {
  const Matrix<float> data = clustered(1500, 16, 10, 22);
  for (Metric metric : {Metric::Euclidean, Metric::Cosine}) {
    const KnnGraph approx = approximate_knn(data, opts(10, metric));
    // brute force over all points gives the same distance for the same pair
    const KnnGraph all = neighbors::brute_force_knn(data, opts(data.rows, metric));
    for (std::size_t i = 0; i < data.rows; i += 97) {
      for (std::size_t j = 1; j < 10; ++j) {
        const std::int32_t other = approx.neighbors(i)[j];
        const auto* row = all.neighbors(i);
        const auto at = std::find(row, row + all.k, other) - row;
        ASSERT_NEAR(approx.distances_of(i)[j], all.distances_of(i)[at], 2e-6) << "row " << i;
      }
    }
  }
}

TEST(NnDescent, IdenticalForAnyThreadCount) {
  const Matrix<float> data = clustered(5000, 24, 40, 23);
  for (Metric metric : {Metric::Euclidean, Metric::Cosine}) {
    const KnnGraph one = approximate_knn(data, opts(15, metric, 1));
    const KnnGraph three = approximate_knn(data, opts(15, metric, 3));
    EXPECT_EQ(one.indices, three.indices) << metric_name(metric);
    EXPECT_EQ(one.distances, three.distances) << metric_name(metric);
  }
}

TEST(NnDescent, SeedChangesTheRunNotTheQuality) {
  const Matrix<float> data = clustered(2000, 16, 20, 24);
  const KnnGraph exact = exact_knn(data, opts(15, Metric::Euclidean));
  const KnnGraph a = approximate_knn(data, opts(15, Metric::Euclidean, 2, 1));
  const KnnGraph b = approximate_knn(data, opts(15, Metric::Euclidean, 2, 2));
  EXPECT_EQ(a.indices, approximate_knn(data, opts(15, Metric::Euclidean, 2, 1)).indices);
  EXPECT_GE(recall(a, indices_of(exact), 15), 0.97);
  EXPECT_GE(recall(b, indices_of(exact), 15), 0.97);
}

TEST(NnDescent, DuplicatesAndADenseBlobFinish) {
  // 1,500 copies of one point, 1,000 points in a blob of width 1e-6 and 500 ordinary points.
  Matrix<float> data = clustered(3000, 12, 5, 25);
  Random random(5);
  for (std::size_t i = 0; i < 2500; ++i) {
    for (std::size_t j = 0; j < data.cols; ++j) {
      // the copies point another way than the blob, so that cosine tells them apart too
      data(i, j) = i < 1500 ? (j % 2 == 0 ? 0.5f : -0.5f) : 2.0f + 1e-6f * static_cast<float>(random.normal());
    }
  }
  for (Metric metric : {Metric::Euclidean, Metric::Cosine}) {
    const KnnGraph g = approximate_knn(data, opts(15, metric));
    expect_well_formed(g, data.rows, true);
    for (std::size_t i = 0; i < 1500; i += 50) EXPECT_EQ(g.distances_of(i)[14], 0.0f) << "row " << i;
  }
}

TEST(NnDescent, SmallInputsAndSmallK) {
  // k = n: every list holds all points; k = 1: only the point itself.
  const Matrix<float> data = clustered(6, 4, 2, 26);
  const KnnGraph all = approximate_knn(data, opts(6, Metric::Euclidean));
  expect_well_formed(all, data.rows, true);
  const KnnGraph self = approximate_knn(data, opts(1, Metric::Cosine));
  for (std::size_t i = 0; i < data.rows; ++i) EXPECT_EQ(self.neighbors(i)[0], static_cast<std::int32_t>(i));
  const KnnGraph two = approximate_knn(clustered(2, 3, 1, 27), opts(2, Metric::Euclidean));
  EXPECT_EQ(two.indices, (std::vector<std::int32_t>{0, 1, 1, 0}));
}

TEST(NnDescent, NearestNeighborsChoosesByUmapsRule) {
  // Below 4,096 points the answer is exact (umap-learn 0.5); `exact` forces it above.
  const Matrix<float> data = clustered(1000, 8, 10, 28);
  EXPECT_EQ(nearest_neighbors(data, opts(15, Metric::Cosine)).indices, exact_knn(data, opts(15, Metric::Cosine)).indices);
  KnnOptions forced = opts(15, Metric::Cosine);
  forced.exact = true;
  const Matrix<float> big = clustered(kExactBelow, 8, 10, 29);
  EXPECT_EQ(nearest_neighbors(big, forced).indices, exact_knn(big, forced).indices);
  EXPECT_EQ(nearest_neighbors(big, opts(15, Metric::Cosine)).indices, approximate_knn(big, opts(15, Metric::Cosine)).indices);
}

TEST(NnDescent, PlanFollowsTheReferenceRules) {
  const neighbors::DescentPlan plan = neighbors::plan_descent(58959, 15, NnDescentOptions{});
  EXPECT_EQ(plan.n_trees, 17u);         // umap-learn: min(64, 5 + round(sqrt(n) / 20))
  EXPECT_EQ(plan.leaf_size, 15u);       // pynndescent: max(10, k)
  EXPECT_EQ(plan.max_candidates, 60u);  // umap-learn passes 60
  EXPECT_EQ(plan.n_iters, 16u);         // max(5, round(log2 n))
}

TEST(RpTree, LeavesPartitionThePoints) {
  const Matrix<float> data = clustered(2000, 10, 8, 30);
  Random random(1);
  const neighbors::RpTree tree = neighbors::build_rp_tree(data, 15, random, true);
  std::vector<int> seen(data.rows, 0);
  for (std::size_t l = 0; l < tree.leaves(); ++l) {
    const std::size_t size = tree.leaf_begin[l + 1] - tree.leaf_begin[l];
    EXPECT_GE(size, 1u);
    EXPECT_LE(size, 15u);
    for (std::size_t s = tree.leaf_begin[l]; s < tree.leaf_begin[l + 1]; ++s) {
      ++seen[static_cast<std::size_t>(tree.points[s])];
      // a point descends to its own leaf (no point of this data sits on a hyperplane)
      EXPECT_EQ(tree.leaf_of(data.row(static_cast<std::size_t>(tree.points[s]))), l);
    }
  }
  for (int s : seen) EXPECT_EQ(s, 1);
}

TEST(RpTree, DuplicatesSplitInHalves) {
  Matrix<float> data(1000, 4);
  for (float& v : data.values) v = 1.0f;
  Random random(2);
  const neighbors::RpTree tree = neighbors::build_rp_tree(data, 10, random, false);
  EXPECT_LE(tree.leaves(), 256u);  // a balanced split gives 128; a chain would give ~100 deep leaves of 10
  EXPECT_GE(tree.leaves(), 100u);
}

}  // namespace
}  // namespace topica

namespace topica {
namespace {

// pynndescent's cosine puts an all-zero row infinitely far from the others; ranked as plain unit
// rows it would sit at cosine 0.5 from everything and be every sparse point's neighbour.
TEST(NnDescent, ZeroRowsAreNobodysCosineNeighbour) {
  Matrix<float> data = clustered(4000, 16, 40, 5);
  for (std::size_t i = 0; i < data.rows; i += 100) std::fill(data.row(i), data.row(i) + data.cols, 0.0f);
  const KnnGraph g = approximate_knn(data, opts(15, Metric::Cosine));
  for (std::size_t i = 0; i < g.n; ++i) {
    const bool zero = i % 100 == 0;
    for (std::size_t s = 1; s < g.k; ++s) {
      const auto j = static_cast<std::size_t>(g.neighbors(i)[s]);
      EXPECT_EQ(j % 100 == 0, zero) << "row " << i << " lists row " << j;
    }
    // Reported as scikit-learn does: 1 - 0 between zero rows too.
    if (zero) EXPECT_EQ(g.distances_of(i)[1], 1.0f);
  }
}

}  // namespace
}  // namespace topica
