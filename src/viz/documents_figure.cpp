// BERTopic's visualize_documents: every document on the 2-d map, coloured by topic, its text's
// start on hover, each topic's name at its centre. WebGL (scattergl) so 100k+ points stay smooth.
//
// The points travel compactly and the page's script (chart.js) draws them as one WebGL trace
// with a colour per point: "points" holds the coordinates as base64 Float32Array bytes, each
// point's index into "names" as base64 Uint16Array bytes (Uint32 past 65,535 names), and each
// text's start once. One trace per topic made plotly build hundreds of WebGL draw calls, and
// parsing 100k JSON numbers per column cost more than decoding their bytes.
#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topica/random.hpp"
#include "viz/figures.hpp"

namespace topica::viz {
namespace {

constexpr std::size_t kHoverCharacters = 80;

/// The first `count` characters (code points) of UTF-8 `text`, newlines as spaces.
std::string text_start(const std::string& text, std::size_t count) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80 && chars++ == count) return out + "…";
    out += c == '\n' || c == '\r' || c == '\t' ? ' ' : text[i];
  }
  return out;
}

double four_digits(double v) { return std::strtod(fmt::format("{:.4g}", v).c_str(), nullptr); }

/// Bytes per topic index: Uint16 covers every realistic model.
std::size_t index_width(std::size_t names) { return names <= 0x10000 ? 2 : 4; }

/// The rows shown: all, or BERTopic's sample: per topic, every document of a topic under 100,
/// else that fraction of them drawn without replacement (seeded).
std::vector<std::size_t> sampled_rows(const TopicModel& model, const ChartOptions& options) {
  const std::size_t n = model.assignments.size();
  std::vector<std::size_t> rows;
  if (!options.sample) {
    rows.resize(n);
    for (std::size_t i = 0; i < n; ++i) rows[i] = i;
    return rows;
  }
  if (!(*options.sample > 0 && *options.sample <= 1)) throw UsageError("--sample must be a fraction in (0, 1]");
  Random random(options.seed);
  for (const Topic& t : model.topics) {
    std::vector<std::size_t> members;
    for (std::size_t i = 0; i < n; ++i) {
      if (model.assignments[i] == t.id) members.push_back(i);
    }
    const std::size_t keep = members.size() < 100 ? members.size() : static_cast<std::size_t>(members.size() * *options.sample);
    for (std::size_t k = 0; k < keep; ++k) std::swap(members[k], members[k + random.below(members.size() - k)]);
    rows.insert(rows.end(), members.begin(), members.begin() + static_cast<std::ptrdiff_t>(keep));
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace

Json documents_figure(const TopicModel& model, std::span<const std::string> documents, const Matrix<float>& coords,
                      const ChartOptions& options) {
  const std::size_t n = model.assignments.size();
  if (documents.size() != n) throw InputError(fmt::format("documents.jsonl: {} documents for {} assignments", documents.size(), n));
  if (coords.rows != n || coords.cols != 2) {
    throw InputError(fmt::format("documents_2d.npy: {} x {} for {} documents (expected {} x 2)", coords.rows, coords.cols, n, n));
  }
  // Names: "other" first (outliers and topics not asked for), then the shown topics by id.
  const auto all = real_topics(model);
  std::vector<const Topic*> shown = options.topics.empty() ? all : chosen_topics(model, options, 0);
  std::sort(shown.begin(), shown.end(), [](const Topic* a, const Topic* b) { return a->id < b->id; });
  std::vector<int> index_of_id;  // topic id -> name index (0 = other), ids are small non-negative
  int max_id = 0;
  for (const Topic* t : all) max_id = std::max(max_id, t->id);
  index_of_id.assign(static_cast<std::size_t>(max_id) + 1, 0);
  Json names = Json::array({"Other documents"}), ids = Json::array({-1});
  for (std::size_t k = 0; k < shown.size(); ++k) {
    index_of_id[static_cast<std::size_t>(shown[k]->id)] = static_cast<int>(k + 1);
    names.push_back(topic_title(*shown[k], options));
    ids.push_back(shown[k]->id);
  }
  std::vector<float> x, y;
  std::vector<std::uint32_t> topic;
  Json text = Json::array();
  std::vector<double> sum_x(names.size()), sum_y(names.size()), count(names.size());
  for (std::size_t row : sampled_rows(model, options)) {
    const int id = model.assignments[row];
    const int index = id >= 0 && id <= max_id ? index_of_id[static_cast<std::size_t>(id)] : 0;
    x.push_back(coords(row, 0));
    y.push_back(coords(row, 1));
    topic.push_back(static_cast<std::uint32_t>(index));
    text.push_back(text_start(documents[row], kHoverCharacters));
    sum_x[index] += coords(row, 0), sum_y[index] += coords(row, 1), count[index] += 1;
  }
  Json centers = Json::array();
  for (std::size_t k = 0; k < names.size(); ++k) {
    centers.push_back(count[k] > 0 ? Json{four_digits(sum_x[k] / count[k]), four_digits(sum_y[k] / count[k])} : Json(nullptr));
  }
  Json layout = base_layout(options, "Documents and Topics", 1200, 750);
  layout["xaxis"] = {{"visible", false}};
  layout["yaxis"] = {{"visible", false}};
  layout["hovermode"] = "closest";
  layout["showlegend"] = false;  // the page lists the topics itself (chart.js legendControl)
  return Json{{"data", Json::array()},
              {"layout", layout},
              {"documents", {{"names", names}, {"topic_ids", ids}, {"centers", centers},
                             {"annotations", !options.hide_annotations},
                             {"points", {{"count", x.size()},
                                         {"x", base64_float32(x)},
                                         {"y", base64_float32(y)},
                                         {"topic_bytes", index_width(names.size())},
                                         {"topic", base64_unsigned(topic, index_width(names.size()))},
                                         {"text", std::move(text)}}}}}};
}

}  // namespace topica::viz
