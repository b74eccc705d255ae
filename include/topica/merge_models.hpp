// Merging topic models fitted on different corpora, as BERTopic 0.17's merge_models: the first
// model is the base; each later model's topics whose best cosine similarity (topic embeddings)
// to the topics gathered so far is below min_similarity are added as new topics, numbered on from
// the largest id, with their words, labels, representative documents and embeddings; its other
// topics are folded into their most similar topic (possibly the outlier topic, whose embedding
// BERTopic compares with too; the model's own outliers stay outliers). Sizes count the
// documents of every model under their merged topic; each document keeps the probability its own
// model gave it, and custom labels are kept (BERTopic drops them). The c-TF-IDF rows stay as each
// model computed them, over the union of the vocabularies. The documents and their embeddings are
// kept, model after model, when every model has them.
//
// The merged model has no UMAP or HDBSCAN: new documents take the most similar topic embedding
// (transform_topics without a transform), as BERTopic's merged model does.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "topica/saved_model.hpp"

namespace topica {

/// BERTopic 0.17: merge_models(min_similarity=0.7).
inline constexpr double kMergeMinSimilarity = 0.7;

struct MergeCounts {
  std::size_t added = 0;   ///< topics added as new
  std::size_t folded = 0;  ///< topics folded into an existing topic (or into the outliers)
};

struct MergedModel {
  SavedModel saved;
  std::vector<MergeCounts> counts;  ///< one per model after the first
};

/// Merges `models` (at least two) in order. `names` (one per model, or empty) name them in
/// errors. Throws UsageError for models whose topic embeddings differ in dimension, that lack
/// topic embeddings, or that were embedded differently (another sentence encoder, another fitted
/// built-in embedder, or one kind against another), since their embeddings are not comparable.
MergedModel merge_models(std::span<const SavedModel> models, double min_similarity = kMergeMinSimilarity,
                         std::span<const std::string> names = {});

}  // namespace topica
