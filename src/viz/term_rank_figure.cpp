// BERTopic's visualize_term_rank: each topic's c-TF-IDF scores against the rank of the word, one
// line per topic, showing how quickly a topic's words stop mattering (Tiedemann's elbow).
#include <fmt/format.h>

#include "viz/figures.hpp"

namespace topica::viz {

Json term_rank_figure(const TopicModel& model, const ChartOptions& options) {
  auto topics = chosen_topics(model, options, 0);
  Json data = Json::array();
  for (std::size_t i = 0; i < topics.size(); ++i) {
    const Topic& t = *topics[i];
    const std::size_t n = std::min(options.n_words.value_or(t.words.size()), t.words.size());
    Json x = Json::array(), y = Json::array(), text = Json::array();
    for (std::size_t w = 0; w < n; ++w) {
      x.push_back(w + 1);
      y.push_back(t.words[w].score);
      text.push_back(fmt::format("<b>Topic {}</b><br>{}: {} (rank {})", t.id, t.words[w].word, t.words[w].score, w + 1));
    }
    data.push_back({{"type", "scatter"}, {"mode", "lines+markers"}, {"x", x}, {"y", y}, {"name", topic_title(t, options)},
                    {"hoverinfo", "text"}, {"hovertext", text}, {"line", {{"color", kLineColors[i % std::size(kLineColors)]}, {"width", 1.5}}},
                    {"marker", {{"size", 4}}}});
  }
  Json layout = base_layout(options, "Term score decline per Topic", 800, 500);
  layout["xaxis"] = {{"title", {{"text", "Term Rank"}}}, {"showline", true}, {"linecolor", "black"}};
  layout["yaxis"] = {{"title", {{"text", "c-TF-IDF score"}}}, {"type", options.log_scale ? "log" : "linear"},
                     {"showline", true}, {"linecolor", "black"}};
  return Json{{"data", data}, {"layout", layout}};
}

}  // namespace topica::viz
