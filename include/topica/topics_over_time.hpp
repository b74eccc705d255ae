// Topics over time: BERTopic's topics_over_time(docs, timestamps, nr_bins, evolution_tuning,
// global_tuning). The documents are cut into equal-width time bins (time_bins.hpp); per bin and
// topic, the c-TF-IDF of the bin's documents of the topic (topic_slices.hpp) is L1-normalised,
// averaged with the topic's row of the previous bin (evolution tuning, when the topic was there)
// and then with the topic's global c-TF-IDF row (global tuning); its top words name the topic at
// that time.
//
// One divergence: BERTopic 0.17 averages with the previous bin into a temporary copy
// (`c_tf_idf.tolil()[...] = ...`), so its evolution tuning changes nothing (BERTopic issue #2370).
// Here it does what its documentation says. Documents within a bin are joined in corpus order
// (BERTopic's unstable sort leaves that order unspecified; it matters only for n-grams).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "topica/time_values.hpp"
#include "topica/topic_model.hpp"
#include "topica/topic_slices.hpp"

namespace topica {

struct OverTimeOptions {
  std::size_t bins = 0;           ///< 0: one slice per distinct timestamp (BERTopic: nr_bins=None)
  bool evolution_tuning = true;   ///< BERTopic: True
  bool global_tuning = true;      ///< BERTopic: True
  std::size_t top_n_words = 5;    ///< words per row (BERTopic keeps 5)
  std::size_t threads = 0;        ///< 0: every core; results never depend on it
};

/// Rows by time, then by topic id. `documents` and `times` must be the model's training corpus
/// (one per assignment); throws UsageError otherwise.
std::vector<TopicSliceRow> topics_over_time(const TopicModel& model, std::span<const std::string> documents,
                                            const TimeColumn& times, const OverTimeOptions& options);

}  // namespace topica
