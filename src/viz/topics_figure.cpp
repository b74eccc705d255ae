// BERTopic's visualize_topics, the intertopic distance map: each topic a bubble placed in 2-d by
// UMAP of its embedding, sized by its document count, with its words on hover and a slider that
// highlights one topic at a time.
#include <algorithm>
#include <cmath>

#include "topica/umap.hpp"
#include "viz/figures.hpp"

namespace topica::viz {
namespace {

/// Scales every column to [0, 1] (scikit-learn's MinMaxScaler; a constant column becomes 0).
void min_max_scale(Matrix<float>& m) {
  for (std::size_t j = 0; j < m.cols; ++j) {
    float lo = m(0, j), hi = m(0, j);
    for (std::size_t i = 1; i < m.rows; ++i) lo = std::min(lo, m(i, j)), hi = std::max(hi, m(i, j));
    for (std::size_t i = 0; i < m.rows; ++i) m(i, j) = hi > lo ? (m(i, j) - lo) / (hi - lo) : 0.0f;
  }
}

double cosine_distance(const float* a, const float* b, std::size_t n) {
  double dot = 0, na = 0, nb = 0;
  for (std::size_t j = 0; j < n; ++j) dot += double(a[j]) * b[j], na += double(a[j]) * a[j], nb += double(b[j]) * b[j];
  return na > 0 && nb > 0 ? 1.0 - dot / std::sqrt(na * nb) : 1.0;
}

}  // namespace

Matrix<float> topic_positions(const TopicModel& model, const std::vector<const Topic*>& topics, std::uint64_t seed) {
  bool from_ctfidf = false;
  Matrix<float> vectors = topic_vectors(model, topics, &from_ctfidf);
  Matrix<float> points(topics.size(), 2);
  if (topics.size() < 3) {
    // Too few for a neighbour graph: one topic sits at the centre, two lie their cosine distance apart.
    if (topics.size() == 2) points(1, 0) = static_cast<float>(cosine_distance(vectors.row(0), vectors.row(1), vectors.cols));
    return points;
  }
  // BERTopic scales c-TF-IDF rows before UMAP and uses the Hellinger metric on them; topica has
  // cosine only, which on the scaled rows keeps the same neighbours for word-count profiles.
  if (from_ctfidf) min_max_scale(vectors);
  UmapOptions umap;
  umap.n_neighbors = 2;
  umap.n_components = 2;
  umap.metric = Metric::Cosine;
  umap.seed = seed;
  return umap_fit(vectors, umap).embedding;
}

Json topics_figure(const std::vector<const Topic*>& topics, const Matrix<float>& points, const ChartOptions& options) {
  Json x = Json::array(), y = Json::array(), size = Json::array(), custom = Json::array(), steps = Json::array();
  double max_size = 1;
  for (std::size_t i = 0; i < topics.size(); ++i) {
    const Topic& t = *topics[i];
    std::string words;
    for (std::size_t w = 0; w < t.words.size() && w < 5; ++w) words += (w ? " | " : "") + t.words[w].word;
    x.push_back(points(i, 0));
    y.push_back(points(i, 1));
    size.push_back(t.size);
    custom.push_back({options.custom_labels && !t.label.empty() ? t.label : std::to_string(t.id), words, t.size});
    max_size = std::max(max_size, static_cast<double>(t.size));
  }
  for (std::size_t i = 0; i < topics.size(); ++i) {
    Json colors = Json::array();
    for (std::size_t k = 0; k < topics.size(); ++k) colors.push_back(k == i ? "red" : "#B0BEC5");
    steps.push_back({{"label", "Topic " + std::to_string(topics[i]->id)}, {"method", "update"},
                     {"args", {{{"marker.color", {colors}}}}}});
  }
  const auto range_of = [](const Json& v) {
    double lo = v[0].get<double>(), hi = lo;
    for (const auto& e : v) lo = std::min(lo, e.get<double>()), hi = std::max(hi, e.get<double>());
    // BERTopic pads by 15% of each end's magnitude; a flat axis still gets some width.
    lo -= std::abs(lo) * 0.15, hi += std::abs(hi) * 0.15;
    if (hi - lo < 1e-6) lo -= 1, hi += 1;
    return std::pair{lo, hi};
  };
  const auto [x0, x1] = range_of(x);
  const auto [y0, y1] = range_of(y);
  Json layout = base_layout(options, "Intertopic Distance Map", 650, 650);
  layout["xaxis"] = {{"visible", false}, {"range", {x0, x1}}};
  layout["yaxis"] = {{"visible", false}, {"range", {y0, y1}}};
  layout["sliders"] = {{{"active", 0}, {"pad", {{"t", 50}}}, {"steps", steps}}};
  const Json line = {{"color", "#CFD8DC"}, {"width", 2}};
  layout["shapes"] = {{{"type", "line"}, {"x0", (x0 + x1) / 2}, {"x1", (x0 + x1) / 2}, {"y0", y0}, {"y1", y1}, {"line", line}},
                      {{"type", "line"}, {"x0", x0}, {"x1", x1}, {"y0", (y0 + y1) / 2}, {"y1", (y0 + y1) / 2}, {"line", line}}};
  layout["annotations"] = {{{"x", x0}, {"y", (y0 + y1) / 2}, {"text", "D1"}, {"showarrow", false}, {"yshift", 10}},
                           {{"x", (x0 + x1) / 2}, {"y", y1}, {"text", "D2"}, {"showarrow", false}, {"xshift", 10}}};
  // plotly express's size_max=40: marker area proportional to the topic size.
  Json trace = {{"type", "scatter"}, {"mode", "markers"}, {"x", x}, {"y", y}, {"customdata", custom},
                {"marker", {{"size", size}, {"sizemode", "area"}, {"sizeref", 2.0 * max_size / (40.0 * 40.0)},
                            {"color", "#B0BEC5"}, {"line", {{"width", 2}, {"color", "DarkSlateGrey"}}}}},
                {"hovertemplate", "<b>Topic %{customdata[0]}</b><br>%{customdata[1]}<br>Size: %{customdata[2]}<extra></extra>"}};
  return Json{{"data", {trace}}, {"layout", layout}};
}

}  // namespace topica::viz
