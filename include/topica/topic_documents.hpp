// The one text per topic that BERTopic counts: a topic's documents joined. build_topics counts
// them to fit c-TF-IDF; the hierarchy counts them again to describe merged topics.
#pragma once

#include <span>
#include <string>
#include <vector>

namespace topica {

/// One text per topic id of `ids` (sorted): the documents whose row is labelled with it in
/// `assignments`, newlines and tabs made spaces, joined with a space in row order ("emptydoc"
/// when none). Every label in `assignments` must be in `ids`.
std::vector<std::string> join_topic_documents(std::span<const std::string> documents, std::span<const int> assignments,
                                              const std::vector<int>& ids);

}  // namespace topica
