#include "topica/topic_edit.hpp"

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topics/topic_counts.hpp"

namespace topica {
namespace {

// The new topic id of each label, read off the renumbered documents; labels without documents
// have none.
std::map<int, int> new_id_of_label(std::span<const int> labels, std::span<const int> renumbered) {
  std::map<int, int> id;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] >= 0) id.emplace(labels[i], renumbered[i]);
  }
  return id;
}

int lookup(const std::map<int, int>& map, int key) {
  const auto it = map.find(key);
  return it == map.end() ? -1 : it->second;
}

// Custom labels survive when a new topic is exactly one old topic under a new number.
void carry_custom_labels(const TopicModel& old_model, const std::map<int, int>& new_id_of_old, TopicModel& model) {
  std::map<int, int> sources;  // new id -> old topics mapped onto it
  for (const auto& [old_id, new_id] : new_id_of_old) {
    if (new_id >= 0) ++sources[new_id];
  }
  for (const Topic& old_topic : old_model.topics) {
    const int new_id = lookup(new_id_of_old, old_topic.id);
    if (old_topic.label.empty() || new_id < 0 || sources[new_id] != 1) continue;
    if (const auto i = model.index_of(new_id)) model.topics[*i].label = old_topic.label;
  }
}

}  // namespace

void relabel_topics(SavedModel& saved, std::span<const int> labels, const std::map<int, int>& label_of_old_topic) {
  if (saved.documents.empty()) {
    throw InputError("the model folder keeps no training documents (documents.jsonl): it was saved by an older topica; fit it again");
  }
  if (labels.size() != saved.documents.size()) {
    throw UsageError(fmt::format("{} labels for a model of {} documents", labels.size(), saved.documents.size()));
  }
  const Matrix<float>* embeddings = document_embeddings(saved);
  const Matrix<float> none;
  const std::vector<int> ids = renumber_by_size(labels);
  // Adding up the saved per-topic counts where that equals counting the documents again.
  std::optional<TermCounts> counts = added_up_topic_counts(saved, ids, saved.model.options.threads);
  TopicModel model = counts ? build_numbered_topics_from_counts(saved.documents, ids, embeddings ? *embeddings : none,
                                                                saved.model.options, saved.model.vectorizer, std::move(*counts))
                            : build_numbered_topics(saved.documents, ids, embeddings ? *embeddings : none, saved.model.options);

  const std::map<int, int> id_of_label = new_id_of_label(labels, model.assignments);
  std::map<int, int> new_id_of_old;
  for (const Topic& t : saved.model.topics) {
    if (t.id >= 0) new_id_of_old[t.id] = lookup(id_of_label, lookup(label_of_old_topic, t.id));
  }
  carry_custom_labels(saved.model, new_id_of_old, model);

  model.probabilities = saved.model.probabilities;
  if (!model.probabilities.empty()) {
    for (std::size_t i = 0; i < labels.size(); ++i) {
      if (model.assignments[i] < 0 && saved.model.assignments[i] >= 0) model.probabilities[i] = 0.0f;
    }
  }
  if (saved.transform) {
    for (int& topic : saved.transform->topic_of_cluster) topic = topic < 0 ? -1 : lookup(new_id_of_old, topic);
  }
  saved.model = std::move(model);
}

}  // namespace topica
