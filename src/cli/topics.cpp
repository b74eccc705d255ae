// topica topics DIR [--topic N] [--aspect NAME] [--format text|json|csv]: a saved model's topics,
// BERTopic's get_topic_info (the table) and get_topic / get_representative_docs (one topic);
// --aspect shows a named representation (topica represent --aspect) in place of the main one.
#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>
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
  std::string aspect;
  OutputFormat format = OutputFormat::Text;
};

// The table, with get_topic_info's column names in every format; CSV is topics.csv's table.
void print_table(const TopicModel& m, OutputFormat format) {
  if (format == OutputFormat::Text) {
    fmt::print("{}", topic_table(m));
  } else if (format == OutputFormat::Json) {
    const bool labels = std::any_of(m.topics.begin(), m.topics.end(), [](const Topic& t) { return !t.label.empty(); });
    const auto word_list = [](const std::vector<TopicWord>& words) {
      Json list = Json::array();
      for (const auto& w : words) list.push_back(w.word);
      return list;
    };
    Json rows = Json::array();
    for (const Topic& t : m.topics) {
      Json row{{"Topic", t.id}, {"Count", t.size}, {"Name", t.name}};
      if (labels) row["CustomName"] = t.label.empty() ? t.name : t.label;
      row["Representation"] = word_list(t.words);
      for (const auto& [name, words] : t.aspects) row[name] = word_list(words);
      rows.push_back(std::move(row));
    }
    fmt::print("{}\n", rows.dump(2));
  } else {
    write_topic_table(m, "-");
  }
}

// --aspect NAME: the model with that aspect's words as every topic's main words, so every
// view shows it. A topic the aspect was not computed for shows no words.
TopicModel with_aspect(TopicModel m, const std::string& aspect, const std::string& dir) {
  std::set<std::string> names;
  for (const Topic& t : m.topics) {
    for (const auto& [name, words] : t.aspects) names.insert(name);
  }
  if (names.count(aspect) == 0) {
    throw UsageError(fmt::format("--aspect {}: {} has no such aspect ({})", aspect, dir,
                                 names.empty() ? "it has none; topica represent --aspect adds one"
                                               : fmt::format("it has {}", fmt::join(names, ", "))));
  }
  for (Topic& t : m.topics) {
    const auto it = t.aspects.find(aspect);
    t.words = it == t.aspects.end() ? std::vector<TopicWord>() : it->second;
    t.aspects.clear();
  }
  return m;
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
    const auto scored = [](const std::vector<TopicWord>& words) {
      Json list = Json::array();
      for (const auto& w : words) list.push_back({w.word, w.score});
      return list;
    };
    Json j{{"topic", t.id}, {"count", t.size}, {"name", t.name}, {"label", t.label}, {"words", scored(t.words)},
           {"representative_rows", t.representative_rows}, {"representative_docs", t.representative_docs}};
    for (const auto& [name, aspect_words] : t.aspects) j["aspects"][name] = scored(aspect_words);
    fmt::print("{}\n", j.dump(2));
  } else if (format == OutputFormat::Csv) {
    // The words only: one row each, the shape a spreadsheet wants.
    CsvWriter csv("-", {"rank", "word", "score"});
    for (std::size_t i = 0; i < t.words.size(); ++i) csv.row({std::to_string(i + 1), t.words[i].word, fmt::format("{}", t.words[i].score)});
    csv.commit();
  } else {
    fmt::print("Topic {}  ({} documents)\nName   {}\n", t.id, t.size, t.name);
    if (!t.label.empty()) fmt::print("Label  {}\n", t.label);
    // c-TF-IDF scores, or similarities once topica represent re-ranked the words.
    fmt::print("\n{:>4}  {:<30}  {}\n", "Rank", "Word", "Score");
    for (std::size_t i = 0; i < t.words.size(); ++i) fmt::print("{:>4}  {:<30}  {:.6f}\n", i + 1, t.words[i].word, t.words[i].score);
    for (const auto& [name, aspect_words] : t.aspects) {
      std::string list;
      for (const auto& w : aspect_words) (list += list.empty() ? "" : ", ") += w.word;
      fmt::print("\nAspect {}: {}\n", name, list);
    }
    fmt::print("\nRepresentative documents\n");
    for (std::size_t i = 0; i < t.representative_docs.size(); ++i) {
      const std::string row = i < t.representative_rows.size() ? fmt::format("row {}", t.representative_rows[i]) : "";
      fmt::print("  [{}] {}\n", row, one_line(t.representative_docs[i], 200));
    }
  }
}

void run_topics(const TopicsArgs& a) {
  TopicModel model = load_topic_model(a.dir);
  if (model.topics.empty()) throw InputError(fmt::format("{}: the model has no topics", a.dir));
  if (!a.aspect.empty()) model = with_aspect(std::move(model), a.aspect, a.dir);
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
  verb->add_option("--aspect", a->aspect, "Show this named representation (topica represent --aspect) instead of the main words")
      ->type_name("NAME");
  add_table_format_option(*verb, a->format);
  verb->callback([a] { run_topics(*a); });
}

}  // namespace topica::cli
