// Online updates (BERTopic's partial_fit use case, done as topica keeps its models): a batch of
// new documents is placed on a fitted model, appended to its documents, and the topics rebuilt
// from all documents, without refitting UMAP and HDBSCAN.
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "topica/saved_model.hpp"

namespace topica {

struct UpdateOptions {
  /// Cluster the outlier documents (old and new) with the model's own UMAP and HDBSCAN settings
  /// and add the clusters found as new topics.
  bool new_topics = false;
  std::size_t threads = 0;  ///< 0: every core; results never depend on it
};

struct UpdateResult {
  std::size_t added = 0;           ///< new documents
  std::size_t added_outliers = 0;  ///< new documents the transform left as outliers
  std::size_t new_topics = 0;      ///< topics found among the outliers (--new-topics)
  std::size_t new_topic_documents = 0;  ///< outlier documents those topics took
};

/// Places `documents` (one `embeddings` row each, from the model's own embedder) with
/// transform_topics, appends them and their embeddings to `saved`, and rebuilds the topics with
/// relabel_topics: old documents keep their topics (renumbered by size), c-TF-IDF counts cover
/// every document. The fitted transform is left as it was (fitted on the first documents);
/// saved.embeddings then holds every document's embedding. Topics found by `new_topics` are not
/// known to the fitted HDBSCAN: later transforms place documents in the original topics only.
/// Throws InputError when the model keeps no documents or document embeddings, UsageError when
/// `embeddings` does not match `documents` or the model's width, or `new_topics` is asked of a
/// model without UMAP and HDBSCAN (manual topics).
UpdateResult update_model(SavedModel& saved, std::span<const std::string> documents, const Matrix<float>& embeddings,
                          const UpdateOptions& options);

}  // namespace topica
