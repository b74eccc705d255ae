// BERTopic's visualize_distribution: one document's probability for each topic, as horizontal
// bars, topics under BERTopic's min_probability (0.015) left out.
#include <algorithm>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "viz/figures.hpp"

namespace topica::viz {
namespace {
constexpr double kMinProbability = 0.015;  // BERTopic 0.17's default
}  // namespace

Json distribution_figure(const TopicModel& model, std::span<const float> probabilities, const ChartOptions& options) {
  const auto topics = real_topics(model);
  if (probabilities.size() != topics.size()) {
    throw InputError(fmt::format("topic_distributions.npy: {} columns for {} topics; run `topica distribution` again",
                                 probabilities.size(), topics.size()));
  }
  Json x = Json::array(), y = Json::array();
  for (std::size_t i = 0; i < topics.size(); ++i) {
    if (!(probabilities[i] >= kMinProbability)) continue;
    std::string label = topic_title(*topics[i], options);
    if (label.size() >= 30) label = label.substr(0, 27) + "...";
    x.push_back(probabilities[i]);
    y.push_back(label + "  ");
  }
  if (x.empty()) {
    throw UsageError(fmt::format("document {}: no topic has a probability of at least {} to show", options.document,
                                 kMinProbability));
  }
  Json layout = base_layout(options, "Topic Probability Distribution", 800, 600);
  layout["xaxis"] = {{"title", {{"text", "Probability"}}}, {"showline", true}, {"linecolor", "black"}};
  layout["yaxis"] = {{"automargin", true}, {"showline", true}, {"linecolor", "black"}};
  Json trace = {{"type", "bar"}, {"orientation", "h"}, {"x", x}, {"y", y},
                {"marker", {{"color", "#C8D2D7"}, {"line", {{"color", "#6E8484"}, {"width", 1}}}}}};
  return Json{{"data", {trace}}, {"layout", layout}};
}

}  // namespace topica::viz
