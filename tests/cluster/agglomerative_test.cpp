// Agglomerative clustering against scipy 1.10.1's linkage and scikit-learn 1.2.1's
// AgglomerativeClustering (tests/fixtures/agglomerative/README.md): the same merges (pairs and
// sizes exactly, distances within 1e-6 relative) and the same flat clusters up to renumbering.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <array>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "topica/agglomerative.hpp"
#include "topica/error.hpp"
#include "topica/npy.hpp"
#include "topica/random.hpp"

namespace topica {
namespace {

std::string fixture(const std::string& name) {
  return (std::filesystem::path(TOPICA_SOURCE_DIR) / "tests/fixtures/agglomerative" / name).string();
}

nlohmann::json reference_values() {
  std::ifstream in(fixture("reference_values.json"));
  return nlohmann::json::parse(in);
}

/// Compares with a scipy linkage matrix given as rows of (a, b, distance, size).
void expect_same_tree(const Dendrogram& ours, const std::vector<std::array<double, 4>>& scipy) {
  ASSERT_EQ(ours.merges.size(), scipy.size());
  for (std::size_t i = 0; i < scipy.size(); ++i) {
    const Merge& m = ours.merges[i];
    EXPECT_EQ(m.a, static_cast<std::size_t>(scipy[i][0])) << "merge " << i;
    EXPECT_EQ(m.b, static_cast<std::size_t>(scipy[i][1])) << "merge " << i;
    EXPECT_EQ(m.size, static_cast<std::size_t>(scipy[i][3])) << "merge " << i;
    // The issue asks for 1e-6; both sides compute in float64 from the same float32 points, so the
    // differences are rounding (about 1e-15).
    EXPECT_LE(std::abs(m.distance - scipy[i][2]), 1e-12 * std::abs(scipy[i][2]) + 1e-15) << "merge " << i;
  }
}

/// A scipy linkage matrix saved by np.save: float64 (n - 1) x 4, read at full precision
/// (read_npy_matrix would round to float32).
std::vector<std::array<double, 4>> read_linkage(const std::string& path) {
  const NpyInfo info = read_npy_info(path);
  EXPECT_EQ(info.dtype, "<f8");
  EXPECT_FALSE(info.fortran_order);
  std::vector<std::array<double, 4>> rows(info.shape.at(0));
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(info.data_offset));
  in.read(reinterpret_cast<char*>(rows.data()), static_cast<std::streamsize>(rows.size() * sizeof(rows[0])));
  EXPECT_TRUE(in.good()) << path;
  return rows;
}

std::vector<std::array<double, 4>> rows_of(const nlohmann::json& z) {
  std::vector<std::array<double, 4>> rows;
  for (const auto& r : z) rows.push_back({r[0].get<double>(), r[1].get<double>(), r[2].get<double>(), r[3].get<double>()});
  return rows;
}

/// True when b is a renumbering of a.
bool same_partition(const std::vector<std::int32_t>& a, const std::vector<int>& b) {
  if (a.size() != b.size()) return false;
  std::map<std::int32_t, int> forward;
  std::map<int, std::int32_t> backward;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto [f, fresh_f] = forward.emplace(a[i], b[i]);
    const auto [g, fresh_g] = backward.emplace(b[i], a[i]);
    if (f->second != b[i] || g->second != a[i]) return false;
  }
  return true;
}

class ScipyLinkage : public testing::TestWithParam<std::tuple<std::string, Metric, Linkage>> {};

TEST_P(ScipyLinkage, SameMergesAsScipy) {
  const auto& [size, metric, method] = GetParam();
  const Matrix<float> points = read_npy_matrix(fixture(size + "_points.npy"));
  const std::string name = size + "_" + metric_name(metric) + "_" + linkage_name(method) + ".npy";
  const auto scipy = read_linkage(fixture(name));
  // Ward on cosine distances goes through the condensed overload, as BERTopic's hierarchy does.
  const Dendrogram tree = metric == Metric::Euclidean
                              ? linkage(points, method, metric)
                              : linkage(condensed_distances(points, metric), points.rows, method);
  expect_same_tree(tree, scipy);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ScipyLinkage,
                         testing::Combine(testing::Values("small", "large"),
                                          testing::Values(Metric::Euclidean, Metric::Cosine),
                                          testing::Values(Linkage::Average, Linkage::Ward)),
                         [](const auto& info) {
                           return std::get<0>(info.param) + "_" + metric_name(std::get<1>(info.param)) + "_" +
                                  linkage_name(std::get<2>(info.param));
                         });

TEST(Agglomerative, TiesAreBrokenAsScipyBreaksThem) {
  const auto ties = reference_values()["ties"];
  Matrix<float> points(ties["points"].size(), 1);
  for (std::size_t i = 0; i < points.rows; ++i) points(i, 0) = ties["points"][i].get<float>();
  expect_same_tree(linkage(points, Linkage::Average), rows_of(ties["average"]));
  expect_same_tree(linkage(points, Linkage::Ward), rows_of(ties["ward"]));
}

TEST(Agglomerative, CutGivesScikitLearnsClusters) {
  const auto reference = reference_values();
  for (const std::string size : {"small", "large"}) {
    const Matrix<float> points = read_npy_matrix(fixture(size + "_points.npy"));
    // BERTopic's reduce_topics: AgglomerativeClustering(metric="precomputed", linkage="average")
    // on 1 - cosine similarity.
    const Dendrogram average = linkage(condensed_distances(points, Metric::Cosine), points.rows, Linkage::Average);
    const Dendrogram ward = linkage(points, Linkage::Ward);
    for (std::size_t k : {2, 4, 7}) {
      const auto expected_average =
          reference[size]["precomputed_cosine_average_" + std::to_string(k)].get<std::vector<int>>();
      const auto expected_ward = reference[size]["euclidean_ward_" + std::to_string(k)].get<std::vector<int>>();
      EXPECT_TRUE(same_partition(cut(average, k), expected_average)) << size << " average k = " << k;
      EXPECT_TRUE(same_partition(cut(ward, k), expected_ward)) << size << " ward k = " << k;
    }
  }
}

TEST(Agglomerative, CutEnds) {
  const Matrix<float> points = read_npy_matrix(fixture("small_points.npy"));
  const Dendrogram tree = linkage(points, Linkage::Average);
  const auto one = cut(tree, 1);
  EXPECT_EQ(one, std::vector<std::int32_t>(points.rows, 0));
  const auto all = cut(tree, points.rows);
  for (std::size_t i = 0; i < points.rows; ++i) EXPECT_EQ(all[i], static_cast<std::int32_t>(i));
  EXPECT_THROW(cut(tree, 0), UsageError);
  EXPECT_THROW(cut(tree, points.rows + 1), UsageError);
}

TEST(Agglomerative, LinkageMatrixLayout) {
  Matrix<float> points(3, 1);
  points.values = {0.0f, 1.0f, 3.0f};
  const Matrix<double> z = linkage(points, Linkage::Average).linkage_matrix();
  ASSERT_EQ(z.rows, 2u);
  ASSERT_EQ(z.cols, 4u);
  EXPECT_EQ(std::vector<double>(z.values.begin(), z.values.end()),
            (std::vector<double>{0, 1, 1, 2, 2, 3, 2.5, 3}));  // (0,1) at 1, then {0,1} + 2 at mean(3, 2)
}

TEST(Agglomerative, SmallAndDegenerateInputs) {
  EXPECT_TRUE(linkage(std::vector<double>{}, 1, Linkage::Ward).merges.empty());
  EXPECT_EQ(cut(linkage(std::vector<double>{}, 1, Linkage::Ward), 1), std::vector<std::int32_t>{0});
  const Dendrogram two = linkage(std::vector<double>{0.5}, 2, Linkage::Average);
  ASSERT_EQ(two.merges.size(), 1u);
  EXPECT_EQ(two.merges[0].distance, 0.5);
  // Identical points: every distance 0, still a complete tree.
  const Dendrogram same = linkage(Matrix<float>(6, 3), Linkage::Ward);
  EXPECT_EQ(same.merges.size(), 5u);
  EXPECT_EQ(same.merges.back().size, 6u);
  for (const Merge& m : same.merges) EXPECT_EQ(m.distance, 0.0);
}

TEST(Agglomerative, CondensedDistances) {
  Matrix<float> points(4, 2);
  points.values = {1, 0, 0, 2, 0, 0, 3, 0};
  EXPECT_EQ(condensed_index(4, 0, 1), 0u);
  EXPECT_EQ(condensed_index(4, 2, 1), 3u);
  EXPECT_EQ(condensed_index(4, 2, 3), 5u);
  const auto cosine = condensed_distances(points, Metric::Cosine);
  EXPECT_EQ(cosine, (std::vector<double>{1.0, 1.0, 0.0, 1.0, 1.0, 1.0}));  // row 2 is zero: distance 1
  const auto euclidean = condensed_distances(points, Metric::Euclidean);
  EXPECT_DOUBLE_EQ(euclidean[condensed_index(4, 0, 1)], std::sqrt(5.0));
  EXPECT_DOUBLE_EQ(euclidean[condensed_index(4, 0, 3)], 2.0);

  Matrix<float> many(200, 8);
  Random random(3);
  for (float& v : many.values) v = static_cast<float>(random.normal());
  EXPECT_EQ(condensed_distances(many, Metric::Cosine, 1), condensed_distances(many, Metric::Cosine, 3));
}

TEST(Agglomerative, SparseRowsGiveTheDenseDistances) {
  // c-TF-IDF-like rows: mostly zeros, one all-zero row.
  Matrix<float> dense(30, 50);
  Random random(5);
  for (std::size_t i = 1; i < dense.rows; ++i) {
    for (std::size_t j = 0; j < dense.cols; ++j) {
      if (random.uniform() < 0.2) dense(i, j) = random.uniform_float();
    }
  }
  Csr<double> sparse;
  sparse.rows = dense.rows;
  sparse.cols = dense.cols;
  for (std::size_t i = 0; i < dense.rows; ++i) {
    for (std::size_t j = 0; j < dense.cols; ++j) {
      if (dense(i, j) != 0) {
        sparse.indices.push_back(static_cast<std::int32_t>(j));
        sparse.values.push_back(dense(i, j));
      }
    }
    sparse.indptr.push_back(static_cast<std::int64_t>(sparse.values.size()));
  }
  for (Metric metric : {Metric::Cosine, Metric::Euclidean}) {
    const auto expected = condensed_distances(dense, metric, 1);
    const auto ours = condensed_distances(sparse, metric, 2);
    ASSERT_EQ(ours.size(), expected.size());
    for (std::size_t k = 0; k < ours.size(); ++k) EXPECT_NEAR(ours[k], expected[k], 1e-9) << metric_name(metric) << k;
    EXPECT_EQ(ours, condensed_distances(sparse, metric, 3));
  }
  sparse.indices[0] = 50;
  EXPECT_THROW(condensed_distances(sparse, Metric::Cosine), InputError);
}

TEST(Agglomerative, RefusesBadInput) {
  EXPECT_THROW(linkage(std::vector<double>{1.0, 2.0}, 3, Linkage::Average), InputError);
  EXPECT_THROW(linkage(std::vector<double>{}, 0, Linkage::Average), InputError);
  try {
    linkage(std::vector<double>{1.0, NAN, 2.0}, 3, Linkage::Average);
    FAIL() << "NaN accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("points 0 and 2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(linkage(Matrix<float>(3, 2), Linkage::Ward, Metric::Cosine), UsageError);
  Matrix<float> bad(3, 2);
  bad(1, 1) = INFINITY;
  EXPECT_THROW(condensed_distances(bad, Metric::Euclidean), InputError);
}

}  // namespace
}  // namespace topica
