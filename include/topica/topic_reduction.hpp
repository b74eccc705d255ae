// Fewer, broader topics after the fact: BERTopic 0.17's reduce_topics (and fit's nr_topics),
// merge_topics and delete_topics. Each operation only decides which new label every old topic
// gets; relabel_topics (topic_edit.hpp) then rebuilds the topics from the relabelled documents.
#pragma once

#include <cstddef>
#include <map>
#include <span>
#include <string>

#include "topica/saved_model.hpp"

namespace topica {

/// The new label of every old topic id (-1 = becomes outliers). Labels are arbitrary integers:
/// relabel_topics renumbers the resulting topics by size.
using TopicMapping = std::map<int, int>;

/// --nr-topics: a topic count (the outlier topic included, as BERTopic counts), or "auto".
struct NrTopics {
  bool automatic = false;
  std::size_t count = 0;
  /// Parses "auto" or a positive integer; UsageError naming `flag` otherwise (0 included).
  static NrTopics parse(const std::string& text, const std::string& flag = "--nr-topics");
};

/// BERTopic's _reduce_to_n_topics: average linkage (agglomerative.hpp) on 1 - cosine similarity of
/// the topic embeddings, outlier row excluded, cut into nr_topics - (1 if the model has outliers)
/// clusters; each topic maps to its cluster. Throws UsageError when that is fewer than one cluster
/// or not fewer topics than now, InputError when the model has no topic embeddings.
TopicMapping reduce_to_n_topics_mapping(const TopicModel& model, std::size_t nr_topics);

/// BERTopic's _auto_reduce_topics: HDBSCAN(min_cluster_size=2, euclidean, eom) on the L2-normalised
/// topic embeddings (outlier row excluded); each clustered topic maps to the lowest topic id of its
/// cluster, topics HDBSCAN calls noise to themselves. Fewer than two topics: the identity.
TopicMapping auto_reduce_mapping(const TopicModel& model);

/// BERTopic's merge_topics for one group: every topic of `ids` maps to the first of them. Throws
/// UsageError for fewer than two distinct ids, for -1, and for an id the model lacks (naming it).
TopicMapping merge_mapping(const TopicModel& model, std::span<const int> ids);

/// BERTopic 0.17's delete_topics: the topics of `ids` map to -1 (their documents become outliers,
/// their clusters predict -1). Throws UsageError for no ids, -1, an unknown id, or every topic.
TopicMapping delete_mapping(const TopicModel& model, std::span<const int> ids);

/// Relabels every document by `mapping` (outliers stay -1) and rebuilds the topics
/// (relabel_topics: InputError for a model without its training documents).
void apply_topic_mapping(SavedModel& saved, const TopicMapping& mapping);

/// Topics other than the outlier topic.
std::size_t topic_count(const TopicModel& model);

/// What reduce_topics did, for the message the CLI prints.
struct ReductionSummary {
  std::size_t before = 0;  ///< topics, outliers excluded
  std::size_t after = 0;
  bool changed = false;    ///< false: nr_topics was not below the current count (BERTopic: no-op)
};

/// BERTopic's _reduce_topics: to `nr.count` topics, or automatically. A count not below the
/// current one (outlier topic included) changes nothing.
ReductionSummary reduce_topics(SavedModel& saved, const NrTopics& nr);

}  // namespace topica
