#include "topica/online_update.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topica/topic_edit.hpp"
#include "topica/topic_pipeline.hpp"

namespace topica {
namespace {

Matrix<float> stacked(const Matrix<float>& top, const Matrix<float>& bottom) {
  Matrix<float> out(top.rows + bottom.rows, top.cols);
  std::copy(top.values.begin(), top.values.end(), out.values.begin());
  std::copy(bottom.values.begin(), bottom.values.end(), out.values.begin() + static_cast<std::ptrdiff_t>(top.values.size()));
  return out;
}

void check_update(const SavedModel& saved, std::span<const std::string> documents, const Matrix<float>& embeddings,
                  const UpdateOptions& options) {
  if (saved.documents.empty()) {
    throw InputError("the model folder keeps no training documents (documents.jsonl): it was saved by an older topica; fit it again");
  }
  const Matrix<float>* old = document_embeddings(saved);
  if (old == nullptr) throw InputError("the model keeps no document embeddings; update needs them to rebuild topics");
  if (documents.empty()) throw UsageError("--corpus: no new documents");
  if (embeddings.rows != documents.size()) {
    throw UsageError(fmt::format("--embeddings: {} rows for {} new documents", embeddings.rows, documents.size()));
  }
  if (embeddings.cols != old->cols) {
    throw UsageError(fmt::format("--embeddings: {} columns, the model's embeddings have {}", embeddings.cols, old->cols));
  }
  if (options.new_topics && !saved.transform) {
    throw UsageError("--new-topics: the model has no UMAP and HDBSCAN (manual topics from --labels) to cluster outliers with");
  }
}

// Clusters the outlier rows with the model's own pipeline settings; clusters found get labels
// after the model's largest topic id. Returns how many clusters were found.
std::size_t cluster_outliers(const SavedModel& saved, const Matrix<float>& embeddings, std::vector<int>& labels,
                             std::size_t threads, std::size_t& taken) {
  const TopicTransform& t = *saved.transform;
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0) rows.push_back(i);
  }
  if (rows.size() < std::max<std::size_t>(2, t.hdbscan.options.min_cluster_size)) return 0;
  std::vector<std::string> docs;
  Matrix<float> subset(rows.size(), embeddings.cols);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    docs.push_back(saved.documents[rows[r]]);
    std::copy(embeddings.row(rows[r]), embeddings.row(rows[r]) + embeddings.cols, subset.row(r));
  }
  PipelineOptions pipeline;
  pipeline.topics = saved.model.options;
  pipeline.umap = t.umap.options;
  pipeline.hdbscan = t.hdbscan.options;
  pipeline.threads = threads;
  const FittedTopics found = fit_topics(docs, subset, pipeline);
  int next = 0;
  for (const int l : labels) next = std::max(next, l + 1);
  int clusters = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const int topic = found.model.assignments[r];
    if (topic < 0) continue;
    labels[rows[r]] = next + topic;
    clusters = std::max(clusters, topic + 1);
    ++taken;
  }
  return static_cast<std::size_t>(clusters);
}

}  // namespace

UpdateResult update_model(SavedModel& saved, std::span<const std::string> documents, const Matrix<float>& embeddings,
                          const UpdateOptions& options) {
  check_update(saved, documents, embeddings, options);
  const TopicPrediction placed = transform_topics(saved.model, saved.transform ? &*saved.transform : nullptr,
                                                  embeddings, false, options.threads);
  UpdateResult result;
  result.added = documents.size();
  std::vector<int> labels = saved.model.assignments;
  labels.insert(labels.end(), placed.topics.begin(), placed.topics.end());
  result.added_outliers = static_cast<std::size_t>(std::count(placed.topics.begin(), placed.topics.end(), -1));

  saved.embeddings = stacked(*document_embeddings(saved), embeddings);
  saved.documents.insert(saved.documents.end(), documents.begin(), documents.end());
  // relabel_topics reads one assignment and probability per document, the new ones included.
  saved.model.assignments = labels;
  if (!saved.model.probabilities.empty()) {
    saved.model.probabilities.insert(saved.model.probabilities.end(), placed.probabilities.begin(),
                                     placed.probabilities.end());
  }
  if (options.new_topics) {
    result.new_topics = cluster_outliers(saved, saved.embeddings, labels, options.threads, result.new_topic_documents);
  }
  std::map<int, int> same_id;
  for (const Topic& t : saved.model.topics) {
    if (t.id >= 0) same_id[t.id] = t.id;
  }
  relabel_topics(saved, labels, same_id);
  return result;
}

}  // namespace topica
