// Supervised UMAP's graph against umap-learn 0.5.3's own (scripts/make_supervised_umap_fixture.py):
// the fuzzy graph of the same neighbour lists intersected with categorical labels and reset to
// full local connectivity, for target weights 0.5 and 0.8.
#include "reduce/umap/categorical_target.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <utility>

#include "reduce/umap/fuzzy_set.hpp"
#include "topica/error.hpp"
#include "topica/umap.hpp"

namespace topica::umap {
namespace {

nlohmann::json reference() {
  std::ifstream in(std::string(TOPICA_SOURCE_DIR) + "/tests/fixtures/umap/supervised_reference.json");
  return nlohmann::json::parse(in);
}

KnnGraph knn_from(const nlohmann::json& ref) {
  KnnGraph g;
  g.n = ref["knn_indices"].size();
  g.k = ref["knn_indices"][0].size();
  for (std::size_t i = 0; i < g.n; ++i) {
    for (std::size_t j = 0; j < g.k; ++j) {
      g.indices.push_back(ref["knn_indices"][i][j].get<std::int32_t>());
      g.distances.push_back(ref["knn_distances"][i][j].get<float>());
    }
  }
  return g;
}

std::map<std::pair<int, int>, float> edges_of(const Graph& g) {
  std::map<std::pair<int, int>, float> out;
  for (std::size_t i = 0; i < g.rows; ++i) {
    for (std::size_t e = g.begin(i); e < g.end(i); ++e) out[{static_cast<int>(i), g.columns[e]}] = g.weights[e];
  }
  return out;
}

TEST(CategoricalTarget, FarDistanceIsUmapLearns) {
  EXPECT_DOUBLE_EQ(categorical_far_distance(0.5), 5.0);
  EXPECT_DOUBLE_EQ(categorical_far_distance(0.8), 12.5);
  EXPECT_EQ(categorical_far_distance(1.0), 1.0e12);
}

TEST(CategoricalTarget, GraphMatchesUmapLearn) {
  const auto ref = reference();
  const std::vector<int> labels = ref["labels"].get<std::vector<int>>();
  const Graph fuzzy = fuzzy_simplicial_set(knn_from(ref), ref["n_neighbors"].get<std::size_t>(), 1);
  for (const auto& c : ref["cases"]) {
    const double weight = c["target_weight"].get<double>();
    EXPECT_DOUBLE_EQ(categorical_far_distance(weight), c["far_distance"].get<double>());
    const auto ours = edges_of(categorical_intersection(fuzzy, labels, weight));
    ASSERT_EQ(ours.size(), c["weights"].size()) << "target_weight " << weight;
    for (std::size_t e = 0; e < c["weights"].size(); ++e) {
      const std::pair<int, int> edge{c["rows"][e].get<int>(), c["cols"][e].get<int>()};
      const auto it = ours.find(edge);
      ASSERT_NE(it, ours.end()) << edge.first << " -> " << edge.second;
      EXPECT_NEAR(it->second, c["weights"][e].get<float>(), 2e-6f) << edge.first << " -> " << edge.second;
    }
  }
}

TEST(CategoricalTarget, EdgesAcrossLabelsWeakenAndEveryPointKeepsAFullEdge) {
  // Definition-level: before the reset, an edge within a label keeps its weight, an edge to an
  // unlabelled point loses a factor e, an edge across labels a factor e^5; after the reset the
  // graph is symmetric and every point with an edge has one of weight 1.
  Graph g;
  g.rows = g.cols = 4;
  g.offsets = {0, 3, 5, 7, 9};
  g.columns = {1, 2, 3, 0, 2, 0, 1, 0, 1};
  g.weights = {1.0f, 0.5f, 0.25f, 1.0f, 0.5f, 0.5f, 0.5f, 0.25f, 0.25f};
  const std::vector<int> labels = {0, 0, 1, -1};
  const Graph cut = intersect_with_labels(g, labels, 5.0);
  EXPECT_EQ(cut.weights[0], 1.0f);                                                 // 0 -> 1 same label
  EXPECT_EQ(cut.weights[1], static_cast<float>(0.5 * std::exp(-5.0)));            // 0 -> 2 across
  EXPECT_EQ(cut.weights[2], static_cast<float>(0.25 * std::exp(-1.0)));           // 0 -> 3 unlabelled
  const auto reset = edges_of(reset_local_connectivity(cut));
  std::map<int, float> strongest;
  for (const auto& [edge, w] : reset) {
    EXPECT_EQ(reset.at({edge.second, edge.first}), w);
    strongest[edge.first] = std::max(strongest[edge.first], w);
  }
  for (const auto& [point, w] : strongest) EXPECT_EQ(w, 1.0f) << "point " << point;
}

TEST(CategoricalTarget, SupervisedFitIsDeterministicAndRejectsBadLabels) {
  const auto ref = reference();
  Matrix<float> x(ref["x"].size(), ref["x"][0].size());
  for (std::size_t i = 0; i < x.rows; ++i) {
    for (std::size_t j = 0; j < x.cols; ++j) x(i, j) = ref["x"][i][j].get<float>();
  }
  UmapOptions o;
  o.n_neighbors = 6;
  o.n_epochs = 60;
  o.threads = 1;
  const std::vector<int> labels = ref["labels"].get<std::vector<int>>();
  const UmapModel one = umap_fit(x, o, labels);
  o.threads = 2;
  const UmapModel two = umap_fit(x, o, labels);
  EXPECT_EQ(one.embedding.values, two.embedding.values);  // thread count never matters
  const UmapModel unsupervised = umap_fit(x, o);
  EXPECT_NE(one.embedding.values, unsupervised.embedding.values);
  EXPECT_THROW(umap_fit(x, o, std::vector<int>(x.rows - 1, 0)), UsageError);
  o.target_weight = 1.5f;
  EXPECT_THROW(umap_fit(x, o, labels), UsageError);
}

}  // namespace
}  // namespace topica::umap
