// BERTopic 0.17's reduce_outliers, followed in the same step by what BERTopic leaves to a second
// call (update_topics): each outlier document is scored against every topic by a strategy, takes
// the best-scoring topic when that score reaches the threshold, and the topics are rebuilt.
//
// A strategy is one function giving an outliers x topics score matrix (see kOutlierStrategies in
// src/topics/outliers.cpp): adding a strategy is writing that function and naming it in the table.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "topica/saved_model.hpp"

namespace topica {

struct OutlierOptions {
  std::string strategy = "c-tf-idf";  ///< one of outlier_strategy_names(); BERTopic's default
  double threshold = 0;               ///< in [0, 1]; BERTopic 0.17: 0
  std::size_t threads = 0;            ///< 0: every core; results never depend on it
};

/// The strategies in the order `--help` lists them.
std::vector<std::string> outlier_strategy_names();

/// Per document: the topic an outlier moves to (the first topic of highest score when that score
/// is >= threshold and > 0, as BERTopic's argmax over scores zeroed below the threshold; for
/// `distributions` the threshold is approximate_distribution's min_similarity instead and any
/// non-zero distribution counts, as in BERTopic), -1 for
/// an outlier that stays, and the document's own topic for the others. Throws UsageError for an
/// unknown strategy or a threshold outside [0, 1], and InputError when the model lacks what the
/// strategy reads (document embeddings, HDBSCAN state, training documents).
std::vector<int> outlier_topics(const SavedModel& saved, const OutlierOptions& options);

struct OutlierReduction {
  std::size_t outliers_before = 0;
  std::size_t reassigned = 0;
  std::size_t remaining = 0;
};

/// outlier_topics, then relabel_topics with every old topic keeping its id as its label.
OutlierReduction reduce_outliers(SavedModel& saved, const OutlierOptions& options);

}  // namespace topica
