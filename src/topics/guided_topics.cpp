#include "topica/guided_topics.hpp"

#include <cmath>

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica {
namespace {

// Rows scaled to unit length in double, zero rows left zero (scikit-learn's cosine_similarity).
std::vector<std::vector<double>> unit_rows(const Matrix<float>& m) {
  std::vector<std::vector<double>> out(m.rows, std::vector<double>(m.cols));
  for (std::size_t i = 0; i < m.rows; ++i) {
    double norm = 0;
    for (std::size_t j = 0; j < m.cols; ++j) norm += double(m(i, j)) * m(i, j);
    norm = std::sqrt(norm);
    for (std::size_t j = 0; j < m.cols; ++j) out[i][j] = norm > 0 ? m(i, j) / norm : 0.0;
  }
  return out;
}

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (std::size_t j = 0; j < a.size(); ++j) s += a[j] * b[j];
  return s;
}

struct Nearest {
  std::size_t row = 0;
  double similarity = -2;
};

// The first row of `candidates` with the highest cosine to each row of `rows` (numpy argmax).
std::vector<Nearest> nearest_rows(const Matrix<float>& rows, const Matrix<float>& candidates) {
  if (candidates.rows == 0) throw UsageError("nothing to compare the documents with");
  if (rows.cols != candidates.cols) {
    throw UsageError(fmt::format("embeddings have {} columns but the documents' have {}", candidates.cols, rows.cols));
  }
  const auto a = unit_rows(rows), b = unit_rows(candidates);
  std::vector<Nearest> out(rows.rows);
  for (std::size_t i = 0; i < rows.rows; ++i) {
    for (std::size_t c = 0; c < b.size(); ++c) {
      const double s = dot(a[i], b[c]);
      if (s > out[i].similarity) out[i] = {c, s};
    }
  }
  return out;
}

Matrix<float> rows_at(const Matrix<float>& m, const std::vector<std::size_t>& rows) {
  Matrix<float> out(rows.size(), m.cols);
  for (std::size_t i = 0; i < rows.size(); ++i) std::copy(m.row(rows[i]), m.row(rows[i]) + m.cols, out.row(i));
  return out;
}

void check_rows(std::span<const std::string> documents, const Matrix<float>& embeddings) {
  if (documents.empty()) throw UsageError("the corpus has no documents");
  if (embeddings.rows != documents.size()) {
    throw UsageError(fmt::format("{} embedding rows for {} documents", embeddings.rows, documents.size()));
  }
}

}  // namespace

std::vector<std::string> seed_topic_texts(const std::vector<std::vector<std::string>>& seed_topics) {
  std::vector<std::string> texts;
  for (const auto& words : seed_topics) {
    std::string text;
    for (const std::string& w : words) (text.empty() ? text : text += ' ') += w;
    texts.push_back(std::move(text));
  }
  return texts;
}

SeedGuidance guide_by_seed_topics(const Matrix<float>& embeddings, const Matrix<float>& seed_embeddings) {
  if (embeddings.rows == 0) throw UsageError("guided topics need documents");
  // The seed rows and, last, the mean document embedding: the "none of the seeds" row.
  Matrix<float> rows(seed_embeddings.rows + 1, embeddings.cols);
  if (seed_embeddings.cols != embeddings.cols) {
    throw UsageError(fmt::format("seed topic embeddings have {} columns but the documents' have {}", seed_embeddings.cols,
                                 embeddings.cols));
  }
  std::copy(seed_embeddings.values.begin(), seed_embeddings.values.end(), rows.values.begin());
  for (std::size_t j = 0; j < embeddings.cols; ++j) {
    double sum = 0;
    for (std::size_t i = 0; i < embeddings.rows; ++i) sum += embeddings(i, j);
    rows(seed_embeddings.rows, j) = static_cast<float>(sum / static_cast<double>(embeddings.rows));
  }
  SeedGuidance g;
  g.embeddings = embeddings;
  for (const Nearest& n : nearest_rows(embeddings, rows)) {
    g.labels.push_back(n.row == seed_embeddings.rows ? -1 : static_cast<int>(n.row));
  }
  for (std::size_t i = 0; i < embeddings.rows; ++i) {
    if (g.labels[i] < 0) continue;
    const float* seed = seed_embeddings.row(static_cast<std::size_t>(g.labels[i]));
    for (std::size_t j = 0; j < embeddings.cols; ++j) {
      g.embeddings(i, j) = static_cast<float>((3.0 * embeddings(i, j) + 1.0 * seed[j]) / 4.0);
    }
  }
  return g;
}

FittedTopics fit_guided_topics(std::span<const std::string> documents, const Matrix<float>& embeddings,
                               const std::vector<std::vector<std::string>>& seed_topics,
                               const Matrix<float>& seed_embeddings, const PipelineOptions& options) {
  check_rows(documents, embeddings);
  if (seed_topics.size() != seed_embeddings.rows) {
    throw UsageError(fmt::format("{} seed topics but {} seed embeddings", seed_topics.size(), seed_embeddings.rows));
  }
  const SeedGuidance guidance = guide_by_seed_topics(embeddings, seed_embeddings);
  PipelineOptions guided = options;
  for (const auto& words : seed_topics) guided.topics.seed_words.insert(guided.topics.seed_words.end(), words.begin(), words.end());
  return fit_topics(documents, guidance.embeddings, guided, guidance.labels);
}

std::vector<int> zero_shot_assignments(const Matrix<float>& embeddings, const Matrix<float>& name_embeddings,
                                       double min_similarity) {
  std::vector<int> out;
  for (const Nearest& n : nearest_rows(embeddings, name_embeddings)) {
    out.push_back(n.similarity >= min_similarity ? static_cast<int>(n.row) : -1);
  }
  return out;
}

ZeroShotTopics fit_zero_shot_topics(std::span<const std::string> documents, const Matrix<float>& embeddings,
                                    const std::vector<std::string>& names, const Matrix<float>& name_embeddings,
                                    double min_similarity, const PipelineOptions& options) {
  check_rows(documents, embeddings);
  if (names.empty()) throw UsageError("zero-shot topics need at least one topic name");
  if (names.size() != name_embeddings.rows) {
    throw UsageError(fmt::format("{} zero-shot topic names but {} embeddings", names.size(), name_embeddings.rows));
  }
  const std::vector<int> claimed = zero_shot_assignments(embeddings, name_embeddings, min_similarity);
  std::vector<std::size_t> rest;
  for (std::size_t i = 0; i < claimed.size(); ++i) {
    if (claimed[i] < 0) rest.push_back(i);
  }
  ZeroShotTopics out;
  if (rest.size() == documents.size()) {  // no document claimed: a normal fit
    FittedTopics fitted = fit_topics(documents, embeddings, options);
    out.model = std::move(fitted.model);
    out.transform = std::move(fitted.transform);
    out.distributions = std::move(fitted.distributions);
    return out;
  }
  // Zero-shot topics first, largest first; then the clusters of the rest, largest first.
  const std::vector<int> zero_shot_ids = renumber_by_size(claimed);
  std::vector<int> ids(zero_shot_ids.begin(), zero_shot_ids.end());
  std::vector<int> name_of_id;  // zero-shot topic id -> index into names
  for (std::size_t i = 0; i < claimed.size(); ++i) {
    if (claimed[i] < 0) continue;
    const auto id = static_cast<std::size_t>(zero_shot_ids[i]);
    if (name_of_id.size() <= id) name_of_id.resize(id + 1, -1);
    name_of_id[id] = claimed[i];
  }
  out.zero_shot_topics = name_of_id.size();
  if (!rest.empty() && rest.size() >= options.hdbscan.min_cluster_size && rest.size() >= 2) {
    std::vector<std::string> rest_docs;
    for (std::size_t r : rest) rest_docs.push_back(documents[r]);
    PipelineOptions clustering = options;
    clustering.distributions = false;
    const FittedTopics fitted = fit_topics(rest_docs, rows_at(embeddings, rest), clustering);
    for (std::size_t k = 0; k < rest.size(); ++k) {
      const int topic = fitted.model.assignments[k];
      ids[rest[k]] = topic < 0 ? -1 : static_cast<int>(out.zero_shot_topics) + topic;
    }
  }  // else: too few left to cluster; they stay outliers
  TopicOptions topics = options.topics;
  topics.threads = options.threads;
  out.model = build_numbered_topics(documents, ids, embeddings, topics);
  for (Topic& t : out.model.topics) {
    if (t.id >= 0 && static_cast<std::size_t>(t.id) < out.zero_shot_topics) {
      t.label = names[static_cast<std::size_t>(name_of_id[static_cast<std::size_t>(t.id)])];
    }
  }
  // BERTopic: probabilities are the cosine similarities to the topic embeddings.
  TopicPrediction similarity = transform_topics(out.model, nullptr, embeddings, options.distributions, options.threads);
  out.model.probabilities = std::move(similarity.probabilities);
  out.distributions = std::move(similarity.distributions);
  return out;
}

}  // namespace topica
