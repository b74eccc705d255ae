// The fuzzy graph against umap-learn 0.5.3's own fuzzy_simplicial_set, smooth_knn_dist and
// compute_membership_strengths on the same neighbour lists (tests/fixtures/umap/README.md).
#include "reduce/umap/fuzzy_set.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <utility>

namespace topica::umap {
namespace {

nlohmann::json reference() {
  std::ifstream in(std::string(TOPICA_SOURCE_DIR) + "/tests/fixtures/umap/umap_reference.json");
  return nlohmann::json::parse(in);
}

KnnGraph knn_from(const nlohmann::json& indices, const nlohmann::json& distances) {
  KnnGraph g;
  g.n = indices.size();
  g.k = indices[0].size();
  for (std::size_t i = 0; i < g.n; ++i) {
    for (std::size_t j = 0; j < g.k; ++j) {
      g.indices.push_back(indices[i][j].get<std::int32_t>());
      g.distances.push_back(distances[i][j].get<float>());
    }
  }
  return g;
}

TEST(FuzzySet, SigmasAndRhosMatchUmapLearn) {
  const auto ref = reference();
  const KnnGraph knn = knn_from(ref["knn_indices"], ref["knn_distances"]);
  const LocalScales s = smooth_knn_dist(knn, ref["n_neighbors"].get<double>(), 1.0, 1);
  for (std::size_t i = 0; i < knn.n; ++i) {
    EXPECT_NEAR(s.sigmas[i], ref["sigmas"][i].get<float>(), 1e-6f * ref["sigmas"][i].get<float>()) << "row " << i;
    EXPECT_EQ(s.rhos[i], ref["rhos"][i].get<float>()) << "row " << i;
  }
}

TEST(FuzzySet, GraphMatchesUmapLearn) {
  const auto ref = reference();
  const KnnGraph knn = knn_from(ref["knn_indices"], ref["knn_distances"]);
  const Graph g = fuzzy_simplicial_set(knn, ref["n_neighbors"].get<std::size_t>(), 2);
  std::map<std::pair<int, int>, float> expected;
  for (std::size_t e = 0; e < ref["graph_vals"].size(); ++e) {
    expected[{ref["graph_rows"][e].get<int>(), ref["graph_cols"][e].get<int>()}] = ref["graph_vals"][e].get<float>();
  }
  ASSERT_EQ(g.edges(), expected.size());
  for (std::size_t i = 0; i < g.rows; ++i) {
    for (std::size_t e = g.begin(i); e < g.end(i); ++e) {
      const auto it = expected.find({static_cast<int>(i), g.columns[e]});
      ASSERT_NE(it, expected.end()) << i << " -> " << g.columns[e];
      EXPECT_NEAR(g.weights[e], it->second, 2e-6f) << i << " -> " << g.columns[e];
      if (e > g.begin(i)) {
        EXPECT_LT(g.columns[e - 1], g.columns[e]);
      }
    }
  }
  // The union is symmetric.
  std::map<std::pair<int, int>, float> ours;
  for (std::size_t i = 0; i < g.rows; ++i) {
    for (std::size_t e = g.begin(i); e < g.end(i); ++e) ours[{static_cast<int>(i), g.columns[e]}] = g.weights[e];
  }
  for (const auto& [edge, w] : ours) EXPECT_EQ(ours.at({edge.second, edge.first}), w);
}

TEST(FuzzySet, TransformMembershipsMatchUmapLearn) {
  const auto ref = reference();
  const KnnGraph knn = knn_from(ref["transform_knn_indices"], ref["transform_knn_distances"]);
  const LocalScales s = smooth_knn_dist(knn, ref["n_neighbors"].get<double>(), 0.0, 1);
  const Graph g = membership_strengths(knn, s, true, ref["x"].size());
  for (std::size_t i = 0; i < knn.n; ++i) {
    EXPECT_NEAR(s.sigmas[i], ref["transform_sigmas"][i].get<float>(), 1e-6f * ref["transform_sigmas"][i].get<float>());
    ASSERT_EQ(g.end(i) - g.begin(i), knn.k);  // no weight is 0 here
    for (std::size_t j = 0; j < knn.k; ++j) {
      EXPECT_EQ(g.columns[g.begin(i) + j], knn.neighbors(i)[j]);
      EXPECT_NEAR(g.weights[g.begin(i) + j], ref["transform_weights"][i][j].get<float>(), 2e-6f) << i << ", " << j;
    }
  }
  EXPECT_EQ(g.weights[g.begin(0)], 1.0f);  // new point 0 duplicates a training point
}

TEST(FuzzySet, AllDuplicatesGiveWeightOneWithoutHanging) {
  KnnGraph knn;
  knn.n = 6;
  knn.k = 4;
  for (std::size_t i = 0; i < knn.n; ++i) {
    for (std::size_t j = 0; j < knn.k; ++j) {
      knn.indices.push_back(static_cast<std::int32_t>((i + j) % knn.n));
      knn.distances.push_back(0.0f);
    }
  }
  const Graph g = fuzzy_simplicial_set(knn, 4, 1);
  EXPECT_GT(g.edges(), 0u);
  for (float w : g.weights) EXPECT_EQ(w, 1.0f);
}

}  // namespace
}  // namespace topica::umap
