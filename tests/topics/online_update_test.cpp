// update_model: new documents placed by the fitted transform, appended, topics rebuilt; the old
// documents keep their topics and the saved model still loads and transforms as before.
#include <gtest/gtest.h>

#include <map>

#include "support/test_support.hpp"
#include "topica/error.hpp"
#include "topica/online_update.hpp"
#include "topica/outliers.hpp"
#include "topica/random.hpp"
#include "topica/topic_edit.hpp"
#include "topica/topic_pipeline.hpp"

namespace topica {
namespace {

using test::kSanitized;

// `blobs` Gaussian blobs of `per_blob` points in 8-d, blob b centred at 4 on axis b.
Matrix<float> blob_points(std::size_t blobs, std::size_t per_blob, std::size_t first_axis, std::uint64_t seed) {
  Random rng(seed);
  Matrix<float> e(blobs * per_blob, 8);
  for (std::size_t i = 0; i < e.rows; ++i) {
    for (std::size_t j = 0; j < 8; ++j) {
      e(i, j) = (j == first_axis + i / per_blob ? 4.0f : 0.0f) + 0.3f * static_cast<float>(rng.normal());
    }
  }
  return e;
}

std::vector<std::string> blob_texts(std::size_t blobs, std::size_t per_blob, std::size_t first_axis) {
  static const char* words[] = {"red green blue", "cat dog bird", "oak pine elm", "rock sand clay", "sun moon star"};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < blobs * per_blob; ++i) {
    out.push_back(std::string(words[first_axis + i / per_blob]) + " " + std::to_string(i % 7));
  }
  return out;
}

SavedModel fitted_model(std::size_t per_blob) {
  SavedModel saved;
  saved.documents = blob_texts(3, per_blob, 0);
  const Matrix<float> e = blob_points(3, per_blob, 0, 11);
  PipelineOptions options;
  options.threads = 1;
  FittedTopics fitted = fit_topics(saved.documents, e, options);
  saved.model = std::move(fitted.model);
  saved.transform = std::move(fitted.transform);
  saved.provenance.embedder = "precomputed: test";
  return saved;
}

// Old topic -> new topic, checked to be one mapping for all documents.
std::map<int, int> topic_mapping(std::span<const int> before, std::span<const int> after) {
  std::map<int, int> map;
  for (std::size_t i = 0; i < before.size(); ++i) {
    const auto it = map.emplace(before[i], after[i]).first;
    EXPECT_EQ(it->second, after[i]) << "document " << i;
  }
  return map;
}

TEST(OnlineUpdate, NewDocumentsAreAppendedAndOldOnesKeepTheirTopics) {
  const std::size_t per_blob = kSanitized ? 20 : 30;
  SavedModel saved = fitted_model(per_blob);
  const std::vector<int> before = saved.model.assignments;
  const Matrix<float> training = saved.transform->embeddings;
  const TopicPrediction placed_before = transform_topics(saved.model, &*saved.transform, training, false, 1);

  // More of blob 1: the transform places them in blob 1's topic.
  const std::vector<std::string> docs = blob_texts(1, 6, 1);
  const Matrix<float> e = blob_points(1, 6, 1, 99);
  const TopicPrediction expected = transform_topics(saved.model, &*saved.transform, e, false, 1);
  const UpdateResult r = update_model(saved, docs, e, {});
  EXPECT_EQ(r.added, 6u);
  ASSERT_EQ(saved.documents.size(), before.size() + 6);
  ASSERT_EQ(saved.model.assignments.size(), before.size() + 6);
  EXPECT_EQ(saved.documents.back(), docs.back());

  std::vector<int> old_and_placed = before;
  old_and_placed.insert(old_and_placed.end(), expected.topics.begin(), expected.topics.end());
  const std::map<int, int> map = topic_mapping(old_and_placed, saved.model.assignments);
  // Topic sizes count the new documents.
  const int grown = map.at(expected.topics[0]);
  std::size_t size = 0;
  for (const int t : saved.model.assignments) size += t == grown;
  EXPECT_EQ(saved.model.topics[*saved.model.index_of(grown)].size, size);

  // Outlier strategies read the appended rows too (membership through the fitted UMAP for them).
  const std::vector<int> moved = outlier_topics(saved, {"probabilities", 0.0, 1});
  ASSERT_EQ(moved.size(), saved.model.assignments.size());
  for (std::size_t i = 0; i < moved.size(); ++i) {
    if (saved.model.assignments[i] >= 0) EXPECT_EQ(moved[i], saved.model.assignments[i]) << i;
  }

  // Saved and loaded: the transform keeps the rows it was fitted on, the embeddings cover all.
  test::ScratchDir dir;
  save_model(saved, dir.file("m"));
  const SavedModel loaded = load_model(dir.file("m"));
  EXPECT_EQ(loaded.documents, saved.documents);
  EXPECT_EQ(loaded.model.assignments, saved.model.assignments);
  ASSERT_TRUE(loaded.transform);
  EXPECT_EQ(loaded.transform->embeddings.rows, before.size());
  ASSERT_NE(document_embeddings(loaded), nullptr);
  EXPECT_EQ(document_embeddings(loaded)->rows, before.size() + 6);
  // Transform of the original training documents gives their original topics, renumbered.
  const TopicPrediction placed_after = transform_topics(loaded.model, &*loaded.transform, training, false, 1);
  for (std::size_t i = 0; i < before.size(); ++i) {
    const int t = placed_before.topics[i];
    EXPECT_EQ(placed_after.topics[i], t < 0 ? -1 : map.at(t)) << i;
  }
}

TEST(OnlineUpdate, NewTopicsAreFoundAmongTheOutliers) {
  const std::size_t per_blob = kSanitized ? 20 : 30;
  SavedModel saved = fitted_model(per_blob);
  // The topics of blobs 1 and 2 deleted: their documents are outliers (HDBSCAN finds no cluster
  // in a single blob, so two are needed), and the transform sends documents like them to no
  // topic (their HDBSCAN clusters now lead nowhere).
  const int gone1 = saved.model.assignments[per_blob], gone2 = saved.model.assignments[2 * per_blob];
  std::vector<int> labels = saved.model.assignments;
  std::map<int, int> kept;
  for (const int t : labels) kept[t] = t == gone1 || t == gone2 ? -1 : t;
  for (int& l : labels) l = l == gone1 || l == gone2 ? -1 : l;
  relabel_topics(saved, labels, kept);
  const auto real_topics = [](const SavedModel& m) {
    return std::count_if(m.model.topics.begin(), m.model.topics.end(), [](const Topic& t) { return t.id >= 0; });
  };
  const auto topics_before = real_topics(saved);

  std::vector<std::string> docs = blob_texts(3, 6, 0);
  docs.erase(docs.begin(), docs.begin() + 12);  // six more of blob 2
  const Matrix<float> all = blob_points(3, 6, 0, 5);
  Matrix<float> e(6, 8);
  std::copy(all.row(12), all.row(12) + 6 * 8, e.values.begin());
  SavedModel plain = saved;
  const UpdateResult r0 = update_model(plain, docs, e, {false, 1});
  EXPECT_EQ(r0.added_outliers, 6u);
  EXPECT_EQ(r0.new_topics, 0u);
  EXPECT_EQ(real_topics(plain), topics_before);

  const UpdateResult r = update_model(saved, docs, e, {true, 1});
  EXPECT_EQ(r.added_outliers, 6u);
  ASSERT_GT(r.new_topics, 0u);
  EXPECT_EQ(real_topics(saved), topics_before + static_cast<std::ptrdiff_t>(r.new_topics));
  std::size_t outliers = 0, outliers_plain = 0;
  for (const int t : saved.model.assignments) outliers += t < 0;
  for (const int t : plain.model.assignments) outliers_plain += t < 0;
  EXPECT_EQ(outliers + r.new_topic_documents, outliers_plain);
  EXPECT_GT(r.new_topic_documents, per_blob);
  // The documents of the topic left keep it.
  const std::map<int, int> map = topic_mapping(std::span(plain.model.assignments).first(per_blob),
                                               std::span(saved.model.assignments).first(per_blob));
  EXPECT_EQ(map.size(), 1u);
}

TEST(OnlineUpdate, BadInputIsRefused) {
  SavedModel saved = fitted_model(kSanitized ? 20 : 30);
  const std::vector<std::string> docs = blob_texts(1, 3, 0);
  EXPECT_THROW(update_model(saved, docs, blob_points(1, 4, 0, 1), {}), UsageError);  // rows
  EXPECT_THROW(update_model(saved, docs, Matrix<float>(3, 5), {}), UsageError);      // width
  EXPECT_THROW(update_model(saved, {}, Matrix<float>(0, 8), {}), UsageError);
  SavedModel manual = saved;
  manual.embeddings = *document_embeddings(saved);
  manual.transform.reset();
  EXPECT_THROW(update_model(manual, docs, blob_points(1, 3, 0, 1), {true, 1}), UsageError);
  SavedModel old = saved;
  old.documents.clear();
  EXPECT_THROW(update_model(old, docs, blob_points(1, 3, 0, 1), {}), InputError);
}

}  // namespace
}  // namespace topica
