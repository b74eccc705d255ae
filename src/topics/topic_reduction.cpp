#include "topica/topic_reduction.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "topica/agglomerative.hpp"
#include "topica/error.hpp"
#include "topica/hdbscan.hpp"
#include "topica/topic_edit.hpp"

namespace topica {
namespace {

// The topic embeddings without the outlier row, and the topic id of each remaining row.
struct TopicRows {
  Matrix<float> embeddings;
  std::vector<int> ids;
};

TopicRows real_topic_embeddings(const TopicModel& model) {
  if (model.topic_embeddings.rows != model.topics.size() || model.topic_embeddings.rows == 0) {
    throw InputError("the model has no topic embeddings (it was fitted without document embeddings)");
  }
  TopicRows rows;
  for (const Topic& t : model.topics) {
    if (t.id >= 0) rows.ids.push_back(t.id);
  }
  rows.embeddings = Matrix<float>(rows.ids.size(), model.topic_embeddings.cols);
  std::size_t r = 0;
  for (std::size_t i = 0; i < model.topics.size(); ++i) {
    if (model.topics[i].id < 0) continue;
    std::copy(model.topic_embeddings.row(i), model.topic_embeddings.row(i) + model.topic_embeddings.cols,
              rows.embeddings.row(r++));
  }
  return rows;
}

TopicMapping identity(const TopicModel& model) {
  TopicMapping mapping;
  for (const Topic& t : model.topics) {
    if (t.id >= 0) mapping[t.id] = t.id;
  }
  return mapping;
}

// The distinct ids, each checked to be a topic of the model.
std::vector<int> existing_topics(const TopicModel& model, std::span<const int> ids) {
  std::vector<int> distinct;
  for (int id : ids) {
    if (id < 0) throw UsageError(fmt::format("topic {}: the outlier topic cannot be merged or deleted", id));
    if (!model.index_of(id)) {
      throw UsageError(fmt::format("topic {}: the model has no such topic (topics 0 to {})", id,
                                   static_cast<int>(topic_count(model)) - 1));
    }
    if (std::find(distinct.begin(), distinct.end(), id) == distinct.end()) distinct.push_back(id);
  }
  return distinct;
}

}  // namespace

NrTopics NrTopics::parse(const std::string& text, const std::string& flag) {
  if (text == "auto") return {true, 0};
  std::size_t n = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (error != std::errc() || end != text.data() + text.size() || text.empty() || n < 1) {
    throw UsageError(fmt::format("{} {}: expected a topic count of at least 1, or auto", flag, text));
  }
  return {false, n};
}

std::size_t topic_count(const TopicModel& model) {
  return static_cast<std::size_t>(std::count_if(model.topics.begin(), model.topics.end(), [](const Topic& t) { return t.id >= 0; }));
}

TopicMapping reduce_to_n_topics_mapping(const TopicModel& model, std::size_t nr_topics) {
  const std::size_t outliers = model.index_of(-1) ? 1 : 0;
  if (nr_topics >= model.topics.size()) {
    throw UsageError(fmt::format("--nr-topics {}: the model has only {} topics", nr_topics, model.topics.size()));
  }
  if (nr_topics <= outliers) {
    throw UsageError(fmt::format("--nr-topics {}: the outlier topic counts as one, so at least {} are needed", nr_topics,
                                 outliers + 1));
  }
  const TopicRows rows = real_topic_embeddings(model);
  // BERTopic: 1 - cosine_similarity with a zero diagonal, clustered as a precomputed matrix.
  const Dendrogram tree = linkage(condensed_distances(rows.embeddings, Metric::Cosine, model.options.threads),
                                  rows.ids.size(), Linkage::Average);
  const std::vector<std::int32_t> cluster = cut(tree, nr_topics - outliers);
  TopicMapping mapping;
  for (std::size_t r = 0; r < rows.ids.size(); ++r) mapping[rows.ids[r]] = cluster[r];
  return mapping;
}

TopicMapping auto_reduce_mapping(const TopicModel& model) {
  if (topic_count(model) < 2) return identity(model);
  const TopicRows rows = real_topic_embeddings(model);
  // sklearn's normalize(norm="l2"): a zero row stays zero.
  Matrix<double> unit(rows.embeddings.rows, rows.embeddings.cols);
  for (std::size_t r = 0; r < unit.rows; ++r) {
    double norm = 0;
    for (std::size_t j = 0; j < unit.cols; ++j) norm += static_cast<double>(rows.embeddings(r, j)) * rows.embeddings(r, j);
    norm = norm > 0 ? std::sqrt(norm) : 1.0;
    for (std::size_t j = 0; j < unit.cols; ++j) unit(r, j) = rows.embeddings(r, j) / norm;
  }
  HdbscanOptions options;
  options.min_cluster_size = 2;
  options.threads = model.options.threads;
  const HdbscanModel clusters = hdbscan_fit(unit, options);
  std::map<std::int64_t, int> lowest;  // cluster -> its lowest topic id
  for (std::size_t r = 0; r < rows.ids.size(); ++r) {
    const std::int64_t c = clusters.labels[r];
    if (c < 0) continue;
    const auto [it, fresh] = lowest.emplace(c, rows.ids[r]);
    if (!fresh) it->second = std::min(it->second, rows.ids[r]);
  }
  TopicMapping mapping;
  for (std::size_t r = 0; r < rows.ids.size(); ++r) {
    mapping[rows.ids[r]] = clusters.labels[r] < 0 ? rows.ids[r] : lowest.at(clusters.labels[r]);
  }
  return mapping;
}

TopicMapping merge_mapping(const TopicModel& model, std::span<const int> ids) {
  const std::vector<int> merged = existing_topics(model, ids);
  if (merged.size() < 2) throw UsageError("merging needs at least two different topics");
  TopicMapping mapping = identity(model);
  for (int id : merged) mapping[id] = merged.front();
  return mapping;
}

TopicMapping delete_mapping(const TopicModel& model, std::span<const int> ids) {
  const std::vector<int> deleted = existing_topics(model, ids);
  if (deleted.empty()) throw UsageError("no topics to delete");
  if (deleted.size() == topic_count(model)) throw UsageError("deleting every topic would leave only outliers");
  TopicMapping mapping = identity(model);
  for (int id : deleted) mapping[id] = -1;
  return mapping;
}

void apply_topic_mapping(SavedModel& saved, const TopicMapping& mapping) {
  std::vector<int> labels(saved.model.assignments.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const int topic = saved.model.assignments[i];
    labels[i] = topic < 0 ? -1 : mapping.at(topic);
  }
  relabel_topics(saved, labels, mapping);
}

ReductionSummary reduce_topics(SavedModel& saved, const NrTopics& nr) {
  ReductionSummary summary;
  summary.before = summary.after = topic_count(saved.model);
  if (!nr.automatic && nr.count >= saved.model.topics.size()) return summary;
  const TopicMapping mapping = nr.automatic ? auto_reduce_mapping(saved.model)
                                            : reduce_to_n_topics_mapping(saved.model, nr.count);
  if (mapping == identity(saved.model)) return summary;  // auto: no two topics close enough
  apply_topic_mapping(saved, mapping);
  summary.after = topic_count(saved.model);
  summary.changed = true;
  return summary;
}

}  // namespace topica
