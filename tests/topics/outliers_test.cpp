// reduce_outliers: each strategy against its definition computed here (BERTopic 0.17: scores
// zeroed below the threshold, argmax when any score is left), then the topics rebuilt.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>

#include "support/test_support.hpp"
#include "topica/error.hpp"
#include "topica/hdbscan.hpp"
#include "topica/outliers.hpp"
#include "topica/topic_distribution.hpp"
#include "topica/random.hpp"
#include "topica/topic_edit.hpp"
#include "topica/topic_pipeline.hpp"

namespace topica {
namespace {

using test::kSanitized;

// Two word groups (6 and 4 documents) and 4 outliers that share some words with them;
// embeddings along one axis per group, outliers in between.
SavedModel manual_model() {
  SavedModel saved;
  Matrix<float> e(14, 3);
  std::vector<int> labels;
  for (int i = 0; i < 6; ++i) {
    saved.documents.push_back("apple banana cherry fruit " + std::string(i % 2 ? "sweet" : "ripe"));
    e(labels.size(), 0) = 1.0f;
    e(labels.size(), 2) = 0.1f * static_cast<float>(i);
    labels.push_back(0);
  }
  for (int i = 0; i < 4; ++i) {
    saved.documents.push_back("engine wheel brake motor " + std::string(i % 2 ? "fast" : "loud"));
    e(labels.size(), 1) = 1.0f;
    labels.push_back(1);
  }
  const std::vector<std::string> strays{"banana fruit market", "brake pads for the motor", "nothing in common here",
                                        "apple engine"};
  const float at[4][3] = {{0.9f, 0.2f, 0.0f}, {0.1f, 0.8f, 0.3f}, {0.0f, 0.0f, -1.0f}, {0.5f, 0.45f, -0.2f}};
  for (std::size_t i = 0; i < strays.size(); ++i) {
    saved.documents.push_back(strays[i]);
    for (std::size_t j = 0; j < 3; ++j) e(labels.size(), j) = at[i][j];
    labels.push_back(-1);
  }
  saved.model = build_topics(saved.documents, labels, e, TopicOptions{});
  saved.embeddings = std::move(e);
  saved.provenance.embedder = "precomputed: test";
  return saved;
}

std::vector<double> row_of(const Matrix<float>& m, std::size_t i) { return {m.row(i), m.row(i) + m.cols}; }

double cosine(const std::vector<double>& a, const std::vector<double>& b) {
  double dot = 0, na = 0, nb = 0;
  for (std::size_t j = 0; j < a.size(); ++j) {
    dot += a[j] * b[j];
    na += a[j] * a[j];
    nb += b[j] * b[j];
  }
  return na == 0 || nb == 0 ? 0 : dot / std::sqrt(na * nb);
}

// BERTopic: similarity[similarity < threshold] = 0; argmax if sum(sim) > 0 else -1.
int bertopic_pick(std::vector<double> scores, double threshold) {
  double sum = 0;
  for (double& s : scores) {
    if (s < threshold) s = 0;
    sum += s;
  }
  if (!(sum > 0)) return -1;
  return static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
}

std::vector<std::vector<double>> topic_embedding_rows(const TopicModel& m) {
  std::vector<std::vector<double>> rows;
  for (std::size_t i = 0; i < m.topics.size(); ++i) {
    if (m.topics[i].id >= 0) rows.push_back(row_of(m.topic_embeddings, i));
  }
  return rows;
}

std::vector<int> expected_by_embeddings(const SavedModel& saved, double threshold) {
  // Topic embeddings of manual topics are their documents' mean embedding (recomputed here).
  std::map<int, std::vector<double>> mean;
  std::map<int, int> count;
  for (std::size_t i = 0; i < saved.documents.size(); ++i) {
    const int t = saved.model.assignments[i];
    if (t < 0) continue;
    auto& m = mean[t];
    m.resize(saved.embeddings.cols);
    for (std::size_t j = 0; j < m.size(); ++j) m[j] += saved.embeddings(i, j);
    ++count[t];
  }
  std::vector<int> out = saved.model.assignments;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] >= 0) continue;
    std::vector<double> scores;
    for (auto& [t, m] : mean) scores.push_back(cosine(row_of(saved.embeddings, i), m));
    out[i] = bertopic_pick(scores, threshold);
  }
  return out;
}

TEST(Outliers, EmbeddingsStrategyIsCosineToTopicEmbeddingsAboveTheThreshold) {
  const SavedModel saved = manual_model();
  for (const double threshold : {0.0, 0.5, 0.9, 0.99, 1.0}) {
    const auto got = outlier_topics(saved, {"embeddings", threshold, 1});
    EXPECT_EQ(got, expected_by_embeddings(saved, threshold)) << threshold;
  }
  // The thresholds matter here: at 0 every stray but the one pointing away finds a topic, at 0.9
  // the two closest to a group axis (cosines 0.95 and 0.93; the mixed one 0.62).
  const auto at0 = outlier_topics(saved, {"embeddings", 0.0, 1});
  const auto at09 = outlier_topics(saved, {"embeddings", 0.9, 1});
  EXPECT_EQ(std::count(at0.begin(), at0.end(), -1), 1);
  EXPECT_EQ(std::count(at09.begin(), at09.end(), -1), 2);
}

// Counts of vocabulary words, L1-normalised, times idf: BERTopic's ctfidf_model.transform of the
// vectorizer's counts, from the words of these documents (lower-case, split on spaces).
std::vector<double> ctfidf_of(const std::string& doc, const TopicModel& m) {
  std::vector<double> row(m.vectorizer.vocabulary().size());
  std::istringstream in(doc);
  double total = 0;
  for (std::string word; in >> word;) {
    const auto& v = m.vectorizer.vocabulary();
    const auto it = std::find(v.begin(), v.end(), word);
    if (it == v.end()) continue;
    row[static_cast<std::size_t>(it - v.begin())] += 1;
    total += 1;
  }
  for (std::size_t j = 0; j < row.size(); ++j) row[j] = total > 0 ? row[j] / total * m.ctfidf.idf()[j] : 0;
  return row;
}

TEST(Outliers, CtfidfStrategyIsCosineOfTheDocumentsCtfidfToTopicRows) {
  const SavedModel saved = manual_model();
  const TopicModel& m = saved.model;
  std::vector<std::vector<double>> topics;
  for (std::size_t i = 0; i < m.topics.size(); ++i) {
    if (m.topics[i].id < 0) continue;
    std::vector<double> row(m.ctfidf_matrix.cols);
    for (auto k = m.ctfidf_matrix.indptr[i]; k < m.ctfidf_matrix.indptr[i + 1]; ++k) {
      row[static_cast<std::size_t>(m.ctfidf_matrix.indices[k])] += m.ctfidf_matrix.values[k];
    }
    topics.push_back(row);
  }
  for (const double threshold : {0.0, 0.2, 0.6, 1.0}) {
    std::vector<int> expected = m.assignments;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (expected[i] >= 0) continue;
      std::vector<double> scores;
      for (const auto& t : topics) scores.push_back(cosine(ctfidf_of(saved.documents[i], m), t));
      expected[i] = bertopic_pick(scores, threshold);
    }
    EXPECT_EQ(outlier_topics(saved, {"c-tf-idf", threshold, 1}), expected) << threshold;
  }
  // "nothing in common here" shares no word with any topic: it stays an outlier even at 0.
  EXPECT_EQ(outlier_topics(saved, {"c-tf-idf", 0.0, 1})[12], -1);
  EXPECT_EQ(outlier_topics(saved, {"c-tf-idf", 0.0, 1})[10], 0);
  EXPECT_EQ(outlier_topics(saved, {"c-tf-idf", 0.0, 1})[11], 1);
}

TEST(Outliers, DistributionsStrategyIsTheArgmaxOfTheApproximateDistribution) {
  // BERTopic: approximate_distribution(outlier_docs, min_similarity=threshold), then the argmax
  // of every distribution that is not all zero — the threshold acts on the window similarities,
  // not on the normalised distribution. Each document here on its own (it must not matter).
  const SavedModel saved = manual_model();
  for (const double threshold : {0.0, 0.1, 0.3, 0.9}) {
    DistributionOptions options;
    options.min_similarity = threshold;
    std::vector<int> expected = saved.model.assignments;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (expected[i] >= 0) continue;
      const TopicDistribution d = approximate_distribution(saved.model, std::vector<std::string>{saved.documents[i]}, options);
      const std::vector<double> row(d.documents.row(0), d.documents.row(0) + d.documents.cols);
      expected[i] = bertopic_pick(row, 0.0);
    }
    EXPECT_EQ(outlier_topics(saved, {"distributions", threshold, 2}), expected) << threshold;
  }
  // "banana fruit market" and "brake pads for the motor" find their groups; the word-less stray
  // stays out.
  const auto at0 = outlier_topics(saved, {"distributions", 0.0, 1});
  EXPECT_EQ(at0[10], 0);
  EXPECT_EQ(at0[11], 1);
  EXPECT_EQ(at0[12], -1);
}

TEST(Outliers, ReduceOutliersRebuildsTopicsInOneStep) {
  SavedModel saved = manual_model();
  const std::vector<int> target = outlier_topics(saved, {"embeddings", 0.0, 1});
  const OutlierReduction r = reduce_outliers(saved, {"embeddings", 0.0, 1});
  EXPECT_EQ(r.outliers_before, 4u);
  EXPECT_EQ(r.reassigned, 3u);
  EXPECT_EQ(r.remaining, 1u);
  // Equal to building the topics from the new labels (BERTopic's update_topics).
  const TopicModel expected = build_topics(saved.documents, target, saved.embeddings, TopicOptions{});
  EXPECT_EQ(saved.model.assignments, expected.assignments);
  ASSERT_EQ(saved.model.topics.size(), expected.topics.size());
  for (std::size_t i = 0; i < expected.topics.size(); ++i) {
    EXPECT_EQ(saved.model.topics[i].name, expected.topics[i].name);
    EXPECT_EQ(saved.model.topics[i].size, expected.topics[i].size);
  }
  EXPECT_EQ(saved.model.ctfidf_matrix.values, expected.ctfidf_matrix.values);
}

TEST(Outliers, BadOptionsAndMissingStateAreClearErrors) {
  SavedModel saved = manual_model();
  EXPECT_THROW(outlier_topics(saved, {"nearest", 0.0, 1}), UsageError);
  EXPECT_THROW(outlier_topics(saved, {"embeddings", 1.5, 1}), UsageError);
  EXPECT_THROW(outlier_topics(saved, {"embeddings", -0.1, 1}), UsageError);
  EXPECT_THROW(outlier_topics(saved, {"embeddings", std::nan(""), 1}), UsageError);
  EXPECT_THROW(outlier_topics(saved, {"probabilities", 0.0, 1}), InputError);  // no HDBSCAN state
  SavedModel bare = saved;
  bare.embeddings = Matrix<float>();
  EXPECT_THROW(outlier_topics(bare, {"embeddings", 0.0, 1}), InputError);
  bare.documents.clear();
  EXPECT_THROW(outlier_topics(bare, {"c-tf-idf", 0.0, 1}), InputError);
}

// Three Gaussian blobs of 40 points in 8-d and 12 points scattered between them, fitted with the
// whole pipeline (UMAP + HDBSCAN) so the model has HDBSCAN state.
SavedModel pipeline_model() {
  SavedModel saved;
  Random rng(7);
  const std::size_t n = kSanitized ? 72 : 132;
  const std::size_t per_blob = (n - 12) / 3;
  Matrix<float> e(n, 8);
  for (std::size_t i = 0; i < n; ++i) {
    const bool stray = i >= 3 * per_blob;
    const std::size_t blob = i / per_blob;
    for (std::size_t j = 0; j < 8; ++j) {
      const float centre = stray ? 0.0f : (j == blob ? 4.0f : 0.0f);
      e(i, j) = centre + (stray ? 1.5f : 0.3f) * static_cast<float>(rng.normal());
    }
    static const char* words[] = {"red green blue", "cat dog bird", "oak pine elm"};
    saved.documents.push_back(stray ? "misc item " + std::to_string(i) : std::string(words[blob]) + " " + std::to_string(i % 5));
  }
  PipelineOptions options;
  options.hdbscan.min_cluster_size = 10;
  options.threads = 1;
  FittedTopics fitted = fit_topics(saved.documents, e, options);
  saved.model = std::move(fitted.model);
  saved.transform = std::move(fitted.transform);
  saved.provenance.embedder = "precomputed: test";
  // A fit this small absorbs its strays; every 5th document is made an outlier so that the
  // strategies have outliers with real membership vectors to work on.
  std::vector<int> labels = saved.model.assignments;
  std::map<int, int> same;
  for (const int t : labels) same[t] = t;
  for (std::size_t i = 0; i < n; i += 5) labels[i] = -1;
  relabel_topics(saved, labels, same);
  return saved;
}

TEST(Outliers, ProbabilitiesStrategyIsTheArgmaxOfTheMembershipVector) {
  const SavedModel saved = pipeline_model();
  const std::size_t outliers = std::count(saved.model.assignments.begin(), saved.model.assignments.end(), -1);
  ASSERT_GT(outliers, 0u);
  const Matrix<float> membership = all_points_membership_vectors(saved.transform->hdbscan, 1);
  std::size_t topics = 0;
  for (const Topic& t : saved.model.topics) topics += t.id >= 0;
  for (const double threshold : {0.0, 0.05, 0.2, 0.5}) {
    std::vector<int> expected = saved.model.assignments;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (expected[i] >= 0) continue;
      std::vector<double> scores(topics);
      for (std::size_t c = 0; c < membership.cols; ++c) {
        scores[static_cast<std::size_t>(saved.transform->topic_of_cluster[c])] += membership(i, c);
      }
      expected[i] = bertopic_pick(scores, threshold);
    }
    EXPECT_EQ(outlier_topics(saved, {"probabilities", threshold, 1}), expected) << threshold;
  }
  // Deterministic, whatever the thread count.
  EXPECT_EQ(outlier_topics(saved, {"probabilities", 0.0, 1}), outlier_topics(saved, {"probabilities", 0.0, 3}));
  EXPECT_EQ(outlier_topics(saved, {"embeddings", 0.0, 1}), outlier_topics(saved, {"embeddings", 0.0, 3}));
}

TEST(Outliers, AReducedModelStillTransformsItsTrainingDocumentsIntoTheirTopics) {
  SavedModel saved = pipeline_model();
  const std::vector<int> before = saved.model.assignments;
  const Matrix<float> training = saved.transform->embeddings;
  const TopicPrediction placed_before = transform_topics(saved.model, &*saved.transform, training, false, 1);
  const OutlierReduction r = reduce_outliers(saved, {"probabilities", 0.0, 1});
  EXPECT_EQ(r.outliers_before, static_cast<std::size_t>(std::count(before.begin(), before.end(), -1)));
  EXPECT_EQ(r.reassigned + r.remaining, r.outliers_before);
  EXPECT_GT(r.reassigned, 0u);
  // Documents that shared a topic still share one (renumbered), and transform sends each training
  // document to the renumbered topic it was sent to before.
  std::map<int, int> now_of_before;
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (before[i] < 0) continue;
    const auto it = now_of_before.emplace(before[i], saved.model.assignments[i]).first;
    EXPECT_EQ(it->second, saved.model.assignments[i]) << i;
  }
  const TopicPrediction placed_after = transform_topics(saved.model, &*saved.transform, training, false, 1);
  for (std::size_t i = 0; i < before.size(); ++i) {
    const int t = placed_before.topics[i];
    EXPECT_EQ(placed_after.topics[i], t < 0 ? -1 : now_of_before.at(t)) << i;
  }
}

}  // namespace
}  // namespace topica
