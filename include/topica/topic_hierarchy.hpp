// BERTopic's hierarchical_topics and get_topic_tree: how a model's topics would merge, from the
// closest pair up to one root, with words for every merged group. It describes the topics; it
// does not change them.
//
// Ward linkage (scipy semantics, agglomerative.hpp) on 1 - cosine similarity of the topics'
// c-TF-IDF rows, outlier topic excluded. The words of a merged node are BERTopic's: the fitted
// vectorizer's counts of the joined documents of every topic under the node, summed, through the
// fitted c-TF-IDF.
//
// Two deliberate differences from BERTopic 0.17: it calls linkage(..., optimal_ordering=True),
// which may swap a node's left and right child (never which topics merge, or at what distance);
// and it nudges tied distances by random noise (get_unique_distances), where topica keeps them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "topica/agglomerative.hpp"
#include "topica/saved_model.hpp"

namespace topica {

/// One row of BERTopic's hierarchical_topics table. Ids follow scipy's linkage numbering: topic
/// ids for the leaves (topics 0..k-1), k + i for the node made by merge i.
struct TopicMergeNode {
  std::size_t parent_id = 0;
  std::string parent_name;         ///< the node's 5 best c-TF-IDF words joined by "_"
  std::vector<int> topics;         ///< the topics under the node, increasing
  std::size_t left_id = 0, right_id = 0;
  std::string left_name, right_name;  ///< a topic's 5 best words, or the child node's parent_name
  double distance = 0;
};

struct TopicHierarchy {
  Dendrogram tree;                   ///< the linkage, for the dendrogram chart
  std::vector<TopicMergeNode> nodes; ///< one per merge, in merge order (parent_id k, k+1, ...)
};

/// Builds the hierarchy of `saved`'s topics. Throws InputError when the model keeps no training
/// documents, UsageError when it has fewer than two topics besides the outliers.
TopicHierarchy hierarchical_topics(const SavedModel& saved);

/// The table as BERTopic's hierarchical_topics(...).to_csv(index=False) lays it out: columns
/// Parent_ID, Parent_Name, Topics ("[0, 3]"), Child_Left_ID, Child_Left_Name, Child_Right_ID,
/// Child_Right_Name, Distance; rows by decreasing Parent_ID, as BERTopic sorts them.
std::string hierarchy_csv(const TopicHierarchy& hierarchy);

/// Writes hierarchy.csv and hierarchy_linkage.csv (scipy's linkage matrix: left, right, distance,
/// size per merge, distances in shortest round-trip form) into the model folder `dir`, each
/// atomically.
void save_hierarchy(const TopicHierarchy& hierarchy, const std::string& dir);

/// BERTopic's get_topic_tree(hier_topics) with its defaults: the tree as text, root first, every
/// topic a leaf "■──words ── Topic: id".
std::string topic_tree(const TopicHierarchy& hierarchy);

}  // namespace topica
