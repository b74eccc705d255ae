// BERTopic's visualize_heatmap: the cosine similarity of every pair of topic embeddings (c-TF-IDF
// rows when the model has none), optionally ordered so topics of one cluster sit together.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "topica/agglomerative.hpp"
#include "topica/error.hpp"
#include "viz/figures.hpp"

namespace topica::viz {
namespace {

/// ColorBrewer's GnBu, the scale BERTopic asks plotly express for (plotly.js has no such name).
const char* const kGnBu[] = {"#f7fcf0", "#e0f3db", "#ccebc5", "#a8ddb5", "#7bccc4", "#4eb3d3", "#2b8cbe", "#0868ac", "#084081"};

/// The topics grouped by `n_clusters` Ward clusters of their vectors (scikit-learn's
/// AgglomerativeClustering defaults), cluster by cluster, each cluster in the given order.
std::vector<std::size_t> cluster_order(const Matrix<float>& vectors, std::size_t n_clusters) {
  if (n_clusters < 1 || n_clusters > vectors.rows) {
    throw UsageError("--n-clusters must be between 1 and the number of topics shown (" + std::to_string(vectors.rows) + ")");
  }
  std::vector<std::size_t> order(vectors.rows);
  std::iota(order.begin(), order.end(), 0);
  if (vectors.rows < 2) return order;
  const auto labels = cut(linkage(vectors, Linkage::Ward, Metric::Euclidean), n_clusters);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return labels[a] < labels[b]; });
  return order;
}

}  // namespace

Json heatmap_figure(const TopicModel& model, const ChartOptions& options) {
  auto topics = chosen_topics(model, options, 0);
  if (options.topics.empty()) {
    std::sort(topics.begin(), topics.end(), [](const Topic* a, const Topic* b) { return a->id < b->id; });
  }
  Matrix<float> vectors = topic_vectors(model, topics);
  if (options.n_clusters) {
    const auto order = cluster_order(vectors, *options.n_clusters);
    std::vector<const Topic*> ordered;
    for (std::size_t i : order) ordered.push_back(topics[i]);
    topics = ordered;
    vectors = topic_vectors(model, topics);
  }
  Json z = Json::array(), names = Json::array();
  for (std::size_t i = 0; i < topics.size(); ++i) {
    std::string name = topic_title(*topics[i], options);
    if (name.size() > 40) name = name.substr(0, 37) + "...";
    names.push_back(name);
    Json row = Json::array();
    for (std::size_t j = 0; j < topics.size(); ++j) {
      double dot = 0, ni = 0, nj = 0;
      for (std::size_t c = 0; c < vectors.cols; ++c) {
        dot += double(vectors(i, c)) * vectors(j, c);
        ni += double(vectors(i, c)) * vectors(i, c);
        nj += double(vectors(j, c)) * vectors(j, c);
      }
      row.push_back(ni > 0 && nj > 0 ? dot / std::sqrt(ni * nj) : 0.0);
    }
    z.push_back(row);
  }
  Json scale = Json::array();
  for (std::size_t k = 0; k < std::size(kGnBu); ++k) scale.push_back({double(k) / (std::size(kGnBu) - 1), kGnBu[k]});
  Json trace = {{"type", "heatmap"}, {"z", z}, {"x", names}, {"y", names}, {"colorscale", scale},
                {"colorbar", {{"title", {{"text", "Similarity Score"}}}}},
                {"hovertemplate", "%{y}<br>%{x}<br>Similarity: %{z:.3f}<extra></extra>"}};
  Json layout = base_layout(options, "Similarity Matrix", 800, 800);
  layout["xaxis"] = {{"showgrid", false}, {"automargin", true}};
  layout["yaxis"] = {{"showgrid", false}, {"autorange", "reversed"}, {"automargin", true}};
  return Json{{"data", {trace}}, {"layout", layout}};
}

}  // namespace topica::viz
