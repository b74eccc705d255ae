// The c-TF-IDF of one slice of a corpus (a time bin, a class), shared by topics_over_time and
// topics_per_class, and the row arithmetic of their global and evolution tuning.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "topica/topic_model.hpp"
#include "topica/topic_slices.hpp"

namespace topica {

/// A sparse row: (column, value) pairs in increasing column order.
using SparseRow = std::vector<std::pair<std::int32_t, double>>;

struct SliceCtfidf {
  std::vector<int> topics;             ///< the topics with documents in the slice, ascending
  std::vector<std::size_t> frequency;  ///< documents of each topic in the slice
  std::vector<SparseRow> rows;         ///< c-TF-IDF of each topic's documents in the slice
};

/// Throws UsageError unless there is one document per model assignment.
void check_corpus_matches(const TopicModel& model, std::size_t documents);

/// The slice's documents (`rows`, in corpus order) of each topic joined as fit joins them,
/// counted with the model's vectorizer and weighted with its idf (BERTopic's _c_tf_idf, fit=False).
SliceCtfidf slice_ctfidf(const TopicModel& model, std::span<const std::string> documents,
                         std::span<const std::size_t> rows);

/// sklearn normalize(norm="l1"); a zero row stays zero.
SparseRow l1_normalized(SparseRow row);

/// (a + b) / 2, entry by entry.
SparseRow average(const SparseRow& a, const SparseRow& b);

/// The model's c-TF-IDF row of `topic`, L1-normalised (BERTopic's global_c_tf_idf).
SparseRow global_row(const TopicModel& model, int topic);

/// The table rows of one slice: each topic's top `top_n_words` words (BERTopic's
/// _extract_words_per_topic: among at least 30 candidates, zero scores as "") joined with ", ".
std::vector<TopicSliceRow> slice_table(const TopicModel& model, const SliceCtfidf& slice, const std::string& name,
                                       std::size_t top_n_words);

}  // namespace topica
