// The topic model: documents grouped into topics, each described by its c-TF-IDF words,
// representative documents and an embedding — BERTopic's fit results, reproducibly.
//
// build_topics() is the step after clustering (and the whole of BERTopic's "manual topic
// modeling" when labels are given): topics renumbered by size with -1 kept for outliers, one
// joined document per topic counted by the vectorizer, c-TF-IDF words, representative documents
// and topic embeddings.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "topica/ctfidf.hpp"
#include "topica/matrix.hpp"
#include "topica/vectorizer.hpp"

namespace topica {

/// BERTopic 0.17's idf factor for the words of seed_topic_list (_c_tf_idf).
inline constexpr double kSeedWordMultiplier = 1.2;

struct TopicOptions {
  VectorizerOptions vectorizer;        ///< BERTopic: CountVectorizer() defaults
  CtfidfOptions ctfidf;                ///< BERTopic: ClassTfidfTransformer() defaults
  std::size_t top_n_words = 10;        ///< BERTopic 0.17: 10
  std::size_t representative_docs = 3; ///< BERTopic 0.17: 3
  std::size_t representative_sample = 500;  ///< documents considered per topic (BERTopic: 500)
  std::uint64_t seed = 42;             ///< for the representative-document sample (BERTopic: 42)
  /// Guided topics' seed words (BERTopic's seed_topic_list, flattened): vocabulary terms equal
  /// to one of them get their c-TF-IDF idf multiplied by kSeedWordMultiplier.
  std::vector<std::string> seed_words;
  std::size_t threads = 0;             ///< 0: every core; results never depend on it
};

struct Topic {
  int id = -1;
  std::size_t size = 0;
  std::string name;                       ///< "<id>_w1_w2_w3_w4"
  std::vector<TopicWord> words;           ///< top_n_words, highest c-TF-IDF first
  std::vector<std::size_t> representative_rows;
  std::vector<std::string> representative_docs;  ///< their texts, so a saved model stands alone
  std::string label;                      ///< a custom label, empty unless set
  /// Other representations kept beside `words` by name (BERTopic's topic_aspects_), e.g.
  /// "KeyBERT" -> its words with their scores. Empty unless `topica represent --aspect` ran.
  std::map<std::string, std::vector<TopicWord>> aspects;
};

struct TopicModel {
  TopicOptions options;
  std::vector<Topic> topics;              ///< by id, -1 (outliers) first when present
  std::vector<int> assignments;           ///< the topic of each document row
  std::vector<float> probabilities;       ///< per document, when computed (else empty)
  Matrix<float> topic_embeddings;         ///< one row per topics[i]; empty without embeddings
  CountVectorizer vectorizer;             ///< fitted on the joined topic documents
  ClassTfidf ctfidf;
  Csr<double> ctfidf_matrix;              ///< one row per topics[i]
  /// The raw term counts ctfidf_matrix was computed from: one row per topics[i] (its documents
  /// joined), one column per vocabulary term. Kept so that merging topics adds rows instead of
  /// counting every document again (topic_edit.hpp); 0 rows when unknown (merged models,
  /// folders saved before they were kept).
  TermCounts topic_term_counts;

  /// Index into `topics` of topic `id`, or nullopt.
  std::optional<std::size_t> index_of(int id) const;
};

/// Renumbers cluster labels by size: the largest cluster becomes 0, -1 stays -1; equal sizes
/// keep the order in which the clusters first appear in the documents.
std::vector<int> renumber_by_size(std::span<const int> labels);

/// Builds the topics for `documents` labelled `labels` (-1 = outlier), renumbered by size.
/// `embeddings` (one row per document, or empty) gives the topic embeddings.
TopicModel build_topics(std::span<const std::string> documents, std::span<const int> labels,
                        const Matrix<float>& embeddings, const TopicOptions& options);

/// The same with `topic_ids` taken as the topic ids as they are (-1 = outlier), for callers that
/// number topics themselves (zero-shot topics come first).
TopicModel build_numbered_topics(std::span<const std::string> documents, std::span<const int> topic_ids,
                                 const Matrix<float>& embeddings, const TopicOptions& options);

/// build_numbered_topics with the counting done by the caller: `vectorizer` fitted, `counts` one
/// row per distinct topic id in increasing order (-1 first), exactly what
/// vectorizer.fit_transform_grouped gives for these documents and ids.
TopicModel build_numbered_topics_from_counts(std::span<const std::string> documents, std::span<const int> topic_ids,
                                             const Matrix<float>& embeddings, const TopicOptions& options,
                                             CountVectorizer vectorizer, TermCounts counts);

/// Per topic (in model.topics order), the `count` member documents whose c-TF-IDF vectors are
/// most cosine-similar to the topic's c-TF-IDF row, among at most `sample` members drawn with
/// the model's seed: how build_topics chooses representative documents (BERTopic's
/// _extract_representative_docs). `documents` are the training documents, one per assignment.
std::vector<std::vector<std::size_t>> representative_document_rows(const TopicModel& model,
                                                                  std::span<const std::string> documents,
                                                                  std::size_t count, std::size_t sample);

}  // namespace topica
