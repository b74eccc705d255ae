// BERTopic's visualize_hierarchy: the dendrogram of how the topics merge (scipy's linkage
// matrix, as `topica hierarchy` saves it), leaves labelled by topic names on the left, the merge
// distance growing to the right, each merge's words on hover.
#include <fmt/format.h>

#include "topica/error.hpp"
#include "viz/figures.hpp"

namespace topica::viz {
namespace {

const char* const kClusterColors[] = {"#D55E00", "#0072B2", "#CC79A7", "#E69F00", "#56B4E9", "#009E73", "#F0E442"};
constexpr const char* kAboveThreshold = "#636363";

struct Layout {
  std::vector<double> position, height;  ///< per node id (leaves, then merges): y and distance
  std::vector<std::size_t> leaf_order;   ///< leaves bottom to top
  std::vector<std::string> color;        ///< per merge
};

/// scipy's dendrogram layout: leaves 5, 15, 25, ... in the order a depth-first walk (left child
/// first) meets them; a merge sits midway between its children, at its distance. Merges under 70%
/// of the largest distance share one colour per top-most such subtree, as scipy colours them.
Layout dendrogram_layout(const Matrix<double>& linkage, std::size_t leaves) {
  Layout out;
  out.position.assign(2 * leaves - 1, 0);
  out.height.assign(2 * leaves - 1, 0);
  out.color.assign(leaves - 1, kAboveThreshold);
  const double threshold = 0.7 * linkage(leaves - 2, 2);
  std::size_t next_color = 0;
  // Iterative walk: (node, color index or -1 while above the threshold, children done?).
  struct Frame { std::size_t node; long color; bool expanded; };
  std::vector<Frame> stack{{2 * leaves - 2, -1, false}};
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    if (f.node < leaves) {
      out.position[f.node] = 5.0 + 10.0 * static_cast<double>(out.leaf_order.size());
      out.leaf_order.push_back(f.node);
      continue;
    }
    const std::size_t merge = f.node - leaves;
    const auto a = static_cast<std::size_t>(linkage(merge, 0)), b = static_cast<std::size_t>(linkage(merge, 1));
    if (f.expanded) {
      out.position[f.node] = (out.position[a] + out.position[b]) / 2;
      out.height[f.node] = linkage(merge, 2);
      continue;
    }
    long color = f.color;
    if (color < 0 && linkage(merge, 2) <= threshold) color = static_cast<long>(next_color++ % std::size(kClusterColors));
    if (color >= 0) out.color[merge] = kClusterColors[color];
    stack.push_back({f.node, color, true});
    stack.push_back({b, color, false});
    stack.push_back({a, color, false});  // popped first: the left child's leaves come first
  }
  return out;
}

void check_linkage(const Matrix<double>& linkage, std::size_t leaves) {
  if (linkage.rows != leaves - 1 || linkage.cols != 4) {
    throw InputError(fmt::format("hierarchy_linkage.csv: {} merges for {} topics (expected {}); run `topica hierarchy` again",
                                 linkage.rows, leaves, leaves - 1));
  }
  for (std::size_t i = 0; i < linkage.rows; ++i) {
    for (int c = 0; c < 2; ++c) {
      const double id = linkage(i, static_cast<std::size_t>(c));
      if (!(id >= 0 && id < static_cast<double>(leaves + i))) {
        throw InputError(fmt::format("hierarchy_linkage.csv: line {}: cluster {} does not exist yet", i + 1, id));
      }
    }
  }
}

}  // namespace

Json hierarchy_figure(const TopicModel& model, const Matrix<double>& linkage, const std::vector<std::string>& node_names,
                      const ChartOptions& options) {
  const auto topics = real_topics(model);
  if (topics.size() < 2) throw UsageError("the hierarchy chart needs at least two topics besides the outliers");
  check_linkage(linkage, topics.size());
  const Layout l = dendrogram_layout(linkage, topics.size());
  Json data = Json::array(), node_x = Json::array(), node_y = Json::array(), node_text = Json::array();
  for (std::size_t m = 0; m < linkage.rows; ++m) {
    const auto a = static_cast<std::size_t>(linkage(m, 0)), b = static_cast<std::size_t>(linkage(m, 1));
    const std::size_t node = topics.size() + m;
    data.push_back({{"type", "scatter"}, {"mode", "lines"}, {"hoverinfo", "skip"}, {"showlegend", false},
                    {"x", {l.height[a], l.height[node], l.height[node], l.height[b]}},
                    {"y", {l.position[a], l.position[a], l.position[b], l.position[b]}},
                    {"line", {{"color", l.color[m]}, {"width", 1.5}}}});
    node_x.push_back(l.height[node]);
    node_y.push_back(l.position[node]);
    node_text.push_back(m < node_names.size() ? node_names[m] : fmt::format("merge {} (distance {:.4g})", m, linkage(m, 2)));
  }
  data.push_back({{"type", "scatter"}, {"mode", "markers"}, {"x", node_x}, {"y", node_y}, {"hovertext", node_text},
                  {"hoverinfo", "text"}, {"showlegend", false}, {"marker", {{"color", "black"}, {"size", 5}, {"opacity", 0.6}}}});
  Json tick_values = Json::array(), tick_text = Json::array();
  for (std::size_t leaf : l.leaf_order) {
    tick_values.push_back(l.position[leaf]);
    tick_text.push_back(topic_title(*topics[leaf], options));
  }
  Json layout = base_layout(options, "Hierarchical Clustering", 1000, 200 + 15 * static_cast<int>(topics.size()));
  layout["showlegend"] = false;
  layout["hovermode"] = "closest";
  layout["xaxis"] = {{"title", {{"text", "distance"}}}, {"zeroline", false}, {"showline", true}, {"linecolor", "black"}};
  layout["yaxis"] = {{"tickmode", "array"}, {"tickvals", tick_values}, {"ticktext", tick_text}, {"zeroline", false},
                     {"showline", true}, {"linecolor", "black"}, {"automargin", true}};
  return Json{{"data", data}, {"layout", layout}};
}

}  // namespace topica::viz
