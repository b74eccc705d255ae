// hdbscan_fit as a whole: thread-count independence, option checks and the inputs that break
// naive implementations (duplicates, one dense blob, fewer points than a cluster needs).
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "topica/error.hpp"
#include "topica/hdbscan.hpp"

namespace topica {
namespace {

// Deterministic Gaussian blobs plus uniform noise (Box-Muller over a 64-bit LCG).
Matrix<double> blobs(std::size_t n, std::size_t dims, std::size_t centers, std::uint64_t seed) {
  std::uint64_t state = seed;
  const auto uniform = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (static_cast<double>(state >> 11) + 0.5) / 9007199254740992.0;
  };
  Matrix<double> centre(centers, dims), x(n, dims);
  for (double& v : centre.values) v = uniform() * 40 - 20;
  for (std::size_t i = 0; i < n; ++i) {
    const bool noise = i % 10 == 9;
    const std::size_t c = i % centers;
    for (std::size_t j = 0; j < dims; ++j) {
      const double g = std::sqrt(-2 * std::log(uniform())) * std::cos(6.283185307179586 * uniform());
      x(i, j) = noise ? uniform() * 50 - 25 : centre(c, j) + 0.8 * g;
    }
  }
  return x;
}

TEST(Hdbscan, FindsSeparatedBlobs) {
  HdbscanOptions options;
  options.min_cluster_size = 15;
  const HdbscanModel model = hdbscan_fit(blobs(1200, 2, 4, 1), options);
  EXPECT_EQ(model.cluster_count(), 4u);
  std::size_t noise = 0;
  for (std::size_t i = 0; i < model.labels.size(); ++i) {
    noise += model.labels[i] < 0 ? 1 : 0;
    EXPECT_GE(model.probabilities[i], 0.0);
    EXPECT_LE(model.probabilities[i], 1.0);
    EXPECT_GE(model.outlier_scores[i], 0.0);
    EXPECT_LE(model.outlier_scores[i], 1.0);
    if (model.labels[i] < 0) {
      EXPECT_EQ(model.probabilities[i], 0.0);
    }
  }
  EXPECT_GT(noise, 0u);
  EXPECT_LT(noise, 400u);
}

TEST(Hdbscan, SameResultForAnyThreadCount) {
  const Matrix<double> x = blobs(3000, 5, 12, 2);
  HdbscanOptions options;
  options.min_cluster_size = 10;
  options.threads = 1;
  const HdbscanModel one = hdbscan_fit(x, options);
  options.threads = 3;
  const HdbscanModel three = hdbscan_fit(x, options);
  EXPECT_EQ(one.labels, three.labels);
  EXPECT_EQ(one.probabilities, three.probabilities);
  EXPECT_EQ(one.outlier_scores, three.outlier_scores);
  EXPECT_EQ(one.core_distances, three.core_distances);
  EXPECT_EQ(all_points_membership_vectors(one, 1).values, all_points_membership_vectors(three, 3).values);
  const Matrix<double> fresh = blobs(300, 5, 12, 3);
  const HdbscanPrediction p1 = approximate_predict(one, fresh, 1), p3 = approximate_predict(three, fresh, 3);
  EXPECT_EQ(p1.labels, p3.labels);
  EXPECT_EQ(p1.strengths, p3.strengths);
  EXPECT_EQ(membership_vector(one, fresh, 1).values, membership_vector(three, fresh, 3).values);
}

TEST(Hdbscan, MembershipRowsSumToAtMostOneAndPeakAtTheLabel) {
  HdbscanOptions options;
  options.min_cluster_size = 15;
  const HdbscanModel model = hdbscan_fit(blobs(1200, 2, 4, 4), options);
  const Matrix<float> m = all_points_membership_vectors(model);
  ASSERT_EQ(m.rows, 1200u);
  ASSERT_EQ(m.cols, model.cluster_count());
  std::size_t agree = 0, clustered = 0;
  for (std::size_t i = 0; i < m.rows; ++i) {
    double sum = 0;
    std::size_t best = 0;
    for (std::size_t k = 0; k < m.cols; ++k) {
      sum += m(i, k);
      if (m(i, k) > m(i, best)) best = k;
    }
    EXPECT_LE(sum, 1.0 + 1e-5);
    if (model.labels[i] >= 0) {
      ++clustered;
      agree += static_cast<std::int64_t>(best) == model.labels[i] ? 1 : 0;
    }
  }
  EXPECT_GT(static_cast<double>(agree), 0.98 * static_cast<double>(clustered));
}

TEST(Hdbscan, PredictsTrainingPointsIntoTheirOwnClusters) {
  HdbscanOptions options;
  options.min_cluster_size = 15;
  const Matrix<double> x = blobs(1200, 2, 4, 5);
  const HdbscanModel model = hdbscan_fit(x, options);
  const HdbscanPrediction p = approximate_predict(model, x);
  std::size_t agree = 0, strong = 0;
  for (std::size_t i = 0; i < x.rows; ++i) {
    if (model.labels[i] < 0 || model.probabilities[i] < 0.5) continue;
    ++strong;
    agree += p.labels[i] == model.labels[i] ? 1 : 0;
  }
  EXPECT_GT(static_cast<double>(agree), 0.99 * static_cast<double>(strong));
}

TEST(Hdbscan, LeafSelectionGivesAtLeastAsManyClusters) {
  HdbscanOptions options;
  options.min_cluster_size = 10;
  const Matrix<double> x = blobs(2000, 3, 6, 6);
  const std::size_t eom = hdbscan_fit(x, options).cluster_count();
  options.selection = ClusterSelection::Leaf;
  EXPECT_GE(hdbscan_fit(x, options).cluster_count(), eom);
  options.selection = ClusterSelection::Eom;
  options.epsilon = 1e6;  // every split is closer than that: clusters merge up to the root's children
  EXPECT_LE(hdbscan_fit(x, options).cluster_count(), eom);
}

TEST(Hdbscan, ExactSpanningTreeAlsoClusters) {
  HdbscanOptions options;
  options.min_cluster_size = 15;
  options.mst = MstMethod::Exact;
  EXPECT_EQ(hdbscan_fit(blobs(1200, 2, 4, 1), options).cluster_count(), 4u);
}

TEST(Hdbscan, DuplicatePointsDoNotHang) {
  Matrix<double> x(300, 3);
  for (std::size_t i = 0; i < x.rows; ++i) {
    for (std::size_t j = 0; j < 3; ++j) x(i, j) = i < 150 ? 1.0 : (i < 250 ? 5.0 : static_cast<double>(i % 7));
  }
  HdbscanOptions options;
  options.min_cluster_size = 10;
  const HdbscanModel model = hdbscan_fit(x, options);
  EXPECT_EQ(model.labels.size(), 300u);
  EXPECT_EQ(model.labels[0], model.labels[149]);  // one stack of identical points, one label
  const Matrix<float> m = all_points_membership_vectors(model);
  EXPECT_EQ(m.rows, 300u);
  const HdbscanPrediction p = approximate_predict(model, x);
  EXPECT_EQ(p.labels.size(), 300u);
}

TEST(Hdbscan, AllPointsIdentical) {
  Matrix<double> x(50, 2);
  for (double& v : x.values) v = 3.0;
  HdbscanOptions options;
  const HdbscanModel model = hdbscan_fit(x, options);
  EXPECT_EQ(model.labels.size(), 50u);
  for (const double s : model.outlier_scores) EXPECT_FALSE(std::isnan(s));
  options.allow_single_cluster = true;
  EXPECT_EQ(hdbscan_fit(x, options).labels.size(), 50u);
}

TEST(Hdbscan, OneDenseBlob) {
  const Matrix<double> x = blobs(2000, 5, 1, 7);
  HdbscanOptions options;
  options.min_cluster_size = 10;
  const HdbscanModel model = hdbscan_fit(x, options);
  EXPECT_EQ(model.labels.size(), 2000u);
  options.allow_single_cluster = true;
  const HdbscanModel single = hdbscan_fit(x, options);
  EXPECT_GE(single.cluster_count(), 1u);
}

TEST(Hdbscan, FewerPointsThanAClusterNeedsIsAllNoise) {
  const Matrix<double> x = blobs(4, 2, 1, 8);
  HdbscanOptions options;  // min_cluster_size 5
  const HdbscanModel model = hdbscan_fit(x, options);
  EXPECT_EQ(model.cluster_count(), 0u);
  for (const auto label : model.labels) EXPECT_EQ(label, -1);
  EXPECT_EQ(all_points_membership_vectors(model).cols, 0u);
  const HdbscanPrediction p = approximate_predict(model, x);
  for (const auto label : p.labels) EXPECT_EQ(label, -1);
}

TEST(Hdbscan, TwoPointsAreEnough) {
  Matrix<double> x(2, 2);
  x(1, 0) = 1.0;
  HdbscanOptions options;
  options.min_cluster_size = 2;
  EXPECT_EQ(hdbscan_fit(x, options).labels.size(), 2u);
}

TEST(Hdbscan, RejectsBadInput) {
  HdbscanOptions options;
  EXPECT_THROW(hdbscan_fit(Matrix<double>(1, 3), options), InputError);
  EXPECT_THROW(hdbscan_fit(Matrix<double>(0, 3), options), InputError);
  Matrix<double> x = blobs(20, 2, 1, 9);
  x(13, 1) = std::nan("");
  try {
    hdbscan_fit(x, options);
    FAIL() << "NaN accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("row 13"), std::string::npos) << e.what();
  }
  x(13, 1) = 0;
  x(7, 0) = INFINITY;
  EXPECT_THROW(hdbscan_fit(x, options), InputError);
  x(7, 0) = 0;
  options.min_cluster_size = 1;
  EXPECT_THROW(hdbscan_fit(x, options), UsageError);
  options.min_cluster_size = 5;
  options.epsilon = -1;
  EXPECT_THROW(hdbscan_fit(x, options), UsageError);
  options.epsilon = 0;
  options.metric = Metric::Cosine;
  EXPECT_THROW(hdbscan_fit(x, options), UsageError);
  options.metric = Metric::Euclidean;
  const HdbscanModel model = hdbscan_fit(x, options);
  EXPECT_THROW(approximate_predict(model, Matrix<double>(3, 5)), InputError);
}

TEST(Hdbscan, Float32InputIsWidened) {
  const Matrix<double> x = blobs(500, 2, 3, 10);
  Matrix<float> f(x.rows, x.cols);
  for (std::size_t i = 0; i < x.values.size(); ++i) f.values[i] = static_cast<float>(x.values[i]);
  HdbscanOptions options;
  options.min_cluster_size = 15;
  EXPECT_EQ(hdbscan_fit(f, options).cluster_count(), 3u);
}

}  // namespace
}  // namespace topica
