// BERTopic's visualize_barchart: the top words of the largest topics with their c-TF-IDF scores,
// one horizontal bar subplot per topic, four to a row.
#include <cmath>

#include "viz/figures.hpp"

namespace topica::viz {
namespace {

constexpr std::size_t kColumns = 4;
const char* const kColors[] = {"#D55E00", "#0072B2", "#CC79A7", "#E69F00", "#56B4E9", "#009E73", "#F0E442"};

/// Places subplot `i` of `count` on the grid as plotly's make_subplots does (no shared axes).
void place_subplot(Json& layout, std::size_t i, std::size_t rows, const std::string& title) {
  const double h_space = 0.1, v_space = rows > 1 ? 0.4 / static_cast<double>(rows) : 0.0;
  const double width = (1.0 - h_space * (kColumns - 1)) / kColumns;
  const double height = (1.0 - v_space * static_cast<double>(rows - 1)) / static_cast<double>(rows);
  const std::size_t row = i / kColumns, col = i % kColumns;
  const double x0 = static_cast<double>(col) * (width + h_space);
  const double y1 = 1.0 - static_cast<double>(row) * (height + v_space);
  const std::string n = i == 0 ? "" : std::to_string(i + 1);
  layout["xaxis" + n] = {{"domain", {x0, x0 + width}}, {"anchor", "y" + n}, {"showgrid", true}, {"linecolor", "black"}};
  layout["yaxis" + n] = {{"domain", {y1 - height, y1}}, {"anchor", "x" + n}, {"linecolor", "black"}};
  layout["annotations"].push_back({{"text", title}, {"x", x0 + width / 2}, {"y", y1}, {"xref", "paper"},
                                   {"yref", "paper"}, {"xanchor", "center"}, {"yanchor", "bottom"},
                                   {"showarrow", false}, {"font", {{"size", 16}}}});
}

}  // namespace

Json barchart_figure(const TopicModel& model, const ChartOptions& options) {
  const auto topics = chosen_topics(model, options, 8);
  const std::size_t n_words = options.n_words.value_or(5);
  const std::size_t rows = (topics.size() + kColumns - 1) / kColumns;
  const int width = options.width.value_or(250), height = options.height.value_or(250);
  ChartOptions page = options;
  page.width = width * static_cast<int>(kColumns);
  page.height = rows > 1 ? height * static_cast<int>(rows) : static_cast<int>(std::lround(height * 1.3));
  Json layout = base_layout(page, "Topic Word Scores", 0, 0);
  layout["showlegend"] = false;
  layout["annotations"] = Json::array();
  Json data = Json::array();
  for (std::size_t i = 0; i < topics.size(); ++i) {
    const Topic& t = *topics[i];
    Json words = Json::array(), scores = Json::array();
    // Highest score at the top: plotly draws the first bar at the bottom.
    for (std::size_t w = std::min(n_words, t.words.size()); w-- > 0;) {
      words.push_back(t.words[w].word + "  ");
      scores.push_back(t.words[w].score);
    }
    const std::string n = i == 0 ? "" : std::to_string(i + 1);
    data.push_back({{"type", "bar"}, {"orientation", "h"}, {"x", scores}, {"y", words}, {"name", topic_title(t, options)},
                    {"marker", {{"color", kColors[i % std::size(kColors)]}}}, {"xaxis", "x" + n}, {"yaxis", "y" + n}});
    const std::string title = options.custom_labels && !t.label.empty() ? t.label : "Topic " + std::to_string(t.id);
    place_subplot(layout, i, rows, title);
  }
  return Json{{"data", data}, {"layout", layout}};
}

}  // namespace topica::viz
