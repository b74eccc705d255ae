#include "topica/topic_pipeline.hpp"

#include <algorithm>
#include <cmath>

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
                        const PipelineOptions& options, std::span<const int> umap_labels) {
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
  TopicTransform& t = fitted.transform;
  t.embeddings = embeddings;
  t.distributions = options.distributions;

  stage("umap");
  UmapOptions umap = options.umap;
  umap.threads = options.threads;
  t.umap = umap_fit(embeddings, umap, umap_labels);
  t.umap.options.progress = nullptr;  // the callback may not outlive this call

  stage("hdbscan");
  HdbscanOptions hdbscan = options.hdbscan;
  hdbscan.threads = options.threads;
  t.hdbscan = hdbscan_fit(t.umap.embedding, hdbscan);

  std::vector<int> labels(t.hdbscan.labels.begin(), t.hdbscan.labels.end());
  stage("topics");
  TopicOptions topics = options.topics;
  topics.threads = options.threads;
  fitted.model = build_topics(documents, labels, embeddings, topics);

  // Cluster label -> topic id, read off any member document.
  t.topic_of_cluster.assign(t.hdbscan.cluster_count(), -1);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] >= 0) t.topic_of_cluster[static_cast<std::size_t>(labels[i])] = fitted.model.assignments[i];
  }
  if (options.distributions) {
    stage("distributions");
    fitted.distributions = to_topic_columns(all_points_membership_vectors(t.hdbscan, options.threads), t.topic_of_cluster);
  }
  fitted.model.probabilities.resize(documents.size());
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const int topic = fitted.model.assignments[i];
    fitted.model.probabilities[i] = options.distributions && topic >= 0
                                        ? fitted.distributions(i, static_cast<std::size_t>(topic))
                                        : static_cast<float>(t.hdbscan.probabilities[i]);
  }
  return fitted;
}

namespace {

Matrix<float> rows_of(const Matrix<float>& m, std::size_t begin, std::size_t end) {
  Matrix<float> out(end - begin, m.cols);
  std::copy(m.row(begin), m.row(begin) + (end - begin) * m.cols, out.values.begin());
  return out;
}

// One batch through UMAP transform and approximate_predict, appended to `out`.
void place_batch(const TopicTransform& t, const Matrix<float>& embeddings, bool distributions, std::size_t threads,
                 TopicPrediction& out, std::size_t first_row) {
  UmapModel umap = t.umap;
  umap.options.threads = threads;
  const Matrix<double> reduced = to_double(umap_transform(umap, t.embeddings, embeddings));
  const HdbscanPrediction predicted = approximate_predict(t.hdbscan, reduced, threads);
  Matrix<float> soft;
  if (distributions) {
    soft = to_topic_columns(membership_vector(t.hdbscan, reduced, threads), t.topic_of_cluster);
    std::copy(soft.values.begin(), soft.values.end(), out.distributions.row(first_row));
  }
  for (std::size_t i = 0; i < embeddings.rows; ++i) {
    const auto label = predicted.labels[i];
    const int topic = label < 0 ? -1 : t.topic_of_cluster[static_cast<std::size_t>(label)];
    out.topics.push_back(topic);
    out.probabilities.push_back(distributions && topic >= 0 ? soft(i, static_cast<std::size_t>(topic))
                                                            : static_cast<float>(predicted.strengths[i]));
  }
}

// Manual topics: the most cosine-similar topic embedding (the outlier topic's included).
TopicPrediction nearest_topic(const TopicModel& model, const Matrix<float>& embeddings, bool distributions) {
  if (model.topic_embeddings.rows == 0) throw UsageError("the model has no topic embeddings to compare documents with");
  TopicPrediction out;
  const std::size_t topics = model.topic_embeddings.rows, dim = embeddings.cols;
  const auto norm = [dim](const float* v) {
    double s = 0;
    for (std::size_t d = 0; d < dim; ++d) s += double(v[d]) * v[d];
    return std::sqrt(s);
  };
  std::vector<double> topic_norms(topics);
  for (std::size_t t = 0; t < topics; ++t) topic_norms[t] = norm(model.topic_embeddings.row(t));
  const std::size_t real_topics = topics - (model.index_of(-1) ? 1 : 0);
  if (distributions) out.distributions = Matrix<float>(embeddings.rows, real_topics);
  for (std::size_t i = 0; i < embeddings.rows; ++i) {
    const float* x = embeddings.row(i);
    const double xn = norm(x);
    std::size_t best = 0;
    double best_sim = -2;
    for (std::size_t t = 0; t < topics; ++t) {
      double dot = 0;
      const float* y = model.topic_embeddings.row(t);
      for (std::size_t d = 0; d < dim; ++d) dot += double(x[d]) * y[d];
      const double sim = xn > 0 && topic_norms[t] > 0 ? dot / (xn * topic_norms[t]) : 0.0;
      if (sim > best_sim) best_sim = sim, best = t;
      const int id = model.topics[t].id;
      if (distributions && id >= 0) out.distributions(i, static_cast<std::size_t>(id)) = static_cast<float>(sim);
    }
    out.topics.push_back(model.topics[best].id);
    out.probabilities.push_back(static_cast<float>(best_sim));
  }
  return out;
}

}  // namespace

TopicPrediction transform_topics(const TopicModel& model, const TopicTransform* transform, const Matrix<float>& embeddings,
                                 bool distributions, std::size_t threads) {
  const std::size_t fitted_dim = transform != nullptr ? transform->embeddings.cols : model.topic_embeddings.cols;
  if (embeddings.cols != fitted_dim) {
    throw UsageError(fmt::format("embeddings have {} columns; the model was fitted on {}", embeddings.cols, fitted_dim));
  }
  if (transform == nullptr) return nearest_topic(model, embeddings, distributions);
  TopicPrediction out;
  if (embeddings.rows == 0) return out;
  if (distributions) out.distributions = Matrix<float>(embeddings.rows, transform->topic_of_cluster.size());
  for (std::size_t begin = 0; begin < embeddings.rows; begin += kTransformBatch) {
    const std::size_t end = std::min(embeddings.rows, begin + kTransformBatch);
    place_batch(*transform, begin == 0 && end == embeddings.rows ? embeddings : rows_of(embeddings, begin, end),
                distributions, threads, out, begin);
  }
  return out;
}

}  // namespace topica
