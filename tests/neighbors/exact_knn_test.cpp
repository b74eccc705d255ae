// The exact path (blocked GEMM) against the brute-force oracle, its conventions and its errors.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <tuple>

#include "neighbors/brute_force.hpp"
#include "neighbors/knn_test_util.hpp"
#include "topica/neighbors.hpp"

namespace topica {
namespace {

using test::clustered;
using test::expect_equal_up_to_ties;
using test::expect_well_formed;
using test::indices_of;

KnnOptions opts(std::size_t k, Metric metric, std::size_t threads = 2) {
  KnnOptions o;
  o.k = k;
  o.metric = metric;
  o.threads = threads;
  return o;
}

// n x k x metric; n = 2500 crosses a data block (2,048 rows) and many query blocks.
class ExactVsBruteForce : public ::testing::TestWithParam<std::tuple<std::size_t, std::size_t, Metric>> {};

TEST_P(ExactVsBruteForce, SameNeighboursUpToTies) {
  const auto [n, k, metric] = GetParam();
  const Matrix<float> data = clustered(n, 24, 12, n + k);
  if (k > n) {
    EXPECT_THROW(exact_knn(data, opts(k, metric)), NotEnoughPointsError);
    return;
  }
  const KnnGraph got = exact_knn(data, opts(k, metric));
  const KnnGraph want = neighbors::brute_force_knn(data, opts(k, metric));
  expect_well_formed(got, n, true);
  // Cosine distances come from float dot products summed in different orders (GEMM vs one
  // by one): a few ulps of 1. Euclidean ones are recomputed exactly on both sides.
  const double tolerance = metric == Metric::Cosine ? 2e-6 : 1e-5;
  expect_equal_up_to_ties(indices_of(got), got.distances, indices_of(want), want.distances, n, k, tolerance);
}

INSTANTIATE_TEST_SUITE_P(Sizes, ExactVsBruteForce,
                         ::testing::Combine(::testing::Values(1, 7, 300, 2500), ::testing::Values(1, 5, 15),
                                            ::testing::Values(Metric::Euclidean, Metric::Cosine)),
                         [](const auto& info) {
                           return "n" + std::to_string(std::get<0>(info.param)) + "_k" +
                                  std::to_string(std::get<1>(info.param)) + "_" + metric_name(std::get<2>(info.param));
                         });

TEST(ExactKnn, QueriesMatchBruteForce) {
  const Matrix<float> base = clustered(3000, 20, 10, 1);
  const Matrix<float> queries = clustered(333, 20, 10, 2);
  for (Metric metric : {Metric::Euclidean, Metric::Cosine}) {
    const KnnGraph got = exact_knn_query(base, queries, opts(10, metric));
    const KnnGraph want = neighbors::brute_force_knn_query(base, queries, opts(10, metric));
    expect_well_formed(got, base.rows, false);
    expect_equal_up_to_ties(indices_of(got), got.distances, indices_of(want), want.distances, queries.rows, 10, 1e-5);
  }
}

TEST(ExactKnn, TiesGoToTheSmallerIndex) {
  // A 1-d grid: point 5's neighbours at distance 1 are 4 and 6, at 2 are 3 and 7, ...
  Matrix<float> data(11, 1);
  for (std::size_t i = 0; i < 11; ++i) data(i, 0) = static_cast<float>(i);
  const KnnGraph g = exact_knn(data, opts(5, Metric::Euclidean));
  const std::vector<std::int32_t> want{5, 4, 6, 3, 7};
  EXPECT_EQ(std::vector<std::int32_t>(g.neighbors(5), g.neighbors(5) + 5), want);
  EXPECT_EQ(g.distances_of(5)[4], 2.0f);
}

TEST(ExactKnn, EuclideanIsExactFarFromTheOrigin) {
  // Tiny spread far from the origin: |x|^2 + |y|^2 - 2xy alone would be all rounding noise.
  Matrix<float> data = clustered(500, 16, 5, 3, 1e-3f);
  for (float& v : data.values) v += 1e4f;
  const KnnGraph got = exact_knn(data, opts(8, Metric::Euclidean));
  const KnnGraph want = neighbors::brute_force_knn(data, opts(8, Metric::Euclidean));
  for (std::size_t i = 0; i < got.distances.size(); ++i) {
    ASSERT_NEAR(got.distances[i], want.distances[i], 1e-3 * want.distances[i] + 1e-9) << i;
  }
  expect_equal_up_to_ties(indices_of(got), got.distances, indices_of(want), want.distances, data.rows, 8, 1e-7);
}

TEST(ExactKnn, DuplicatesAndOneBlobFinish) {
  // 600 copies of one point and 600 of another: every distance ties.
  Matrix<float> data(1200, 8);
  for (std::size_t i = 0; i < data.rows; ++i) {
    for (std::size_t j = 0; j < data.cols; ++j) data(i, j) = i < 600 ? 1.0f : static_cast<float>(j);
  }
  for (Metric metric : {Metric::Euclidean, Metric::Cosine}) {
    const KnnGraph g = exact_knn(data, opts(15, metric));
    expect_well_formed(g, data.rows, true);
    for (std::size_t i = 0; i < g.n; ++i) {
      for (std::size_t j = 0; j < g.k; ++j) {
        ASSERT_EQ(g.neighbors(i)[j] < 600, i < 600) << "row " << i;
        ASSERT_EQ(g.distances_of(i)[j], 0.0f);  // identical rows: exactly 0, cosine included
      }
    }
  }
}

TEST(ExactKnn, AQueryEqualToADataRowIsAtDistanceZero) {
  // 1 - (float dot of a unit row with itself) is a few ulps off 0; consumers such as UMAP's
  // "nearest positive distance" must not mistake that for a neighbour's distance.
  const Matrix<float> data = clustered(700, 48, 7, 12);
  for (Metric metric : {Metric::Euclidean, Metric::Cosine}) {
    const KnnGraph g = exact_knn_query(data, test::head(data, 300), opts(5, metric));
    for (std::size_t i = 0; i < g.n; ++i) {
      ASSERT_EQ(g.neighbors(i)[0], static_cast<std::int32_t>(i)) << metric_name(metric);
      ASSERT_EQ(g.distances_of(i)[0], 0.0f) << metric_name(metric) << " row " << i;
      ASSERT_GT(g.distances_of(i)[1], 0.0f) << metric_name(metric) << " row " << i;
    }
  }
}

TEST(ExactKnn, ZeroVectorsAreAtCosineDistanceOne) {
  Matrix<float> data(4, 3);
  data(1, 0) = 1;
  data(2, 1) = 2;
  data(3, 0) = 3;  // rows 1 and 3 point the same way; row 0 is zero
  const KnnGraph g = exact_knn(data, opts(4, Metric::Cosine));
  EXPECT_EQ(g.neighbors(0)[0], 0);
  for (std::size_t j = 1; j < 4; ++j) EXPECT_EQ(g.distances_of(0)[j], 1.0f);
  EXPECT_EQ(g.neighbors(1)[1], 3);
  EXPECT_EQ(g.distances_of(1)[1], 0.0f);
}

TEST(ExactKnn, IdenticalForAnyThreadCount) {
  const Matrix<float> data = clustered(2100, 40, 8, 11);
  for (Metric metric : {Metric::Euclidean, Metric::Cosine}) {
    const KnnGraph one = exact_knn(data, opts(15, metric, 1));
    const KnnGraph three = exact_knn(data, opts(15, metric, 3));
    EXPECT_EQ(one.indices, three.indices);
    EXPECT_EQ(one.distances, three.distances);
  }
}

TEST(ExactKnn, BadInputIsNamed) {
  Matrix<float> data = clustered(10, 3, 2, 5);
  data(7, 2) = std::numeric_limits<float>::quiet_NaN();
  try {
    exact_knn(data, opts(3, Metric::Euclidean));
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("row 7"), std::string::npos) << e.what();
  }
  data(7, 2) = 0;
  data(4, 0) = std::numeric_limits<float>::infinity();
  EXPECT_THROW(exact_knn(data, opts(3, Metric::Cosine)), InputError);
  EXPECT_THROW(exact_knn(Matrix<float>(0, 3), opts(1, Metric::Euclidean)), InputError);
  EXPECT_THROW(exact_knn(Matrix<float>(5, 0), opts(1, Metric::Euclidean)), InputError);
  EXPECT_THROW(exact_knn(clustered(10, 3, 2, 5), opts(0, Metric::Euclidean)), UsageError);
  EXPECT_THROW(exact_knn_query(clustered(10, 3, 2, 5), clustered(2, 4, 2, 5), opts(2, Metric::Euclidean)), InputError);
}

TEST(ExactKnn, MoreNeighboursThanPointsIsItsOwnError) {
  const Matrix<float> data = clustered(10, 3, 2, 5);
  EXPECT_THROW(exact_knn(data, opts(11, Metric::Euclidean)), NotEnoughPointsError);
  EXPECT_THROW(nearest_neighbors(data, opts(11, Metric::Euclidean)), NotEnoughPointsError);
  EXPECT_THROW(approximate_knn(data, opts(11, Metric::Euclidean)), NotEnoughPointsError);
  // k = n is fine: every point lists all of them.
  const KnnGraph g = exact_knn(data, opts(10, Metric::Euclidean));
  expect_well_formed(g, data.rows, true);
  const Matrix<float> one = clustered(1, 3, 1, 5);
  EXPECT_EQ(exact_knn(one, opts(1, Metric::Cosine)).indices, std::vector<std::int32_t>{0});
}

}  // namespace
}  // namespace topica
