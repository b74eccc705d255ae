// BERTopic's fit and transform: document embeddings -> UMAP -> HDBSCAN -> topics (build_topics),
// and new documents placed through the fitted UMAP and HDBSCAN. Deterministic: a seed gives the
// same topics for any thread count, and a document gets the same topic alone or in a batch.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "topica/hdbscan.hpp"
#include "topica/topic_model.hpp"
#include "topica/umap.hpp"

namespace topica {

struct PipelineOptions {
  TopicOptions topics;
  /// BERTopic 0.17: UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine").
  UmapOptions umap = [] {
    UmapOptions o;
    o.n_components = 5;
    o.min_dist = 0.0f;
    o.metric = Metric::Cosine;
    return o;
  }();
  /// BERTopic 0.17: HDBSCAN(min_cluster_size=min_topic_size=10, metric="euclidean", eom).
  HdbscanOptions hdbscan = [] {
    HdbscanOptions o;
    o.min_cluster_size = 10;
    return o;
  }();
  /// Per-document topic distributions (HDBSCAN membership vectors), BERTopic's
  /// calculate_probabilities. Without it a document's probability is HDBSCAN's strength.
  bool distributions = false;
  std::size_t threads = 0;  ///< 0: every core; results never depend on it
  /// Called on the calling thread when a stage starts ("umap", "hdbscan", "topics", ...).
  std::function<void(std::string_view stage)> progress;
};

/// What transform needs beside the topics: the fitted UMAP and HDBSCAN, the embeddings they were
/// fitted on, and which topic each HDBSCAN cluster became.
struct TopicTransform {
  UmapModel umap;
  HdbscanModel hdbscan;
  Matrix<float> embeddings;           ///< the training embeddings (UMAP transform needs them)
  std::vector<int> topic_of_cluster;  ///< HDBSCAN cluster label -> topic id
  bool distributions = false;         ///< the model was fitted with per-document distributions
};

struct FittedTopics {
  TopicModel model;
  TopicTransform transform;
  Matrix<float> distributions;  ///< documents x topics (ids 0..), when asked for
};

/// Fits topics to `documents` with one embedding row each. `umap_labels`, when given (one class
/// per document, -1 = none), makes the UMAP step supervised, as BERTopic passes y to UMAP
/// (guided topics: topica/guided_topics.hpp).
FittedTopics fit_topics(std::span<const std::string> documents, const Matrix<float>& embeddings,
                        const PipelineOptions& options, std::span<const int> umap_labels = {});

struct TopicPrediction {
  std::vector<int> topics;           ///< per document; -1 for outliers
  std::vector<float> probabilities;  ///< strength of the assignment (or of the distribution)
  Matrix<float> distributions;       ///< documents x topics, when asked for
};

/// New documents are placed in batches of this many, each as umap-learn would place a batch of
/// this size (100 layout epochs), so a document's topic never depends on its batch.
inline constexpr std::size_t kTransformBatch = 10000;

/// Places new documents (their embeddings) on a fitted model, as BERTopic's transform does:
/// UMAP transform, then HDBSCAN's approximate_predict (and membership vectors for
/// `distributions`). A document gets the same topic alone or in any batch. Without a fitted
/// pipeline (manual topics from labels) each document takes the topic whose embedding is most
/// cosine-similar, with that similarity as its probability (BERTopic's transform for models
/// fitted without clustering).
TopicPrediction transform_topics(const TopicModel& model, const TopicTransform* transform, const Matrix<float>& embeddings,
                                 bool distributions, std::size_t threads = 0);

}  // namespace topica
