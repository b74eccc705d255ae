// Maximal marginal relevance: words chosen one at a time, each the best trade between closeness
// to the topic and distance from the words already chosen, so a topic is not described by five
// spellings of one idea.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topica/topic_representation.hpp"

namespace topica {
namespace {

// Cosine in double; 0 when either vector is zero, as scikit-learn's cosine_similarity gives.
double cosine(const float* a, const float* b, std::size_t n) {
  double dot = 0, na = 0, nb = 0;
  for (std::size_t j = 0; j < n; ++j) {
    dot += static_cast<double>(a[j]) * b[j];
    na += static_cast<double>(a[j]) * a[j];
    nb += static_cast<double>(b[j]) * b[j];
  }
  return na > 0 && nb > 0 ? dot / std::sqrt(na * nb) : 0.0;
}

}  // namespace

std::vector<std::size_t> mmr_select(const Matrix<float>& word_embeddings, std::span<const float> document_embedding,
                                    double diversity, std::size_t top_n) {
  const std::size_t n = word_embeddings.rows, dim = word_embeddings.cols;
  if (document_embedding.size() != dim) {
    throw UsageError(fmt::format("mmr: a {}-d document embedding for {}-d words", document_embedding.size(), dim));
  }
  std::vector<double> relevance(n);
  for (std::size_t i = 0; i < n; ++i) relevance[i] = cosine(word_embeddings.row(i), document_embedding.data(), dim);
  // redundancy[i]: the highest similarity of candidate i to a chosen word, updated per choice.
  std::vector<double> redundancy(n, -std::numeric_limits<double>::infinity());
  std::vector<bool> chosen(n, false);
  std::vector<std::size_t> order;
  while (order.size() < std::min(top_n, n)) {
    std::size_t best = n;
    double best_value = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (chosen[i]) continue;
      // The first pick is by relevance alone (BERTopic's argmax before the loop).
      const double value = order.empty() ? relevance[i] : (1 - diversity) * relevance[i] - diversity * redundancy[i];
      if (best == n || value > best_value) {
        best = i;
        best_value = value;
      }
    }
    chosen[best] = true;
    order.push_back(best);
    for (std::size_t i = 0; i < n; ++i) {
      if (!chosen[i]) redundancy[i] = std::max(redundancy[i], cosine(word_embeddings.row(i), word_embeddings.row(best), dim));
    }
  }
  return order;
}

std::vector<std::vector<TopicWord>> mmr_words(std::span<const std::vector<TopicWord>> words_per_topic,
                                              const TextEmbedder& embed, const MmrOptions& options) {
  // Two batches for every topic: each distinct word, and each topic's words joined by spaces.
  std::map<std::string, std::size_t> word_row;
  std::vector<std::string> vocabulary, joined;
  for (const auto& words : words_per_topic) {
    std::string text;
    for (const TopicWord& w : words) {
      if (w.word.empty()) continue;  // BERTopic's filler for missing words is no candidate
      if (word_row.emplace(w.word, vocabulary.size()).second) vocabulary.push_back(w.word);
      (text += text.empty() ? "" : " ") += w.word;
    }
    joined.push_back(std::move(text));
  }
  std::vector<std::vector<TopicWord>> result(words_per_topic.size());
  if (vocabulary.empty()) return result;  // no topic has a word to choose
  const Matrix<float> word_embeddings = embed(vocabulary);
  const Matrix<float> topic_embeddings = embed(joined);
  if (word_embeddings.rows != vocabulary.size() || topic_embeddings.rows != joined.size()) {
    throw Error("the embedder returned the wrong number of rows");
  }

  for (std::size_t t = 0; t < words_per_topic.size(); ++t) {
    std::vector<std::size_t> slots;  // index into words_per_topic[t] of each candidate
    for (std::size_t i = 0; i < words_per_topic[t].size(); ++i) {
      if (!words_per_topic[t][i].word.empty()) slots.push_back(i);
    }
    Matrix<float> candidates(slots.size(), word_embeddings.cols);
    for (std::size_t i = 0; i < slots.size(); ++i) {
      const float* row = word_embeddings.row(word_row.at(words_per_topic[t][slots[i]].word));
      std::copy(row, row + word_embeddings.cols, candidates.row(i));
    }
    const auto picked = mmr_select(candidates, std::span<const float>(topic_embeddings.row(t), topic_embeddings.cols),
                                   options.diversity, options.top_n_words);
    std::vector<bool> keep(words_per_topic[t].size(), false);
    for (std::size_t p : picked) keep[slots[p]] = true;
    // BERTopic keeps the incoming words, in their order and with their scores, that MMR chose.
    for (std::size_t i = 0; i < keep.size(); ++i) {
      if (keep[i]) result[t].push_back(words_per_topic[t][i]);
    }
  }
  return result;
}

}  // namespace topica
