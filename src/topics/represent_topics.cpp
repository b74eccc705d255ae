// Which words a representation refines, and where its result goes: the main words (with the
// topic's name) or a named aspect.
#include <algorithm>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topica/topic_representation.hpp"

namespace topica {
namespace {

// The topic table's own columns (topics.csv), which an aspect column must not shadow.
constexpr const char* kTableColumns[] = {"Topic", "Count", "Name", "CustomName", "Representation"};

bool same_words(std::span<const TopicWord> a, std::span<const TopicWord> b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const TopicWord& x, const TopicWord& y) { return x.word == y.word && x.score == y.score; });
}

// The words each topic's representation starts from. The main words are still fit's c-TF-IDF
// words exactly when they equal the head of the c-TF-IDF ranking, words and scores; then the
// longer c-TF-IDF list is the input, as in BERTopic, where every representation model sees
// max(top_n_words, 30) candidates. Words an earlier represent chose are refined as they are.
std::vector<std::vector<TopicWord>> starting_words(const TopicModel& model, const RepresentOptions& options) {
  const auto base = ctfidf_candidates(model, options.top_n_words);
  std::vector<std::vector<TopicWord>> start(model.topics.size());
  for (std::size_t t = 0; t < model.topics.size(); ++t) {
    const Topic& topic = model.topics[t];
    const std::vector<TopicWord>* current = &topic.words;
    if (!options.aspect.empty()) {
      const auto found = topic.aspects.find(options.aspect);
      current = found == topic.aspects.end() ? nullptr : &found->second;
    }
    const bool still_ctfidf = current == nullptr || (current->size() <= base[t].size() &&
                                                     same_words(*current, std::span(base[t]).first(current->size())));
    start[t] = still_ctfidf ? base[t] : *current;
  }
  return start;
}

}  // namespace

void check_aspect_name(const std::string& name) {
  const bool allowed = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
  });
  if (!allowed) throw UsageError(fmt::format("--aspect '{}': use letters, digits, '_', '-' and '.'", name));
  for (const char* column : kTableColumns) {
    if (name == column) throw UsageError(fmt::format("--aspect '{}': the topic table has a column of that name; choose another", name));
  }
}

std::vector<std::vector<TopicWord>> ctfidf_candidates(const TopicModel& model, std::size_t top_n_words) {
  const std::size_t n = std::max({top_n_words, model.options.top_n_words, std::size_t{30}});
  return top_words(model.ctfidf_matrix, model.vectorizer.vocabulary(), n, n);
}

void represent_topics(TopicModel& model, std::span<const std::string> documents, const TextEmbedder& embed,
                      const RepresentOptions& options) {
  if (!options.aspect.empty()) check_aspect_name(options.aspect);
  if (options.top_n_words == 0) throw UsageError("--top-n-words: must be at least 1");
  if (!(options.diversity >= 0 && options.diversity <= 1)) {
    throw UsageError(fmt::format("--diversity {}: must be between 0 and 1", options.diversity));
  }
  std::vector<std::vector<TopicWord>> words;
  if (options.method == RepresentationMethod::KeyBert) {
    if (documents.empty()) throw UsageError("keybert needs the model's training documents");
    KeyBertOptions keybert = options.keybert;
    keybert.top_n_words = options.top_n_words;
    words = keybert_words(model, documents, embed, keybert);
  } else {
    words = mmr_words(starting_words(model, options), embed, MmrOptions{options.diversity, options.top_n_words});
  }
  for (std::size_t t = 0; t < model.topics.size(); ++t) {
    Topic& topic = model.topics[t];
    if (words[t].size() > options.top_n_words) words[t].resize(options.top_n_words);
    if (options.aspect.empty()) {
      if (words[t].empty()) continue;  // nothing to rank (a topic without documents): keep its words
      topic.words = std::move(words[t]);
      topic.name = topic_name(topic.id, topic.words);  // BERTopic names topics from the main words
    } else {
      topic.aspects[options.aspect] = std::move(words[t]);
    }
  }
}

}  // namespace topica
