// topica topics DIR [--topic N] [--format text|json|csv]: a saved model's topics, BERTopic's
// get_topic_info (the table) and get_topic / get_representative_docs (one topic).
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/options.hpp"
#include "cli/table_format.hpp"
#include "cli/topic_table.hpp"
#include "cli/verbs.hpp"
#include "topica/error.hpp"
#include "topica/model_store.hpp"
#include "topica/table_writer.hpp"

namespace topica::cli {
namespace {
using Json = nlohmann::ordered_json;

struct TopicsArgs {
  std::string dir;
  std::optional<int> topic;
  OutputFormat format = OutputFormat::Text;
};

const std::string& display_name(const Topic& t) { return t.label.empty() ? t.name : t.label; }

std::string representation(const Topic& t) {
  std::string out;
  for (const auto& w : t.words) (out += out.empty() ? "" : ", ") += w.word;
  return out;
}

// The table, with get_topic_info's column names in every format.
void print_table(const TopicModel& m, OutputFormat format) {
  if (format == OutputFormat::Text) {
    fmt::print("{}", topic_table(m));
  } else if (format == OutputFormat::Json) {
    Json rows = Json::array();
    for (const Topic& t : m.topics) {
      Json words = Json::array();
      for (const auto& w : t.words) words.push_back(w.word);
      rows.push_back({{"Topic", t.id}, {"Count", t.size}, {"Name", display_name(t)}, {"Representation", words}});
    }
    fmt::print("{}\n", rows.dump(2));
  } else {
    CsvWriter csv("-", {"Topic", "Count", "Name", "Representation"});
    for (const Topic& t : m.topics) csv.row({std::to_string(t.id), std::to_string(t.size), display_name(t), representation(t)});
    csv.commit();
  }
}

const Topic& find_topic(const TopicModel& m, int id, const std::string& dir) {
  const auto index = m.index_of(id);
  if (!index) {
    throw UsageError(fmt::format("--topic {}: {} has no such topic (ids {} to {})", id, dir, m.topics.front().id,
                                 m.topics.back().id));
  }
  return m.topics[*index];
}

// One topic: its words with c-TF-IDF scores, representative documents and label.
void print_topic(const Topic& t, OutputFormat format) {
  if (format == OutputFormat::Json) {
    Json words = Json::array();
    for (const auto& w : t.words) words.push_back({w.word, w.score});
    const Json j{{"topic", t.id}, {"count", t.size}, {"name", t.name}, {"label", t.label}, {"words", words},
                 {"representative_rows", t.representative_rows}, {"representative_docs", t.representative_docs}};
    fmt::print("{}\n", j.dump(2));
  } else if (format == OutputFormat::Csv) {
    // The words only: one row each, the shape a spreadsheet wants.
    CsvWriter csv("-", {"rank", "word", "score"});
    for (std::size_t i = 0; i < t.words.size(); ++i) csv.row({std::to_string(i + 1), t.words[i].word, fmt::format("{}", t.words[i].score)});
    csv.commit();
  } else {
    fmt::print("Topic {}  ({} documents)\nName   {}\n", t.id, t.size, t.name);
    if (!t.label.empty()) fmt::print("Label  {}\n", t.label);
    fmt::print("\n{:>4}  {:<30}  {}\n", "Rank", "Word", "c-TF-IDF");
    for (std::size_t i = 0; i < t.words.size(); ++i) fmt::print("{:>4}  {:<30}  {:.6f}\n", i + 1, t.words[i].word, t.words[i].score);
    fmt::print("\nRepresentative documents\n");
    for (std::size_t i = 0; i < t.representative_docs.size(); ++i) {
      const std::string row = i < t.representative_rows.size() ? fmt::format("row {}", t.representative_rows[i]) : "";
      fmt::print("  [{}] {}\n", row, one_line(t.representative_docs[i], 200));
    }
  }
}

void run_topics(const TopicsArgs& a) {
  const TopicModel model = load_topic_model(a.dir);
  if (model.topics.empty()) throw InputError(fmt::format("{}: the model has no topics", a.dir));
  if (a.topic) {
    print_topic(find_topic(model, *a.topic, a.dir), a.format);
  } else {
    print_table(model, a.format);
  }
}

}  // namespace

void add_topics(CLI::App& app) {
  auto a = std::make_shared<TopicsArgs>();
  auto* verb = app.add_subcommand("topics", "Show a saved model's topics (BERTopic's get_topic_info), or one topic in detail");
  verb->add_option("DIR", a->dir, "Model folder written by topica fit")->required();
  verb->add_option("--topic", a->topic, "Show this topic's words with c-TF-IDF scores, representative documents and label")
      ->type_name("N");
  add_table_format_option(*verb, a->format);
  verb->callback([a] { run_topics(*a); });
}

}  // namespace topica::cli
