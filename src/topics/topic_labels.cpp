// Custom labels: from a file a person wrote, or generated from the topic words.
#include "topica/topic_labels.hpp"

#include <fmt/format.h>

#include "core/utf8.hpp"
#include "topica/corpus.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

// The first `characters` code points of `word` (Python's word[:n]); invalid UTF-8 is kept whole.
std::string cut_word(const std::string& word, std::size_t characters) {
  if (utf8::find_invalid(word) != std::string::npos) return word;
  std::size_t end = 0;
  for (std::size_t n = 0; n < characters && end < word.size(); ++n) utf8::next(word, end);
  return word.substr(0, end);
}

std::string id_range(const TopicModel& model) {
  return model.topics.empty() ? "none" : fmt::format("{} to {}", model.topics.front().id, model.topics.back().id);
}

}  // namespace

std::map<int, std::string> generate_topic_labels(const TopicModel& model, const GeneratedLabelOptions& options) {
  if (options.nr_words == 0) throw UsageError("--nr-words: must be at least 1");
  std::map<int, std::string> labels;
  for (const Topic& topic : model.topics) {
    const std::vector<TopicWord>* words = &topic.words;
    if (!options.aspect.empty()) {
      const auto found = topic.aspects.find(options.aspect);
      if (found == topic.aspects.end()) {
        throw UsageError(fmt::format("--aspect {}: topic {} has no such aspect (topica represent --aspect {} computes it)",
                                     options.aspect, topic.id, options.aspect));
      }
      words = &found->second;
    }
    std::string label = options.topic_prefix ? std::to_string(topic.id) + options.separator : std::string();
    std::size_t used = 0;
    for (const TopicWord& w : *words) {
      if (w.word.empty()) continue;
      if (used++ == options.nr_words) break;
      if (used > 1) label += options.separator;
      label += options.word_length > 0 ? cut_word(w.word, options.word_length) : w.word;
    }
    labels[topic.id] = std::move(label);
  }
  return labels;
}

std::map<int, std::string> read_topic_labels(const std::string& path, const TopicModel& model) {
  CorpusOptions csv;
  csv.path = path;
  csv.format = InputFormat::Csv;
  csv.id_column = "topic";
  csv.text_column = "label";
  const auto reader = open_corpus(csv);
  std::map<int, std::string> labels;
  std::map<int, std::uint64_t> line_of;
  for (Document row; reader->next(row);) {
    int id = 0;
    try {
      std::size_t used = 0;
      id = std::stoi(row.id, &used);
      if (used != row.id.size()) throw std::invalid_argument("trailing text");
    } catch (const std::logic_error&) {
      throw InputError(fmt::format("{}: line {}: topic '{}' is not an integer topic id", path, row.line, row.id));
    }
    if (!model.index_of(id)) {
      throw InputError(fmt::format("{}: line {}: topic {} is not in the model (its topics are {})", path, row.line, id, id_range(model)));
    }
    if (const auto seen = line_of.find(id); seen != line_of.end()) {
      throw InputError(fmt::format("{}: line {}: topic {} was already given a label on line {}", path, row.line, id, seen->second));
    }
    line_of[id] = row.line;
    labels[id] = row.text;
  }
  return labels;
}

void set_topic_labels(TopicModel& model, const std::map<int, std::string>& labels) {
  for (const auto& [id, label] : labels) {
    if (!model.index_of(id)) throw UsageError(fmt::format("topic {} is not in the model (its topics are {})", id, id_range(model)));
  }
  for (const auto& [id, label] : labels) model.topics[*model.index_of(id)].label = label;
}

}  // namespace topica
