// Topics per class: BERTopic's topics_per_class(docs, classes, global_tuning). Per class and
// topic, the c-TF-IDF of the class's documents of the topic (topic_slices.hpp), with global
// tuning L1-normalised and averaged with the topic's global c-TF-IDF row; its top words name the
// topic within the class. Classes come in sorted order (BERTopic iterates a Python set).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "topica/topic_model.hpp"
#include "topica/topic_slices.hpp"

namespace topica {

struct PerClassOptions {
  bool global_tuning = true;    ///< BERTopic: True
  std::size_t top_n_words = 5;  ///< words per row (BERTopic keeps 5)
  std::size_t threads = 0;      ///< 0: every core; results never depend on it
};

/// Rows by class, then by topic id. `documents` and `classes` must be the model's training corpus
/// (one per assignment). Throws UsageError for a mismatch, an empty class value (naming its row)
/// or fewer than two classes.
std::vector<TopicSliceRow> topics_per_class(const TopicModel& model, std::span<const std::string> documents,
                                            std::span<const std::string> classes, const PerClassOptions& options);

}  // namespace topica
