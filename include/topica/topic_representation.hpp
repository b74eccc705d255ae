// Topic representations beyond c-TF-IDF: BERTopic's KeyBERTInspired (candidate words re-ranked
// by similarity to the topic's representative documents) and MaximalMarginalRelevance (a
// diverse subset of the words). represent_topics() applies one to a model, either in place of
// the main words — so keybert then mmr chains as BERTopic's list of representation models — or
// beside them as a named aspect (BERTopic's representation_model={"name": ...}).
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "topica/matrix.hpp"
#include "topica/topic_model.hpp"

namespace topica {

/// Embeds texts the way the model's documents were embedded, one row per text.
using TextEmbedder = std::function<Matrix<float>(std::span<const std::string> texts)>;

/// BERTopic's KeyBERTInspired defaults.
struct KeyBertOptions {
  std::size_t top_n_words = 10;
  std::size_t nr_repr_docs = 5;          ///< representative documents averaged into the topic
  std::size_t nr_samples = 500;          ///< documents of a topic considered for them
  std::size_t nr_candidate_words = 100;  ///< highest c-TF-IDF words considered
};

/// BERTopic's MaximalMarginalRelevance defaults.
struct MmrOptions {
  double diversity = 0.1;  ///< 0: most similar words only; 1: most diverse
  std::size_t top_n_words = 10;
};

/// KeyBERTInspired, per topic (in model.topics order): the topic's `nr_candidate_words` highest
/// c-TF-IDF words (zero scores are not candidates), ranked by cosine similarity of their
/// embedding to the mean embedding of the topic's `nr_repr_docs` representative documents
/// (chosen as fit chooses them, among `nr_samples`). Scores are those similarities; equal
/// similarities keep the c-TF-IDF order. `documents` are the model's training documents.
std::vector<std::vector<TopicWord>> keybert_words(const TopicModel& model, std::span<const std::string> documents,
                                                  const TextEmbedder& embed, const KeyBertOptions& options);

/// Maximal marginal relevance over `word_embeddings` (one row per candidate) for a document
/// embedding: first the most similar candidate, then repeatedly the one maximising
/// (1 - diversity) * cos(word, document) - diversity * max cos(word, chosen). Returns candidate
/// rows in the order chosen, at most `top_n`; the first of equal values wins (numpy's argmax).
std::vector<std::size_t> mmr_select(const Matrix<float>& word_embeddings, std::span<const float> document_embedding,
                                    double diversity, std::size_t top_n);

/// MaximalMarginalRelevance, per topic: the words of `words_per_topic` (empty words skipped)
/// against the embedding of the words joined by spaces, as BERTopic computes the topic's
/// embedding. The chosen words keep their incoming order and scores.
std::vector<std::vector<TopicWord>> mmr_words(std::span<const std::vector<TopicWord>> words_per_topic,
                                              const TextEmbedder& embed, const MmrOptions& options);

enum class RepresentationMethod { KeyBert, Mmr };

struct RepresentOptions {
  RepresentationMethod method = RepresentationMethod::KeyBert;
  std::size_t top_n_words = 10;
  double diversity = 0.1;  ///< mmr
  /// Empty: replace every topic's main words (and name). Else store the result as this aspect.
  std::string aspect;
  KeyBertOptions keybert;  ///< its top_n_words is taken from top_n_words
};

/// The c-TF-IDF words a representation model starts from, as BERTopic hands them to its first
/// model: the max(top_n_words, the model's top_n_words, 30) highest per topic.
std::vector<std::vector<TopicWord>> ctfidf_candidates(const TopicModel& model, std::size_t top_n_words);

/// Applies `options.method` to every topic of `model`. It refines the representation it
/// replaces: the main words (or the aspect of that name, when it exists already) once an earlier
/// represent changed them, else the c-TF-IDF candidates (keybert always starts from c-TF-IDF,
/// as in BERTopic). `documents` (the training documents) are needed by keybert only.
/// Throws UsageError for a bad aspect name, top_n_words of 0, a diversity outside [0, 1], or
/// keybert without the documents.
void represent_topics(TopicModel& model, std::span<const std::string> documents, const TextEmbedder& embed,
                      const RepresentOptions& options);

/// Checks a name for an aspect: letters, digits, '_', '-' and '.', and none of the topic
/// table's own columns. Throws UsageError naming it.
void check_aspect_name(const std::string& name);

}  // namespace topica
