// Changing a fitted model's topics after the fact — reducing, merging, deleting topics, assigning
// outliers — comes down to one step: new per-document labels, then topics rebuilt from them the
// way fit builds them, with the fitted transform kept pointing at the right topics.
#pragma once

#include <map>
#include <span>

#include "topica/saved_model.hpp"

namespace topica {

/// Rebuilds `saved`'s topics from per-document `labels` (any integers; -1 = outlier) as fit does:
/// renumbered by size, the vectorizer refitted on the joined topic documents, c-TF-IDF words,
/// representative documents and topic embeddings recomputed (BERTopic's _update_topic_size and
/// _extract_topics after a reduction). Where that refit would count every document as before
/// (one-word terms, no document-frequency pruning: the defaults), the new topics' term counts
/// are the sums of their old topics' saved counts instead (topics/topic_counts.hpp): the same
/// model, without reading every document again.
///
/// `label_of_old_topic` says which label each old topic id became (an old topic absent from it,
/// or mapped to -1, is gone): the fitted HDBSCAN clusters follow it, so transform sends new
/// documents where the training documents went. A new topic made of exactly one old topic keeps
/// its custom label. Documents that become outliers get probability 0; others keep theirs.
///
/// Throws InputError when the model keeps no training documents (a folder written before
/// documents.jsonl existed) and UsageError when `labels` does not have one entry per document.
void relabel_topics(SavedModel& saved, std::span<const int> labels, const std::map<int, int>& label_of_old_topic);

}  // namespace topica
