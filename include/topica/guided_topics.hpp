// Guided and zero-shot topic modeling, as BERTopic 0.17 does them in fit_transform.
//
// Guided (seed_topic_list): each seed word list is embedded as its words joined by spaces; the
// mean document embedding is added as a "no seed" row; each document takes the most
// cosine-similar row (the mean row means none), documents of a seed topic are pulled towards its
// embedding (3:1 weighted mean of document and seed), and UMAP runs supervised with those labels.
// The seed words' c-TF-IDF idf is multiplied by 1.2 (TopicOptions::seed_words).
//
// Zero-shot (zeroshot_topic_list): each document whose best cosine similarity to a topic name's
// embedding reaches the threshold takes that topic; the rest are clustered (UMAP + HDBSCAN);
// zero-shot topics come first, labelled with their names, and c-TF-IDF is computed over all
// documents. The model then places new documents by topic embedding, as BERTopic's does.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "topica/matrix.hpp"
#include "topica/topic_pipeline.hpp"

namespace topica {

/// The text BERTopic embeds for each seed topic: its words joined by single spaces.
std::vector<std::string> seed_topic_texts(const std::vector<std::vector<std::string>>& seed_topics);

struct SeedGuidance {
  std::vector<int> labels;   ///< per document: its seed topic, or -1 when the mean row is nearest
  Matrix<float> embeddings;  ///< the document embeddings, seed topics' documents pulled 3:1 to the seed
};

/// BERTopic's _guided_topic_modeling on document embeddings and one embedding per seed topic.
SeedGuidance guide_by_seed_topics(const Matrix<float>& embeddings, const Matrix<float>& seed_embeddings);

/// fit_topics guided by seed topics (`seed_embeddings`: one row per seed topic, embedded as
/// seed_topic_texts by the documents' embedder). The fitted transform holds the pulled embeddings,
/// as BERTopic's UMAP does.
FittedTopics fit_guided_topics(std::span<const std::string> documents, const Matrix<float>& embeddings,
                               const std::vector<std::vector<std::string>>& seed_topics,
                               const Matrix<float>& seed_embeddings, const PipelineOptions& options);

/// BERTopic 0.17: zeroshot_min_similarity=0.7.
inline constexpr double kZeroShotMinSimilarity = 0.7;

struct ZeroShotTopics {
  TopicModel model;
  /// The fitted UMAP and HDBSCAN only when no document took a zero-shot topic (a normal fit);
  /// otherwise none, and new documents take the most similar topic embedding.
  std::optional<TopicTransform> transform;
  Matrix<float> distributions;  ///< documents x topics, when asked for
  std::size_t zero_shot_topics = 0;  ///< topics 0 .. this-1 are the zero-shot ones
};

/// Each document's zero-shot topic (index into the names) or -1: the most cosine-similar name
/// embedding when that similarity is >= min_similarity.
std::vector<int> zero_shot_assignments(const Matrix<float>& embeddings, const Matrix<float>& name_embeddings,
                                       double min_similarity);

/// Zero-shot topics named `names` (one embedding row each), the rest clustered with `options`.
/// When fewer documents than the minimum topic size are left, they stay outliers.
ZeroShotTopics fit_zero_shot_topics(std::span<const std::string> documents, const Matrix<float>& embeddings,
                                    const std::vector<std::string>& names, const Matrix<float>& name_embeddings,
                                    double min_similarity, const PipelineOptions& options);

}  // namespace topica
