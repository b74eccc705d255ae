// The initial layout: components, the Laplacian eigenmap (Lanczos against a dense solve), and the
// scaling umap-learn applies before the optimisation.
#include "reduce/umap/spectral_init.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <array>
#include <map>

#include "topica/random.hpp"

namespace topica::umap {
namespace {

// A symmetric graph from undirected weighted edges.
Graph graph_from(std::size_t n, const std::map<std::pair<int, int>, float>& edges) {
  std::vector<std::vector<std::pair<int, float>>> rows(n);
  for (const auto& [e, w] : edges) {
    rows[static_cast<std::size_t>(e.first)].emplace_back(e.second, w);
    rows[static_cast<std::size_t>(e.second)].emplace_back(e.first, w);
  }
  Graph g;
  g.rows = g.cols = n;
  g.offsets.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    std::sort(rows[i].begin(), rows[i].end());
    for (const auto& [c, w] : rows[i]) {
      g.columns.push_back(c);
      g.weights.push_back(w);
    }
    g.offsets[i + 1] = g.columns.size();
  }
  return g;
}

// Clusters of the given sizes, each a random graph of degree ~8, chained by a few weak links:
// the Laplacian then has (clusters - 1) small eigenvalues well apart from the rest.
Graph clustered_graph(const std::vector<int>& sizes, std::uint64_t seed) {
  Random rng(seed);
  std::map<std::pair<int, int>, float> edges;
  int offset = 0;
  for (std::size_t c = 0; c < sizes.size(); ++c) {
    for (int i = 0; i < sizes[c]; ++i) {
      for (int t = 0; t < 4; ++t) {
        const int j = static_cast<int>(rng.below(static_cast<std::uint64_t>(sizes[c])));
        if (j != i) edges[{offset + std::min(i, j), offset + std::max(i, j)}] = 0.2f + 0.8f * rng.uniform_float();
      }
      if (i > 0) edges[{offset + i - 1, offset + i}] = 1.0f;  // keeps the cluster connected
    }
    if (c > 0) {
      for (int t = 0; t < static_cast<int>(c) + 1; ++t) edges[{offset - 1 - t, offset + t}] = 0.05f;
    }
    offset += sizes[c];
  }
  return graph_from(static_cast<std::size_t>(offset), edges);
}

TEST(SpectralInit, ComponentsAreNumberedBySmallestVertex) {
  const Graph g = graph_from(7, {{{0, 3}, 1.0f}, {{1, 2}, 1.0f}, {{3, 6}, 0.5f}, {{4, 5}, 0.5f}});
  const Components c = connected_components(g);
  EXPECT_EQ(c.count, 3u);
  EXPECT_EQ(c.labels, (std::vector<std::int32_t>{0, 1, 1, 0, 2, 2, 0}));
}

// Against umap-learn 0.5.3's component_layout (tests/fixtures/umap/README.md).
TEST(SpectralInit, ComponentLayoutMatchesUmapLearn) {
  std::ifstream in(std::string(TOPICA_SOURCE_DIR) + "/tests/fixtures/umap/umap_reference.json");
  const auto ref = nlohmann::json::parse(in);
  const auto& rows = ref["component_data"];
  Matrix<float> data(rows.size(), rows[0].size());
  for (std::size_t i = 0; i < data.rows; ++i) {
    for (std::size_t j = 0; j < data.cols; ++j) data(i, j) = rows[i][j].get<float>();
  }
  Components comps;
  comps.labels = ref["component_labels"].get<std::vector<std::int32_t>>();
  comps.count = 9;
  for (const auto& c : ref["component_layouts"]) {
    const Metric metric = c["metric"] == "cosine" ? Metric::Cosine : Metric::Euclidean;
    const auto dim = c["dim"].get<std::size_t>();
    const Matrix<double> layout = component_layout(data, metric, comps, dim);
    for (std::size_t p = 0; p < comps.count; ++p) {
      for (std::size_t d = 0; d < dim; ++d) {
        EXPECT_NEAR(layout(p, d), c["layout"][p][d].get<double>(), 1e-5) << c["metric"] << " dim " << dim << " (" << p << ", " << d << ")";
      }
    }
  }
}

TEST(SpectralInit, LanczosFindsTheDenseEigenspace) {
  const Graph g = clustered_graph({130, 170, 150, 190}, 3);
  const std::size_t dim = 3;
  const auto dense = laplacian_eigenmap(g, dim, 1, 100000);
  const auto lanczos = laplacian_eigenmap(g, dim, 2, 0);
  ASSERT_TRUE(dense && lanczos);
  // Same subspace: the projection of each Lanczos vector on the dense ones keeps its length.
  for (std::size_t a = 0; a < dim; ++a) {
    double projected = 0, norm = 0;
    for (std::size_t b = 0; b < dim; ++b) {
      double dot = 0;
      for (std::size_t i = 0; i < g.rows; ++i) dot += (*lanczos)(i, a) * (*dense)(i, b);
      projected += dot * dot;
    }
    for (std::size_t i = 0; i < g.rows; ++i) norm += (*lanczos)(i, a) * (*lanczos)(i, a);
    EXPECT_NEAR(norm, 1.0, 1e-9);
    EXPECT_NEAR(projected, 1.0, 1e-4) << "vector " << a;
  }
  // Each column is an eigenvector with the dense solve's eigenvalue (same order), up to sign.
  for (std::size_t a = 0; a < dim; ++a) {
    double dot = 0;
    for (std::size_t i = 0; i < g.rows; ++i) dot += (*lanczos)(i, a) * (*dense)(i, a);
    EXPECT_GT(std::fabs(dot), 0.99) << "vector " << a;
  }
}

TEST(SpectralInit, InitialLayoutFillsTheTenBox) {
  const Graph g = clustered_graph({300, 250, 200}, 5);
  Matrix<float> data(g.rows, 3);  // only used for more than 2 * dim components
  std::vector<std::string> warnings;
  const Matrix<float> init = initial_layout(data, Metric::Euclidean, g, 2, 42, 2, warnings);
  EXPECT_TRUE(warnings.empty());
  for (std::size_t c = 0; c < 2; ++c) {
    float lo = 1e9f, hi = -1e9f;
    for (std::size_t i = 0; i < init.rows; ++i) {
      lo = std::min(lo, init(i, c));
      hi = std::max(hi, init(i, c));
    }
    EXPECT_EQ(lo, 0.0f);
    EXPECT_NEAR(hi, 10.0f, 1e-5f);
  }
  // The eigenmap separates the weakly linked clusters along its first axis.
  double mean0 = 0, mean2 = 0;
  for (std::size_t i = 0; i < 300; ++i) mean0 += init(i, 0) / 300.0;
  for (std::size_t i = 550; i < 750; ++i) mean2 += init(i, 0) / 200.0;
  EXPECT_GT(std::fabs(mean0 - mean2), 3.0);
}

TEST(SpectralInit, ManyComponentsArePlacedApart) {
  // Seven 2-d clusters (more than 2 * dim components for dim 2: their centroids get laid out
  // spectrally), plus three isolated pairs too small for an eigenmap (random in their box).
  std::map<std::pair<int, int>, float> edges;
  Matrix<float> data(7 * 40 + 6, 2);
  Random rng(9);
  for (int c = 0; c < 7; ++c) {
    for (int i = 0; i < 40; ++i) {
      const int v = c * 40 + i;
      // Centroids a few tenths apart, so their affinities exp(-d^2) are far from 0.
      data(static_cast<std::size_t>(v), 0) = static_cast<float>(0.4 * c + 0.05 * rng.normal());
      data(static_cast<std::size_t>(v), 1) = static_cast<float>(0.05 * c * c + 0.05 * rng.normal());
      if (i > 0) edges[{v - 1, v}] = 1.0f;
      if (i > 1) edges[{v - 2, v}] = 0.5f;
    }
  }
  for (int p = 0; p < 3; ++p) edges[{280 + 2 * p, 281 + 2 * p}] = 1.0f;
  const Graph g = graph_from(data.rows, edges);
  EXPECT_EQ(connected_components(g).count, 10u);
  std::vector<std::string> warnings;
  const Matrix<float> init = initial_layout(data, Metric::Euclidean, g, 2, 1, 1, warnings);
  for (float v : init.values) {
    EXPECT_GE(v, 0.0f);
    EXPECT_LE(v, 10.0f);
  }
  // Each cluster stays in its own box around its component's position (boxes are +-half the
  // distance to the nearest other position on each axis, so corners may reach past the midpoint):
  // nearly every point is nearest its own cluster's centroid.
  std::vector<std::array<double, 2>> centroid(7, {0.0, 0.0});
  for (int c = 0; c < 7; ++c) {
    for (int i = 0; i < 40; ++i) {
      for (int d = 0; d < 2; ++d) centroid[c][d] += init(static_cast<std::size_t>(c * 40 + i), static_cast<std::size_t>(d)) / 40.0;
    }
  }
  int own = 0;
  for (int c = 0; c < 7; ++c) {
    for (int i = 0; i < 40; ++i) {
      const auto v = static_cast<std::size_t>(c * 40 + i);
      int nearest = 0;
      for (int o = 1; o < 7; ++o) {
        if (std::hypot(init(v, 0) - centroid[o][0], init(v, 1) - centroid[o][1]) <
            std::hypot(init(v, 0) - centroid[nearest][0], init(v, 1) - centroid[nearest][1])) {
          nearest = o;
        }
      }
      own += nearest == c;
    }
  }
  EXPECT_GE(own, 250) << own << " of 280";
}

// Past kDenseComponents components (near-duplicate documents in a large corpus make such graphs)
// umap-learn's dense layout of the components would need components^2 memory; they are placed by
// a PCA of their centroids instead, with a warning, and the result is still a sane layout.
TEST(SpectralInit, ThousandsOfComponentsNeedNoDenseMatrix) {
  const std::size_t pairs = 3000;  // 6,000 points in 3,000 two-point components
  Random rng(5);
  Matrix<float> data(2 * pairs, 16);
  for (std::size_t p = 0; p < pairs; ++p) {
    for (std::size_t d = 0; d < data.cols; ++d) {
      const auto centre = static_cast<float>(rng.normal());
      data(2 * p, d) = centre;
      data(2 * p + 1, d) = centre + 0.01f * static_cast<float>(rng.normal());
    }
  }
  Graph g;
  g.rows = g.cols = data.rows;
  g.offsets.assign(data.rows + 1, 0);
  for (std::size_t i = 0; i < data.rows; ++i) {
    g.columns.push_back(static_cast<std::int32_t>(i ^ 1));
    g.weights.push_back(1.0f);
    g.offsets[i + 1] = g.columns.size();
  }
  ASSERT_EQ(connected_components(g).count, pairs);
  std::vector<std::string> warnings;
  const Matrix<float> init = initial_layout(data, Metric::Cosine, g, 5, 3, 2, warnings);
  ASSERT_EQ(init.rows, data.rows);
  ASSERT_FALSE(warnings.empty());
  EXPECT_NE(warnings.front().find("3000 unconnected groups"), std::string::npos) << warnings.front();
  for (float v : init.values) {
    ASSERT_TRUE(std::isfinite(v));
    ASSERT_GE(v, 0.0f);
    ASSERT_LE(v, 10.0f);
  }
  // The components' positions carry their centroids' first principal directions: the layout's
  // coordinates are not all alike.
  double lo = 10, hi = 0;
  for (std::size_t i = 0; i < init.rows; ++i) {
    lo = std::min(lo, static_cast<double>(init(i, 0)));
    hi = std::max(hi, static_cast<double>(init(i, 0)));
  }
  EXPECT_GT(hi - lo, 5.0);
}

}  // namespace
}  // namespace topica::umap
