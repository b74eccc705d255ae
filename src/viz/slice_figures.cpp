// BERTopic's visualize_topics_over_time and visualize_topics_per_class, from the tables
// `topica over-time` and `topica per-class` save in the model folder.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "viz/figures.hpp"

namespace topica::viz {
namespace {

/// The rows of the shown topics, grouped by topic in the order of `topics`, file order within.
std::vector<std::pair<const Topic*, std::vector<const SliceRow*>>> rows_by_topic(const std::vector<const Topic*>& topics,
                                                                                 const std::vector<SliceRow>& rows) {
  std::vector<std::pair<const Topic*, std::vector<const SliceRow*>>> out;
  for (const Topic* t : topics) {
    std::vector<const SliceRow*> mine;
    for (const SliceRow& r : rows) {
      if (r.topic == t->id) mine.push_back(&r);
    }
    if (!mine.empty()) out.emplace_back(t, std::move(mine));
  }
  return out;
}

/// BERTopic's choice: --topics, else the largest N sorted by id, else every topic by id.
std::vector<const Topic*> slice_topics(const TopicModel& model, const ChartOptions& options) {
  auto topics = chosen_topics(model, options, 0);
  if (options.topics.empty()) {
    std::sort(topics.begin(), topics.end(), [](const Topic* a, const Topic* b) { return a->id < b->id; });
  }
  return topics;
}

std::string short_title(const Topic& t, const ChartOptions& options) {
  const std::string name = topic_title(t, options);
  return name.size() > 40 ? name.substr(0, 40) + "..." : name;
}

Json hover_texts(const Topic& t, const std::vector<const SliceRow*>& rows) {
  Json text = Json::array();
  for (const SliceRow* r : rows) text.push_back(fmt::format("<b>Topic {}</b><br>Words: {}", t.id, r->words));
  return text;
}

}  // namespace

std::vector<SliceRow> read_slice_table(const std::string& path, const std::string& slice_column) {
  const std::string command = slice_column == "Timestamp" ? "topica over-time" : "topica per-class";
  const auto records = parse_csv(read_model_file(path, "run `" + command + " DIR ...` first"), path);
  const std::vector<std::string> header = {"Topic", "Words", "Frequency", slice_column};
  if (records.empty() || records[0] != header) {
    throw InputError(path + ": the header must be Topic,Words,Frequency," + slice_column);
  }
  std::vector<SliceRow> rows;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& r = records[i];
    const std::string where = fmt::format("{}: record {}", path, i + 1);
    if (r.size() != 4) throw InputError(fmt::format("{}: {} fields, expected 4", where, r.size()));
    const double topic = parse_csv_number(r[0], where + ": Topic");
    rows.push_back({static_cast<int>(topic), r[1], parse_csv_number(r[2], where + ": Frequency"), r[3]});
  }
  if (rows.empty()) throw InputError(path + ": no rows");
  return rows;
}

Json over_time_figure(const TopicModel& model, const std::vector<SliceRow>& rows, const ChartOptions& options) {
  Json data = Json::array();
  std::size_t index = 0;
  for (const auto& [topic, mine] : rows_by_topic(slice_topics(model, options), rows)) {
    Json x = Json::array(), y = Json::array();
    for (const SliceRow* r : mine) x.push_back(r->slice), y.push_back(r->frequency);
    data.push_back({{"type", "scatter"}, {"mode", "lines"}, {"x", x}, {"y", y}, {"name", short_title(*topic, options)},
                    {"hoverinfo", "text"}, {"hovertext", hover_texts(*topic, mine)},
                    {"marker", {{"color", kLineColors[index++ % std::size(kLineColors)]}}}});
  }
  if (data.empty()) throw InputError("topics_over_time.csv: no rows for the topics shown");
  Json layout = base_layout(options, "Topics over Time", 1250, 450);
  layout["yaxis"] = {{"title", {{"text", "Frequency"}}}, {"showline", true}, {"linecolor", "black"}};
  layout["xaxis"] = {{"showline", true}, {"linecolor", "black"}};
  layout["legend"] = {{"title", {{"text", "<b>Global Topic Representation"}}}};
  return Json{{"data", data}, {"layout", layout}};
}

Json per_class_figure(const TopicModel& model, const std::vector<SliceRow>& rows, const ChartOptions& options) {
  Json data = Json::array();
  std::size_t index = 0;
  for (const auto& [topic, mine] : rows_by_topic(slice_topics(model, options), rows)) {
    Json x = Json::array(), y = Json::array();
    for (const SliceRow* r : mine) x.push_back(r->frequency), y.push_back(r->slice);
    // BERTopic shows the first topic and lists the others in the legend, one click away.
    data.push_back({{"type", "bar"}, {"orientation", "h"}, {"x", x}, {"y", y}, {"name", short_title(*topic, options)},
                    {"visible", index == 0 ? Json(true) : Json("legendonly")}, {"hoverinfo", "text"},
                    {"hovertext", hover_texts(*topic, mine)},
                    {"marker", {{"color", kLineColors[index % std::size(kLineColors)]}}}});
    ++index;
  }
  if (data.empty()) throw InputError("topics_per_class.csv: no rows for the topics shown");
  Json layout = base_layout(options, "Topics per Class", 1250, 900);
  layout["xaxis"] = {{"title", {{"text", "Frequency"}}}, {"showline", true}, {"linecolor", "black"}};
  layout["yaxis"] = {{"title", {{"text", "Class"}}}, {"showline", true}, {"linecolor", "black"}, {"automargin", true}};
  layout["legend"] = {{"title", {{"text", "<b>Global Topic Representation"}}}};
  return Json{{"data", data}, {"layout", layout}};
}

}  // namespace topica::viz
