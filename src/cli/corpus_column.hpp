// Reading a corpus together with one of its columns (time or class), for the verbs that slice a
// fitted model's training corpus (over-time, per-class).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "topica/corpus.hpp"
#include "topica/topic_model.hpp"

namespace topica::cli {

struct ColumnCorpus {
  std::string source;                ///< the corpus's name in messages
  std::vector<std::string> texts;
  std::vector<std::string> values;   ///< the column's raw value per row
  std::vector<std::uint64_t> lines;  ///< 1-based line where each row starts

  /// "docs.csv: line 5 (row 3)", for messages about one row.
  std::string where(std::size_t row) const;
};

/// Reads every row with the value of `field` (&Document::time or &Document::label).
ColumnCorpus read_column_corpus(const CorpusOptions& options, std::string Document::*field);

/// Throws UsageError unless the corpus has one row per document of the model in `dir`.
void check_training_corpus(const ColumnCorpus& corpus, const TopicModel& model, const std::string& dir);

}  // namespace topica::cli
