// umap_fit / umap_transform end to end: quality against umap-learn on the shared 10k fixture
// (../shared/reference/umap/README.md), determinism across thread counts, transform, bad input.
#include "topica/umap.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

#include "support/test_support.hpp"
#include "topica/error.hpp"
#include "topica/npy.hpp"
#include "topica/random.hpp"
#include "topica/trustworthiness.hpp"

namespace topica {
namespace {

using test::kSanitized;

std::optional<Matrix<float>> fixture_input() {
  const auto shared = test::shared_dir();
  if (!shared) return std::nullopt;
  return read_npy_matrix((*shared / "reference" / "umap" / "input_10k.npy").string());
}

Matrix<float> first_rows(const Matrix<float>& m, std::size_t n) {
  Matrix<float> out(n, m.cols);
  std::copy(m.values.begin(), m.values.begin() + static_cast<std::ptrdiff_t>(n * m.cols), out.values.begin());
  return out;
}

UmapOptions bertopic_options(std::size_t n_components, float min_dist) {
  UmapOptions o;
  o.n_neighbors = 15;
  o.n_components = n_components;
  o.min_dist = min_dist;
  o.metric = Metric::Cosine;
  o.seed = 42;
  return o;
}

// Gaussian blobs in `dim` dimensions, `per` points each, centres 10 apart.
Matrix<float> blobs(std::size_t clusters, std::size_t per, std::size_t dim, std::uint64_t seed) {
  Random rng(seed);
  Matrix<float> m(clusters * per, dim);
  for (std::size_t i = 0; i < m.rows; ++i) {
    for (std::size_t d = 0; d < dim; ++d) {
      m(i, d) = static_cast<float>((d == (i / per) % dim ? 10.0 * static_cast<double>(i / per + 1) : 0.0) + rng.normal());
    }
  }
  return m;
}

void expect_finite(const Matrix<float>& m) {
  for (float v : m.values) ASSERT_TRUE(std::isfinite(v));
}

// umap-learn 0.5.3 on the same 10k rows (runs.json): 0.96824 (5-d, min_dist 0) and 0.91136
// (2-d, min_dist 0.1). The issue asks for ours within 0.01. Under the sanitizers the full run is
// too slow: the first 2,000 rows instead, against umap-learn 0.5.3 (Debian 12) on those rows with
// the same settings and random_state 42: 0.90455 (5-d) and 0.84309 (2-d); seeds 1 and 2 gave
// 0.90593 / 0.90191 and 0.83520 / 0.84092.
void check_quality(std::size_t n_components, float min_dist, double umap_learn, double umap_learn_2000) {
  const auto input = fixture_input();
  if (!input) GTEST_SKIP() << "../shared is not there";
  UmapOptions o = bertopic_options(n_components, min_dist);
  o.threads = 2;
  const Matrix<float> data = kSanitized ? first_rows(*input, 2000) : *input;
  const double reference = kSanitized ? umap_learn_2000 : umap_learn;
  const UmapModel model = umap_fit(data, o);
  ASSERT_EQ(model.embedding.rows, data.rows);
  ASSERT_EQ(model.embedding.cols, n_components);
  expect_finite(model.embedding);
  const double t = trustworthiness(data, model.embedding, 15, Metric::Cosine, 2);
  testing::Test::RecordProperty("trustworthiness", std::to_string(t));
  std::printf("trustworthiness %zu-d, %zu rows: %.5f (umap-learn %.5f)\n", n_components, data.rows, t, reference);
  EXPECT_GT(t, reference - 0.01);
}

TEST(UmapFit, FiveDimensionalTrustworthinessMatchesUmapLearn) { check_quality(5, 0.0f, 0.96824, 0.90455); }

TEST(UmapFit, TwoDimensionalTrustworthinessMatchesUmapLearn) { check_quality(2, 0.1f, 0.91136, 0.84309); }

TEST(UmapFit, SameBitsForOneAndThreeThreads) {
  const auto input = fixture_input();
  if (!input) GTEST_SKIP() << "../shared is not there";
  UmapOptions o = bertopic_options(5, 0.0f);
  const Matrix<float> data = first_rows(*input, kSanitized ? 1000 : 3000);
  if (kSanitized) o.n_epochs = 40;
  o.threads = 1;
  const UmapModel one = umap_fit(data, o);
  o.threads = 3;
  const UmapModel three = umap_fit(data, o);
  EXPECT_EQ(one.embedding.values, three.embedding.values);
  o.seed = 7;
  const UmapModel other = umap_fit(data, o);
  EXPECT_NE(one.embedding.values, other.embedding.values);
}

TEST(UmapFit, SeparatesWellSeparatedClusters) {
  const Matrix<float> data = blobs(3, 100, 4, 1);
  UmapOptions o;
  o.threads = 2;
  const UmapModel model = umap_fit(data, o);
  // Every point's nearest layout neighbour (other than itself) comes from its own cluster.
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < data.rows; ++i) {
    std::size_t best = i == 0 ? 1 : 0;
    double best_d = 1e300;
    for (std::size_t j = 0; j < data.rows; ++j) {
      if (j == i) continue;
      const double d = std::hypot(model.embedding(i, 0) - model.embedding(j, 0), model.embedding(i, 1) - model.embedding(j, 1));
      if (d < best_d) {
        best_d = d;
        best = j;
      }
    }
    wrong += best / 100 != i / 100;
  }
  EXPECT_EQ(wrong, 0u);
  EXPECT_EQ(model.n_epochs, 500u);  // umap-learn: 500 epochs up to 10,000 rows
}

TEST(UmapTransform, TrainingPointsLandNearTheirFittedPositions) {
  const auto input = fixture_input();
  if (!input) GTEST_SKIP() << "../shared is not there";
  UmapOptions o = bertopic_options(5, 0.0f);
  o.threads = 2;
  const Matrix<float> data = first_rows(*input, kSanitized ? 800 : 3000);
  if (kSanitized) o.n_epochs = 60;
  const UmapModel model = umap_fit(data, o);
  const Matrix<float> again = umap_transform(model, data, first_rows(data, 300));
  ASSERT_EQ(again.rows, 300u);
  ASSERT_EQ(again.cols, 5u);
  expect_finite(again);
  // A training point starts on its own position (weight 1) and moves a little. "Near": closer to
  // its fitted position than its 15th nearest fitted neighbour is. umap-learn 0.5.3 with the same
  // settings and rows (random_state 42) keeps 263 of 300 that near.
  std::size_t near = 0;
  for (std::size_t i = 0; i < again.rows; ++i) {
    std::vector<double> d(model.embedding.rows);
    for (std::size_t j = 0; j < model.embedding.rows; ++j) {
      double s = 0;
      for (std::size_t c = 0; c < 5; ++c) s += std::pow(model.embedding(i, c) - model.embedding(j, c), 2);
      d[j] = std::sqrt(s);
    }
    std::nth_element(d.begin(), d.begin() + 15, d.end());
    double moved = 0;
    for (std::size_t c = 0; c < 5; ++c) moved += std::pow(again(i, c) - model.embedding(i, c), 2);
    near += std::sqrt(moved) <= d[15];
  }
  EXPECT_GE(near, 255u) << near << " of 300";
}

TEST(UmapTransform, NewPointsLandAmongTheirInputNeighbours) {
  const Matrix<float> all = blobs(4, 80, 6, 3);
  // Every fifth point is held out; the rest are fitted.
  Matrix<float> train(0, 6), held(0, 6);
  std::vector<std::size_t> held_cluster;
  for (std::size_t i = 0; i < all.rows; ++i) {
    Matrix<float>& to = i % 5 == 0 ? held : train;
    to.values.insert(to.values.end(), all.row(i), all.row(i) + 6);
    ++to.rows;
    if (i % 5 == 0) held_cluster.push_back(i / 80);
  }
  UmapOptions o;
  o.threads = 2;
  const UmapModel model = umap_fit(train, o);
  const Matrix<float> placed = umap_transform(model, train, held);
  expect_finite(placed);
  // Each held-out point's nearest fitted point belongs to its own cluster (train row r is point
  // r + r / 4 + 1 of `all`).
  for (std::size_t i = 0; i < placed.rows; ++i) {
    std::size_t best = 0;
    double best_d = 1e300;
    for (std::size_t j = 0; j < model.embedding.rows; ++j) {
      const double d = std::hypot(placed(i, 0) - model.embedding(j, 0), placed(i, 1) - model.embedding(j, 1));
      if (d < best_d) {
        best_d = d;
        best = j;
      }
    }
    EXPECT_EQ((best + best / 4 + 1) / 80, held_cluster[i]) << "held-out point " << i;
  }
}

TEST(UmapFit, FewRowsShrinkTheNeighbourhoodWithAWarning) {
  const Matrix<float> data = blobs(2, 4, 3, 5);
  UmapOptions o;
  const UmapModel model = umap_fit(data, o);
  EXPECT_EQ(model.n_neighbors, 7u);  // rows - 1, as umap-learn
  ASSERT_EQ(model.warnings.size(), 1u);
  EXPECT_NE(model.warnings[0].find("n_neighbors"), std::string::npos);
  expect_finite(model.embedding);

  const UmapModel two = umap_fit(first_rows(data, 2), o);
  EXPECT_EQ(two.embedding.rows, 2u);
  expect_finite(two.embedding);
}

TEST(UmapFit, RejectsNoRowsOneRowAndNonFiniteRows) {
  UmapOptions o;
  EXPECT_THROW(umap_fit(Matrix<float>(0, 3), o), InputError);
  EXPECT_THROW(umap_fit(Matrix<float>(1, 3), o), InputError);
  Matrix<float> data = blobs(2, 20, 3, 6);
  data(17, 1) = std::nanf("");
  data(23, 0) = INFINITY;
  try {
    umap_fit(data, o);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("row 17"), std::string::npos) << e.what();
  }
  o.min_dist = 2.0f;
  EXPECT_THROW(umap_fit(blobs(2, 20, 3, 6), o), UsageError);
}

TEST(UmapFit, DuplicatesAndASingleBlobDoNotBreakIt) {
  UmapOptions o;
  o.threads = 2;
  o.n_epochs = kSanitized ? 50 : 200;
  for (const Metric metric : {Metric::Euclidean, Metric::Cosine}) {
    o.metric = metric;
    Matrix<float> same(300, 8);
    std::fill(same.values.begin(), same.values.end(), 0.5f);
    const UmapModel a = umap_fit(same, o);
    expect_finite(a.embedding);

    // Half the rows copies of the other half, around one centre.
    Matrix<float> dup = blobs(1, 400, 8, 2);
    for (std::size_t i = 200; i < 400; ++i) std::copy(dup.row(i - 200), dup.row(i - 200) + 8, dup.row(i));
    const UmapModel b = umap_fit(dup, o);
    expect_finite(b.embedding);
  }
}

}  // namespace
}  // namespace topica
