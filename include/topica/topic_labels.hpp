// Custom topic labels (BERTopic's set_topic_labels): read from a CSV or generated from each
// topic's words (generate_topic_labels). A label is shown in place of the topic's name and kept
// beside it in topics.csv (CustomName).
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "topica/topic_model.hpp"

namespace topica {

/// BERTopic's generate_topic_labels arguments (its nr_words default is 3; topica's 4 matches
/// the words in a topic's name).
struct GeneratedLabelOptions {
  std::size_t nr_words = 4;
  std::string separator = "_";
  bool topic_prefix = true;     ///< start with the topic id and the separator
  std::size_t word_length = 0;  ///< cut each word to this many characters (0: whole words)
  std::string aspect;           ///< take the words of this aspect instead of the main words
};

/// A label per topic from its first `nr_words` words (empty filler words skipped). Throws
/// UsageError for nr_words of 0 or an aspect some topic lacks.
std::map<int, std::string> generate_topic_labels(const TopicModel& model, const GeneratedLabelOptions& options);

/// Reads `path`, a CSV with the header columns topic and label (RFC 4180 quoting; more columns
/// are ignored), one topic per row; an empty label clears that topic's label. Throws
/// InputError naming the file and line for a topic id that is not an integer, not in `model`,
/// or listed twice.
std::map<int, std::string> read_topic_labels(const std::string& path, const TopicModel& model);

/// Sets the label of every topic in `labels`; the others keep theirs. Throws UsageError for an
/// id the model lacks.
void set_topic_labels(TopicModel& model, const std::map<int, std::string>& labels);

}  // namespace topica
