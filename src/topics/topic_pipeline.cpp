#include "topica/topic_pipeline.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica {
namespace {

Matrix<double> to_double(const Matrix<float>& m) {
  Matrix<double> out(m.rows, m.cols);
  std::copy(m.values.begin(), m.values.end(), out.values.begin());
  return out;
}

// Membership columns follow HDBSCAN's cluster labels; reorder them to topic ids 0, 1, ...
Matrix<float> to_topic_columns(const Matrix<float>& membership, const std::vector<int>& topic_of_cluster) {
  Matrix<float> out(membership.rows, membership.cols);
  for (std::size_t i = 0; i < membership.rows; ++i) {
    for (std::size_t c = 0; c < membership.cols; ++c) {
      out(i, static_cast<std::size_t>(topic_of_cluster[c])) = membership(i, c);
    }
  }
  return out;
}

}  // namespace

FittedTopics fit_topics(std::span<const std::string> documents, const Matrix<float>& embeddings,
                        const PipelineOptions& options) {
  if (documents.empty()) throw UsageError("the corpus has no documents");
  if (embeddings.rows != documents.size()) {
    throw UsageError(fmt::format("{} embedding rows for {} documents", embeddings.rows, documents.size()));
  }
  if (documents.size() < options.hdbscan.min_cluster_size) {
    throw UsageError(fmt::format("{} documents are fewer than the minimum topic size {}", documents.size(),
                                 options.hdbscan.min_cluster_size));
  }
  const auto stage = [&](std::string_view name) {
    if (options.progress) options.progress(name);
  };
  FittedTopics fitted;
  fitted.embeddings = embeddings;

  stage("umap");
  UmapOptions umap = options.umap;
  umap.threads = options.threads;
  fitted.umap = umap_fit(embeddings, umap);

  stage("hdbscan");
  HdbscanOptions hdbscan = options.hdbscan;
  hdbscan.threads = options.threads;
  fitted.hdbscan = hdbscan_fit(fitted.umap.embedding, hdbscan);

  std::vector<int> labels(fitted.hdbscan.labels.begin(), fitted.hdbscan.labels.end());
  stage("topics");
  fitted.model = build_topics(documents, labels, embeddings, options.topics);

  // Cluster label -> topic id, read off any member document.
  fitted.topic_of_cluster.assign(fitted.hdbscan.cluster_count(), -1);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] >= 0) fitted.topic_of_cluster[static_cast<std::size_t>(labels[i])] = fitted.model.assignments[i];
  }
  if (options.distributions) {
    stage("distributions");
    fitted.distributions = to_topic_columns(all_points_membership_vectors(fitted.hdbscan, options.threads), fitted.topic_of_cluster);
  }
  fitted.model.probabilities.resize(documents.size());
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const int topic = fitted.model.assignments[i];
    fitted.model.probabilities[i] = options.distributions && topic >= 0
                                        ? fitted.distributions(i, static_cast<std::size_t>(topic))
                                        : static_cast<float>(fitted.hdbscan.probabilities[i]);
  }
  return fitted;
}

TopicPrediction transform_topics(const FittedTopics& fitted, const Matrix<float>& embeddings, bool distributions,
                                 std::size_t threads) {
  if (embeddings.cols != fitted.embeddings.cols) {
    throw UsageError(fmt::format("embeddings have {} columns; the model was fitted on {}", embeddings.cols,
                                 fitted.embeddings.cols));
  }
  TopicPrediction out;
  if (embeddings.rows == 0) return out;
  const Matrix<double> reduced = to_double(umap_transform(fitted.umap, fitted.embeddings, embeddings));
  const HdbscanPrediction predicted = approximate_predict(fitted.hdbscan, reduced, threads);
  if (distributions) out.distributions = to_topic_columns(membership_vector(fitted.hdbscan, reduced, threads), fitted.topic_of_cluster);
  for (std::size_t i = 0; i < embeddings.rows; ++i) {
    const auto label = predicted.labels[i];
    const int topic = label < 0 ? -1 : fitted.topic_of_cluster[static_cast<std::size_t>(label)];
    out.topics.push_back(topic);
    out.probabilities.push_back(distributions && topic >= 0 ? out.distributions(i, static_cast<std::size_t>(topic))
                                                            : static_cast<float>(predicted.strengths[i]));
  }
  return out;
}

}  // namespace topica
