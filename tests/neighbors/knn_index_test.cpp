// KnnIndex: the graph of the indexed data and queries of new points, exact and approximate.
#include <gtest/gtest.h>

#include "neighbors/brute_force.hpp"
#include "neighbors/knn_test_util.hpp"
#include "topica/neighbors.hpp"

namespace topica {
namespace {

using test::clustered;
using test::expect_equal_up_to_ties;
using test::expect_well_formed;
using test::indices_of;
using test::recall;

// Rows [0, rows) of a clustered sample as data and the next `queries` rows as new points
// from the same distribution.
std::pair<Matrix<float>, Matrix<float>> split(std::size_t rows, std::size_t queries, std::size_t cols,
                                              std::size_t centres, std::uint64_t seed) {
  const Matrix<float> all = clustered(rows + queries, cols, centres, seed);
  Matrix<float> tail(queries, cols);
  std::copy(all.row(rows), all.row(rows + queries), tail.values.begin());
  return {test::head(all, rows), tail};
}

KnnOptions opts(std::size_t k, Metric metric, std::size_t threads = 2) {
  KnnOptions o;
  o.k = k;
  o.metric = metric;
  o.threads = threads;
  return o;
}

TEST(KnnIndex, ExactBelowTheThreshold) {
  const auto [data, queries] = split(800, 50, 12, 6, 40);
  const KnnIndex index = KnnIndex::build(data, opts(10, Metric::Cosine));
  EXPECT_TRUE(index.is_exact());
  EXPECT_EQ(index.size(), 800u);
  EXPECT_EQ(index.dim(), 12u);
  EXPECT_EQ(index.graph().indices, exact_knn(data, opts(10, Metric::Cosine)).indices);
  const KnnGraph got = index.query(queries, 7);
  const KnnGraph want = neighbors::brute_force_knn_query(data, queries, opts(7, Metric::Cosine));
  expect_equal_up_to_ties(indices_of(got), got.distances, indices_of(want), want.distances, queries.rows, 7, 2e-6);
}

TEST(KnnIndex, ApproximateQueriesFindTheNeighbours) {
  const auto [data, queries] = split(kExactBelow + 1000, 500, 12, 40, 42);
  for (Metric metric : {Metric::Euclidean, Metric::Cosine}) {
    const KnnIndex index = KnnIndex::build(data, opts(15, metric));
    EXPECT_FALSE(index.is_exact());
    EXPECT_EQ(index.graph().indices, approximate_knn(data, opts(15, metric)).indices);
    const KnnGraph got = index.query(queries, 10);
    expect_well_formed(got, data.rows, false);
    const KnnGraph want = neighbors::brute_force_knn_query(data, queries, opts(10, metric));
    const double r = recall(got, indices_of(want), 10);
    RecordProperty(std::string("query_recall_") + metric_name(metric), std::to_string(r));
    EXPECT_GE(r, 0.95) << metric_name(metric);
  }
}

TEST(KnnIndex, QueriesAreIdenticalForAnyThreadCount) {
  const auto [data, queries] = split(kExactBelow + 500, 300, 16, 30, 44);
  const KnnGraph one = KnnIndex::build(data, opts(15, Metric::Euclidean, 1)).query(queries, 15);
  const KnnGraph three = KnnIndex::build(data, opts(15, Metric::Euclidean, 3)).query(queries, 15);
  EXPECT_EQ(one.indices, three.indices);
  EXPECT_EQ(one.distances, three.distances);
}

TEST(KnnIndex, AQueryEqualToADataRowFindsIt) {
  const Matrix<float> data = clustered(kExactBelow + 100, 8, 20, 46);
  for (Metric metric : {Metric::Euclidean, Metric::Cosine}) {
    const KnnIndex index = KnnIndex::build(data, opts(15, metric));
    const KnnGraph got = index.query(test::head(data, 200), 5);
    std::size_t found = 0;
    for (std::size_t i = 0; i < got.n; ++i) {
      found += got.neighbors(i)[0] == static_cast<std::int32_t>(i) && got.distances_of(i)[0] == 0.0f;
    }
    EXPECT_GE(found, 198u) << metric_name(metric);
  }
}

TEST(KnnIndex, BadQueries) {
  const KnnIndex index = KnnIndex::build(clustered(100, 4, 3, 47), opts(5, Metric::Euclidean));
  EXPECT_THROW(index.query(clustered(3, 5, 1, 48), 5), InputError);
  EXPECT_THROW(index.query(clustered(3, 4, 1, 48), 101), NotEnoughPointsError);
  EXPECT_THROW(index.query(Matrix<float>(0, 4), 3), InputError);
  const KnnIndex big = KnnIndex::build(clustered(kExactBelow, 4, 3, 49), opts(5, Metric::Euclidean));
  Matrix<float> nan = clustered(3, 4, 1, 48);
  nan(2, 1) = std::nanf("");
  EXPECT_THROW(big.query(nan, 3), InputError);
}

}  // namespace
}  // namespace topica
