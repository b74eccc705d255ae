// merge_models against BERTopic's definition, computed here independently: which topics of the
// later model are added (best cosine to the topics so far below min_similarity), where the
// others' documents go, the merged sizes, and new documents placed by topic embedding.
#include "topica/merge_models.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "support/test_support.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

// A model from per-document labels and 4-d embeddings: topic k's documents point along `dirs[k]`
// (outliers along the last direction), with words "<prefix><k>".
SavedModel model_of(const std::string& prefix, const std::vector<std::vector<float>>& dirs, std::size_t per_topic,
                    std::size_t outliers) {
  std::vector<std::string> docs;
  std::vector<int> labels;
  std::vector<std::vector<float>> rows;
  for (std::size_t k = 0; k + 1 < dirs.size(); ++k) {
    for (std::size_t i = 0; i < per_topic + k; ++i) {  // sizes differ, so ids are known: last direction is 0
      docs.push_back(prefix + std::to_string(k) + " common " + prefix + "x" + std::to_string(i % 3));
      labels.push_back(static_cast<int>(k));
      rows.push_back(dirs[k]);
      rows.back()[3] += 0.01f * static_cast<float>(i % 3);
    }
  }
  for (std::size_t i = 0; i < outliers; ++i) {
    docs.push_back("noise " + prefix + " stray " + std::to_string(i));
    labels.push_back(-1);
    rows.push_back(dirs.back());
  }
  Matrix<float> e(rows.size(), 4);
  for (std::size_t i = 0; i < rows.size(); ++i) std::copy(rows[i].begin(), rows[i].end(), e.row(i));
  SavedModel s;
  s.model = build_topics(docs, labels, e, TopicOptions{});
  s.documents = docs;
  s.embeddings = e;
  s.provenance.embedder = "precomputed: " + prefix + ".npy";
  return s;
}

double cosine(const float* a, const float* b) {
  double dot = 0, na = 0, nb = 0;
  for (std::size_t j = 0; j < 4; ++j) dot += double(a[j]) * b[j], na += double(a[j]) * a[j], nb += double(b[j]) * b[j];
  return dot / std::sqrt(na * nb);
}

TEST(MergeModels, DissimilarTopicsAreAddedAndSimilarOnesFolded) {
  const std::vector<float> x = {1, 0, 0, 0}, y = {0, 1, 0, 0}, z = {0, 0, 1, 0}, w = {0.55f, 0.45f, 0.7f, 0}, noise = {0, 0, 0, 1};
  const SavedModel a = model_of("a", {x, y, noise}, 6, 2);
  const SavedModel b = model_of("b", {x, z, w, noise}, 5, 3);  // x folds; z and w are new
  const std::vector<SavedModel> models = {a, b};
  const MergedModel merged = merge_models(models, 0.7);
  const TopicModel& m = merged.saved.model;

  // Expected, from the definition: each topic of b against a's topics (outliers included).
  int next_id = 1;  // a has topics 0 and 1
  std::map<int, int> expected{{-1, -1}};
  std::size_t added = 0;
  for (std::size_t t = 0; t < b.model.topics.size(); ++t) {
    const int id = b.model.topics[t].id;
    if (id < 0) continue;
    double best = -2;
    int best_id = 0;
    for (std::size_t k = 0; k < a.model.topics.size(); ++k) {
      const double s = cosine(b.model.topic_embeddings.row(t), a.model.topic_embeddings.row(k));
      if (s > best) best = s, best_id = a.model.topics[k].id;
    }
    expected[id] = best >= 0.7 ? best_id : ++next_id;
    if (best < 0.7) {
      ++added;
      const Topic& got = m.topics[*m.index_of(expected[id])];
      EXPECT_EQ(got.words.front().word, b.model.topics[t].words.front().word);
      EXPECT_EQ(got.name.substr(0, got.name.find('_')), std::to_string(expected[id]));
      for (std::size_t j = 0; j < 4; ++j) {
        EXPECT_EQ(m.topic_embeddings(*m.index_of(expected[id]), j), b.model.topic_embeddings(t, j));
      }
      ASSERT_EQ(got.representative_rows.size(), b.model.topics[t].representative_rows.size());
      EXPECT_EQ(got.representative_rows[0], b.model.topics[t].representative_rows[0] + a.model.assignments.size());
    }
  }
  ASSERT_EQ(added, 2u) << "z and w are new, x folds into a's x";
  EXPECT_EQ(merged.counts.at(0).added, 2u);
  EXPECT_EQ(merged.counts.at(0).folded, 1u);
  ASSERT_EQ(m.assignments.size(), a.model.assignments.size() + b.model.assignments.size());
  std::map<int, std::size_t> sizes;
  for (std::size_t i = 0; i < m.assignments.size(); ++i) {
    const std::size_t na = a.model.assignments.size();
    const int want = i < na ? a.model.assignments[i] : expected.at(b.model.assignments[i - na]);
    EXPECT_EQ(m.assignments[i], want) << "document " << i;
    ++sizes[want];
  }
  for (const Topic& t : m.topics) EXPECT_EQ(t.size, sizes[t.id]) << "topic " << t.id;
  EXPECT_EQ(m.ctfidf_matrix.rows, m.topics.size());
  // The documents and their embeddings follow, model after model.
  ASSERT_EQ(merged.saved.documents.size(), m.assignments.size());
  EXPECT_EQ(merged.saved.documents.front(), a.documents.front());
  EXPECT_EQ(merged.saved.documents.back(), b.documents.back());
  ASSERT_EQ(merged.saved.embeddings.rows, m.assignments.size());
  for (std::size_t j = 0; j < 4; ++j) EXPECT_EQ(merged.saved.embeddings(a.documents.size(), j), b.embeddings(0, j));
  EXPECT_EQ(m.topic_embeddings.rows, m.topics.size());

  // New documents take the most similar topic embedding: one along z gets z's new topic.
  Matrix<float> q(1, 4);
  q(0, 2) = 1.0f;
  const TopicPrediction p = transform_topics(m, nullptr, q, false);
  ASSERT_GE(p.topics[0], 2);
  EXPECT_EQ(m.topics[*m.index_of(p.topics[0])].words.front().word, "b1");

  // Saved and loaded, it places documents the same way.
  test::ScratchDir dir;
  save_model(merged.saved, dir.file("merged"));
  const SavedModel loaded = load_model(dir.file("merged"));
  EXPECT_EQ(loaded.model.assignments, m.assignments);
  EXPECT_EQ(transform_topics(loaded.model, nullptr, q, false).topics, p.topics);
}

TEST(MergeModels, EverythingSimilarAddsNothing) {
  const std::vector<float> x = {1, 0, 0, 0}, y = {0, 1, 0, 0}, noise = {0, 0, 0, 1};
  const std::vector<SavedModel> models = {model_of("a", {x, y, noise}, 6, 2), model_of("b", {y, x, noise}, 5, 0)};
  const MergedModel merged = merge_models(models, 0.7);
  EXPECT_EQ(merged.saved.model.topics.size(), models[0].model.topics.size());
  EXPECT_EQ(merged.counts.at(0).added, 0u);
}

TEST(MergeModels, IncomparableModelsAreRefused) {
  const std::vector<float> x = {1, 0, 0, 0}, y = {0, 1, 0, 0}, noise = {0, 0, 0, 1};
  SavedModel a = model_of("a", {x, y, noise}, 6, 2);
  SavedModel b = model_of("b", {y, x, noise}, 5, 1);
  // Another dimension.
  SavedModel wide = b;
  wide.model.topic_embeddings = Matrix<float>(b.model.topics.size(), 5);
  std::vector<std::string> names = {"A", "B"};
  try {
    merge_models(std::vector<SavedModel>{a, wide}, 0.7, names);
    FAIL() << "merged models of different dimensions";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("A has 4-dimensional topic embeddings but B has 5"), std::string::npos) << e.what();
  }
  // Another kind of embedder.
  SavedModel encoded = b;
  encoded.encoder = EncoderReference{"/models/x", "abc", {}};
  EXPECT_THROW(merge_models(std::vector<SavedModel>{a, encoded}, 0.7, names), UsageError);
  EXPECT_THROW(merge_models(std::vector<SavedModel>{a}, 0.7), UsageError);
}

}  // namespace
}  // namespace topica
