#include "topica/outliers.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "topica/error.hpp"
#include "topica/hdbscan.hpp"
#include "topica/parallel.hpp"
#include "topica/topic_distribution.hpp"
#include "topica/topic_edit.hpp"
#include "topica/umap.hpp"

namespace topica {
namespace {

/// Scores of the outlier documents (rows) against the model's topics (columns, ids 0, 1, ...).
/// `threshold` is for the strategies that use it inside their scoring (distributions).
using ScoreFunction = Matrix<double> (*)(const SavedModel& saved, std::span<const std::size_t> outliers,
                                         double threshold, std::size_t threads);

struct OutlierStrategy {
  const char* name;
  ScoreFunction scores;
  /// The threshold applies to the scores (BERTopic zeroes scores below it) — or, when false, the
  /// strategy used it already and any positive score counts.
  bool threshold_on_scores = true;
};

// Rows of `model.topics` (and of its per-topic matrices) of the real topics, in id order.
std::vector<std::size_t> real_topic_row_indices(const TopicModel& model) {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < model.topics.size(); ++i) {
    if (model.topics[i].id >= 0) rows.push_back(i);
  }
  return rows;
}

double norm_of(const double* v, std::size_t n) {
  double s = 0;
  for (std::size_t j = 0; j < n; ++j) s += v[j] * v[j];
  return std::sqrt(s);
}

// sklearn's cosine_similarity: rows scaled to unit length, a zero row stays zero.
void normalize_rows(Matrix<double>& m) {
  for (std::size_t i = 0; i < m.rows; ++i) {
    const double n = norm_of(m.row(i), m.cols);
    if (n > 0) {
      for (std::size_t j = 0; j < m.cols; ++j) m(i, j) /= n;
    }
  }
}

Matrix<double> cosine_scores(const Matrix<double>& documents, const Matrix<double>& topics, std::size_t threads) {
  Matrix<double> a = documents, b = topics;
  normalize_rows(a);
  normalize_rows(b);
  Matrix<double> out(a.rows, b.rows);
  parallel_blocks(a.rows, 256, threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      for (std::size_t t = 0; t < b.rows; ++t) {
        double dot = 0;
        for (std::size_t j = 0; j < a.cols; ++j) dot += a(i, j) * b(t, j);
        out(i, t) = dot;
      }
    }
  });
  return out;
}

double row_norm(const Csr<double>& m, std::size_t row) {
  double s = 0;
  for (auto k = m.indptr[row]; k < m.indptr[row + 1]; ++k) s += m.values[k] * m.values[k];
  return std::sqrt(s);
}

// Cosine of every row of `documents` to the given rows of `topics`, sparse on both sides
// (a dense outliers x vocabulary matrix would not fit for a large corpus): the topic rows are
// turned into per-term postings, and each document adds up the postings of its terms.
Matrix<double> sparse_cosine_scores(const Csr<double>& documents, const Csr<double>& topics,
                                    std::span<const std::size_t> topic_rows, std::size_t threads) {
  std::vector<std::vector<std::pair<std::size_t, double>>> postings(topics.cols);
  std::vector<double> topic_norm(topic_rows.size());
  for (std::size_t t = 0; t < topic_rows.size(); ++t) {
    const std::size_t row = topic_rows[t];
    topic_norm[t] = row_norm(topics, row);
    for (auto k = topics.indptr[row]; k < topics.indptr[row + 1]; ++k) {
      postings[static_cast<std::size_t>(topics.indices[k])].emplace_back(t, topics.values[k]);
    }
  }
  Matrix<double> out(documents.rows, topic_rows.size());
  parallel_blocks(documents.rows, 256, threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const double norm = row_norm(documents, i);
      if (norm == 0) continue;
      double* scores = out.row(i);
      for (auto k = documents.indptr[i]; k < documents.indptr[i + 1]; ++k) {
        for (const auto& [t, value] : postings[static_cast<std::size_t>(documents.indices[k])]) {
          scores[t] += documents.values[k] * value;
        }
      }
      for (std::size_t t = 0; t < topic_rows.size(); ++t) {
        if (topic_norm[t] > 0) scores[t] /= norm * topic_norm[t];
      }
    }
  });
  return out;
}

// c-tf-idf: each outlier document counted by the fitted vectorizer and weighted by the fitted
// idf, cosine to the topics' c-TF-IDF rows.
Matrix<double> ctfidf_scores(const SavedModel& saved, std::span<const std::size_t> outliers, double /*threshold*/,
                            std::size_t threads) {
  const TopicModel& m = saved.model;
  if (m.ctfidf_matrix.rows != m.topics.size()) {
    throw InputError("the model has no c-TF-IDF matrix (ctfidf); the c-tf-idf strategy needs it");
  }
  std::vector<std::string> texts;
  for (const std::size_t i : outliers) texts.push_back(saved.documents[i]);
  const Csr<double> documents = m.ctfidf.transform(m.vectorizer.transform(texts));
  return sparse_cosine_scores(documents, m.ctfidf_matrix, real_topic_row_indices(m), threads);
}

// embeddings: cosine of each outlier document's embedding to the topic embeddings.
Matrix<double> embedding_scores(const SavedModel& saved, std::span<const std::size_t> outliers, double /*threshold*/,
                               std::size_t threads) {
  const Matrix<float>* e = document_embeddings(saved);
  const TopicModel& m = saved.model;
  if (e == nullptr || e->rows != m.assignments.size() || m.topic_embeddings.rows != m.topics.size()) {
    throw InputError("the model keeps no document and topic embeddings; the embeddings strategy needs them");
  }
  Matrix<double> documents(outliers.size(), e->cols), topics(0, e->cols);
  for (std::size_t r = 0; r < outliers.size(); ++r) {
    std::copy(e->row(outliers[r]), e->row(outliers[r]) + e->cols, documents.row(r));
  }
  const std::vector<std::size_t> rows = real_topic_row_indices(m);
  topics = Matrix<double>(rows.size(), e->cols);
  for (std::size_t t = 0; t < rows.size(); ++t) {
    std::copy(m.topic_embeddings.row(rows[t]), m.topic_embeddings.row(rows[t]) + e->cols, topics.row(t));
  }
  return cosine_scores(documents, topics, threads);
}

// probabilities: each outlier document's HDBSCAN membership vector (all_points_membership_vectors
// for the rows HDBSCAN was fitted on; membership_vector through the fitted UMAP for rows added
// later by `update`), its cluster columns summed into the topics they became.
Matrix<double> probability_scores(const SavedModel& saved, std::span<const std::size_t> outliers, double /*threshold*/,
                                 std::size_t threads) {
  if (!saved.transform) {
    throw InputError("the model has no HDBSCAN state (transform.safetensors: manual topics from --labels); the "
                     "probabilities strategy needs a model clustered by fit");
  }
  const TopicTransform& t = *saved.transform;
  const std::size_t fitted = t.hdbscan.data.rows;
  const Matrix<float> membership = all_points_membership_vectors(t.hdbscan, threads);
  std::vector<std::size_t> later;
  for (const std::size_t i : outliers) {
    if (i >= fitted) later.push_back(i);
  }
  Matrix<float> later_membership;
  if (!later.empty()) {
    const Matrix<float>* e = document_embeddings(saved);
    Matrix<float> points(later.size(), e->cols);
    for (std::size_t r = 0; r < later.size(); ++r) std::copy(e->row(later[r]), e->row(later[r]) + e->cols, points.row(r));
    UmapModel umap = t.umap;
    umap.options.threads = threads;
    const Matrix<float> reduced = umap_transform(umap, t.embeddings, points);
    Matrix<double> wide(reduced.rows, reduced.cols);
    std::copy(reduced.values.begin(), reduced.values.end(), wide.values.begin());
    later_membership = membership_vector(t.hdbscan, wide, threads);
  }
  const std::size_t topics = real_topic_row_indices(saved.model).size();
  Matrix<double> out(outliers.size(), topics);
  std::size_t next_later = 0;
  for (std::size_t r = 0; r < outliers.size(); ++r) {
    const bool fitted_row = outliers[r] < fitted;
    const float* row = fitted_row ? membership.row(outliers[r]) : later_membership.row(next_later++);
    for (std::size_t c = 0; c < t.topic_of_cluster.size(); ++c) {
      const int topic = t.topic_of_cluster[c];
      if (topic >= 0 && static_cast<std::size_t>(topic) < topics) out(r, static_cast<std::size_t>(topic)) += row[c];
    }
  }
  return out;
}

// distributions: each outlier document's approximate_distribution with the threshold as its
// min_similarity (BERTopic passes it there and takes the argmax of any non-zero distribution);
// the other window settings are approximate_distribution's defaults.
Matrix<double> distribution_scores(const SavedModel& saved, std::span<const std::size_t> outliers, double threshold,
                                   std::size_t threads) {
  std::vector<std::string> texts;
  for (const std::size_t i : outliers) texts.push_back(saved.documents[i]);
  DistributionOptions options;
  options.min_similarity = threshold;
  options.threads = threads;
  TopicDistribution d = approximate_distribution(saved.model, texts, options);
  // Its columns are the topics without -1 in id order, as the other strategies' scores.
  if (d.topics.size() != real_topic_row_indices(saved.model).size()) throw Error("approximate_distribution: unexpected topic columns");
  return std::move(d.documents);
}

constexpr OutlierStrategy kOutlierStrategies[] = {
    {"c-tf-idf", ctfidf_scores},
    {"embeddings", embedding_scores},
    {"distributions", distribution_scores, false},
    {"probabilities", probability_scores},
};

const OutlierStrategy& strategy_named(const std::string& name) {
  for (const OutlierStrategy& s : kOutlierStrategies) {
    if (name == s.name) return s;
  }
  throw UsageError(fmt::format("--strategy: unknown strategy '{}' (expected one of: {})", name,
                               fmt::join(outlier_strategy_names(), ", ")));
}

}  // namespace

std::vector<std::string> outlier_strategy_names() {
  std::vector<std::string> names;
  for (const OutlierStrategy& s : kOutlierStrategies) names.emplace_back(s.name);
  return names;
}

std::vector<int> outlier_topics(const SavedModel& saved, const OutlierOptions& options) {
  const OutlierStrategy& strategy = strategy_named(options.strategy);
  if (!(options.threshold >= 0 && options.threshold <= 1)) {
    throw UsageError(fmt::format("--threshold: {} is not in [0, 1]", options.threshold));
  }
  if (saved.documents.empty()) {
    throw InputError("the model folder keeps no training documents (documents.jsonl): it was saved by an older topica; fit it again");
  }
  std::vector<int> topics = saved.model.assignments;
  std::vector<std::size_t> outliers;
  for (std::size_t i = 0; i < topics.size(); ++i) {
    if (topics[i] < 0) outliers.push_back(i);
  }
  if (outliers.empty() || real_topic_row_indices(saved.model).empty()) return topics;
  const Matrix<double> scores = strategy.scores(saved, outliers, options.threshold, resolve_threads(options.threads));
  const double floor = strategy.threshold_on_scores ? options.threshold : 0.0;
  for (std::size_t r = 0; r < outliers.size(); ++r) {
    const double* row = scores.row(r);
    const std::size_t best = static_cast<std::size_t>(std::max_element(row, row + scores.cols) - row);
    if (row[best] > 0 && row[best] >= floor) topics[outliers[r]] = static_cast<int>(best);
  }
  return topics;
}

OutlierReduction reduce_outliers(SavedModel& saved, const OutlierOptions& options) {
  const std::vector<int> topics = outlier_topics(saved, options);
  OutlierReduction r;
  std::map<int, int> same_id;
  for (const Topic& t : saved.model.topics) {
    if (t.id >= 0) same_id[t.id] = t.id;
  }
  for (std::size_t i = 0; i < topics.size(); ++i) {
    if (saved.model.assignments[i] >= 0) continue;
    ++r.outliers_before;
    topics[i] >= 0 ? ++r.reassigned : ++r.remaining;
  }
  if (r.reassigned > 0) relabel_topics(saved, topics, same_id);
  return r;
}

}  // namespace topica
