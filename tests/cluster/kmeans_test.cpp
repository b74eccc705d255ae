// k-means against scikit-learn 1.2.1's KMeans (tests/fixtures/kmeans/README.md). Seeds do not carry
// over from numpy, so: on well-separated blobs the same partition (adjusted Rand 1) and inertia
// within 1e-4 relative; on real embeddings the best-of-10 inertia within 1% of scikit-learn's.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "cluster/kmeans_steps.hpp"
#include "support/test_support.hpp"
#include "topica/error.hpp"
#include "topica/kmeans.hpp"
#include "topica/npy.hpp"
#include "topica/random.hpp"

namespace topica {
namespace {

std::string fixture(const std::string& name) {
  return (std::filesystem::path(TOPICA_SOURCE_DIR) / "tests/fixtures/kmeans" / name).string();
}

nlohmann::json sklearn_values() {
  std::ifstream in(fixture("sklearn_values.json"));
  return nlohmann::json::parse(in);
}

/// The cluster of b that each cluster of a maps to, or an empty vector when the two labelings are
/// not the same partition (adjusted Rand index 1 exactly when they are).
std::vector<std::int64_t> bijection(const std::vector<std::int32_t>& a, const std::vector<std::int64_t>& b,
                                    std::size_t k) {
  std::vector<std::int64_t> forward(k, -1), backward(k, -1);
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto x = static_cast<std::size_t>(a[i]);
    const auto y = static_cast<std::size_t>(b[i]);
    if (forward[x] == -1 && backward[y] == -1) {
      forward[x] = static_cast<std::int64_t>(y);
      backward[y] = static_cast<std::int64_t>(x);
    } else if (forward[x] != static_cast<std::int64_t>(y) || backward[y] != static_cast<std::int64_t>(x)) {
      return {};
    }
  }
  return forward;
}

Matrix<float> random_matrix(std::size_t rows, std::size_t cols, std::uint64_t seed) {
  Matrix<float> m(rows, cols);
  Random random(seed);
  for (float& v : m.values) v = static_cast<float>(random.normal());
  return m;
}

TEST(KMeans, BlobsGiveScikitLearnsPartitionAndInertia) {
  const Matrix<float> x = read_npy_matrix(fixture("blobs.npy"));
  const auto reference = sklearn_values()["blobs"];
  KMeansOptions options;
  options.n_clusters = 5;
  const KMeansResult r = kmeans(x, options);
  const auto mapping = bijection(r.labels, read_npy_labels(fixture("blobs_sklearn_labels.npy")), 5);
  ASSERT_FALSE(mapping.empty()) << "not scikit-learn's partition";
  EXPECT_LT(std::abs(r.inertia - reference["inertia"].get<double>()) / reference["inertia"].get<double>(), 1e-4);
  for (std::size_t c = 0; c < 5; ++c) {
    for (std::size_t j = 0; j < x.cols; ++j) {
      EXPECT_NEAR(r.centers(c, j), reference["centers"][static_cast<std::size_t>(mapping[c])][j].get<double>(), 1e-4);
    }
  }
  EXPECT_EQ(kmeans_predict(r.centers, x), r.labels);
}

TEST(KMeans, RealEmbeddingsReachScikitLearnsInertia) {
  const auto shared = test::shared_dir();
  if (!shared) GTEST_SKIP() << "../shared is absent";
  const std::string input = (*shared / "reference/umap/input_10k.npy").string();
  if (!std::filesystem::exists(input)) GTEST_SKIP() << input << " is absent";
  Matrix<float> x = read_npy_matrix(input);
  x.rows = 2000;
  x.values.resize(x.rows * x.cols);
  const auto reference = sklearn_values()["real_2000"];
#ifdef __SANITIZE_ADDRESS__
  const std::vector<std::size_t> ks{10};
#else
  const std::vector<std::size_t> ks{10, 50};
#endif
  for (std::size_t k : ks) {
    KMeansOptions options;
    options.n_clusters = k;
    const KMeansResult r = kmeans(x, options);
    // scikit-learn's best-of-10 for random_state 0 (its spread over states 0..4 is ~0.3%).
    const double sklearn = reference[std::to_string(k)]["inertia_random_state_0_to_4"][0].get<double>();
    EXPECT_LT(std::abs(r.inertia - sklearn) / sklearn, 0.01) << "k = " << k << ": " << r.inertia << " vs " << sklearn;
    RecordProperty("inertia_k" + std::to_string(k), std::to_string(r.inertia));
  }
}

TEST(KMeans, SameSeedSameBitsForAnyThreadCount) {
#ifdef __SANITIZE_ADDRESS__
  const Matrix<float> x = random_matrix(1500, 16, 1);
#else
  const Matrix<float> x = random_matrix(6000, 32, 1);
#endif
  KMeansOptions options;
  options.n_clusters = 12;
  options.n_init = 3;
  options.threads = 1;
  const KMeansResult one = kmeans(x, options);
  for (std::size_t threads : {2, 3}) {
    options.threads = threads;
    const KMeansResult other = kmeans(x, options);
    EXPECT_EQ(other.labels, one.labels);
    EXPECT_EQ(other.centers.values, one.centers.values);
    EXPECT_EQ(other.inertia, one.inertia);
    EXPECT_EQ(other.n_iter, one.n_iter);
  }
}

TEST(KMeans, OneClusterIsTheMean) {
  const Matrix<float> x = random_matrix(50, 3, 2);
  KMeansOptions options;
  options.n_clusters = 1;
  const KMeansResult r = kmeans(x, options);
  double total = 0;
  for (std::size_t j = 0; j < 3; ++j) {
    double mean = 0;
    for (std::size_t i = 0; i < 50; ++i) mean += x(i, j);
    mean /= 50;
    EXPECT_NEAR(r.centers(0, j), mean, 1e-6);
    for (std::size_t i = 0; i < 50; ++i) total += (x(i, j) - mean) * (x(i, j) - mean);
  }
  EXPECT_NEAR(r.inertia, total, 1e-4 * total);
  EXPECT_EQ(std::set<std::int32_t>(r.labels.begin(), r.labels.end()), std::set<std::int32_t>{0});
}

TEST(KMeans, DuplicatePointsDoNotBreakIt) {
  // Three distinct points, 30 rows, 5 clusters: at most three clusters can hold points.
  Matrix<float> x(30, 2);
  for (std::size_t i = 0; i < 30; ++i) {
    x(i, 0) = static_cast<float>(i % 3);
    x(i, 1) = static_cast<float>((i % 3) * (i % 3));
  }
  KMeansOptions options;
  options.n_clusters = 5;
  const KMeansResult r = kmeans(x, options);
  EXPECT_NEAR(r.inertia, 0.0, 1e-9);
  for (std::int32_t label : r.labels) {
    EXPECT_GE(label, 0);
    EXPECT_LT(label, 5);
  }
}

TEST(KMeans, EmptyClusterTakesTheFarthestPoint) {
  // Centers 0 and 1 sit on the data; center 2 is far away and gets no point in the first
  // assignment, so it is moved onto the point farthest from its center (row 3, at 10).
  Matrix<float> x(4, 1);
  x.values = {0.0f, 0.1f, 1.0f, 10.0f};
  Matrix<float> init(3, 1);
  init.values = {0.0f, 1.0f, 100.0f};
  const detail::LloydResult r = detail::lloyd(x, init, 300, 0.0, 1);
  EXPECT_EQ(r.labels, (std::vector<std::int32_t>{0, 0, 1, 2}));
  EXPECT_FLOAT_EQ(r.centers(2, 0), 10.0f);
  EXPECT_NEAR(r.inertia, 0.005, 1e-6);
}

TEST(KMeans, RefusesBadInput) {
  const Matrix<float> x = random_matrix(10, 2, 3);
  KMeansOptions options;
  options.n_clusters = 0;
  EXPECT_THROW(kmeans(x, options), UsageError);
  options.n_clusters = 11;
  EXPECT_THROW(kmeans(x, options), UsageError);
  options.n_clusters = 2;
  options.n_init = 0;
  EXPECT_THROW(kmeans(x, options), UsageError);
  options.n_init = 1;
  EXPECT_THROW(kmeans(Matrix<float>(0, 2), options), InputError);
  Matrix<float> bad = x;
  bad(4, 1) = INFINITY;
  try {
    kmeans(bad, options);
    FAIL() << "Inf accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("row 4"), std::string::npos) << e.what();
  }
  EXPECT_THROW(kmeans_predict(Matrix<float>(2, 3), x), InputError);
}

}  // namespace
}  // namespace topica
