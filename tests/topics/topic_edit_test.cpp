// relabel_topics, the step under every topic operation: the result must equal a fresh
// build_topics on the new labels, and the fitted clusters must follow their topics.
#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "topica/error.hpp"
#include "topica/topic_edit.hpp"

namespace topica {
namespace {

// Three word groups of sizes 6, 4 and 3, plus 2 outliers; embeddings point along one axis per
// group so topic embeddings are easy to reason about.
SavedModel small_model() {
  SavedModel saved;
  const std::vector<int> sizes{6, 4, 3};
  Matrix<float> e(15, 3);
  std::vector<int> labels;
  for (int g = 0; g < 3; ++g) {
    for (int i = 0; i < sizes[g]; ++i) {
      saved.documents.push_back("group" + std::to_string(g) + " word" + std::to_string(i) + " common");
      e(labels.size(), g) = 1.0f;
      labels.push_back(g);
    }
  }
  for (int i = 0; i < 2; ++i) {
    saved.documents.push_back("stray text " + std::to_string(i));
    e(labels.size(), 0) = 0.5f;
    e(labels.size(), 1) = 0.5f;
    labels.push_back(-1);
  }
  saved.model = build_topics(saved.documents, labels, e, TopicOptions{});
  saved.model.probabilities.assign(labels.size(), 0.75f);
  saved.embeddings = std::move(e);
  saved.provenance.embedder = "precomputed: test";
  return saved;
}

std::vector<std::string> names(const TopicModel& m) {
  std::vector<std::string> out;
  for (const Topic& t : m.topics) out.push_back(t.name + "/" + std::to_string(t.size));
  return out;
}

TEST(TopicEdit, MergingTwoTopicsEqualsBuildingFromTheMergedLabels) {
  SavedModel saved = small_model();
  // Topics 1 (4 docs) and 2 (3 docs) become one of 7 documents: larger than topic 0 now.
  std::vector<int> labels(saved.model.assignments);
  for (int& l : labels) l = l == 2 ? 1 : l;
  relabel_topics(saved, labels, {{0, 0}, {1, 1}, {2, 1}});
  const TopicModel expected = build_topics(saved.documents, labels, saved.embeddings, TopicOptions{});
  EXPECT_EQ(names(saved.model), names(expected));
  EXPECT_EQ(saved.model.assignments, expected.assignments);
  EXPECT_EQ(saved.model.topic_embeddings.values, expected.topic_embeddings.values);
  ASSERT_TRUE(saved.model.index_of(0));
  EXPECT_EQ(saved.model.topics[*saved.model.index_of(0)].size, 7u);  // renumbered by size
  EXPECT_EQ(saved.model.assignments[0], 1);                           // the old topic 0
}

TEST(TopicEdit, ClustersFollowTheirTopicsAndLabelsSurviveRenumbering) {
  SavedModel saved = small_model();
  saved.model.topics[*saved.model.index_of(0)].label = "Group zero";
  saved.model.topics[*saved.model.index_of(1)].label = "Group one";
  TopicTransform t;
  t.topic_of_cluster = {2, 0, 1, -1};
  saved.transform = t;
  saved.transform->embeddings = saved.embeddings;  // the transform holds the embeddings
  std::vector<int> labels(saved.model.assignments);
  for (int& l : labels) l = l == 2 ? 1 : l;
  relabel_topics(saved, labels, {{0, 0}, {1, 1}, {2, 1}});
  // Old 1 and 2 are new 0; old 0 is new 1.
  EXPECT_EQ(saved.transform->topic_of_cluster, (std::vector<int>{0, 1, 0, -1}));
  EXPECT_EQ(saved.model.topics[*saved.model.index_of(1)].label, "Group zero");
  EXPECT_EQ(saved.model.topics[*saved.model.index_of(0)].label, "");  // two old topics: no single label
}

TEST(TopicEdit, DeletedTopicsBecomeOutliersWithProbabilityZero) {
  SavedModel saved = small_model();
  TopicTransform t;
  t.topic_of_cluster = {0, 1, 2};
  saved.transform = t;
  std::vector<int> labels(saved.model.assignments);
  for (int& l : labels) l = l == 1 ? -1 : l;
  relabel_topics(saved, labels, {{0, 0}, {2, 2}});
  EXPECT_EQ(saved.transform->topic_of_cluster, (std::vector<int>{0, -1, 1}));
  ASSERT_TRUE(saved.model.index_of(-1));
  EXPECT_EQ(saved.model.topics[*saved.model.index_of(-1)].size, 6u);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    EXPECT_EQ(saved.model.probabilities[i], labels[i] == -1 && i >= 6 && i < 10 ? 0.0f : 0.75f) << i;
  }
}

TEST(TopicEdit, AModelWithoutItsDocumentsOrWithWrongLabelsIsRefused) {
  SavedModel saved = small_model();
  EXPECT_THROW(relabel_topics(saved, std::vector<int>(3, 0), {}), UsageError);
  saved.documents.clear();
  EXPECT_THROW(relabel_topics(saved, std::vector<int>(15, 0), {}), InputError);
}

TEST(TopicEdit, DocumentsAndEmbeddingsSurviveSaveAndLoad) {
  SavedModel saved = small_model();
  saved.documents[0] = "a \"quoted\"\nline\twith tab and 한국어 \\ backslash";
  test::ScratchDir dir;
  save_model(saved, dir.file("model"));
  const SavedModel loaded = load_model(dir.file("model"));
  EXPECT_EQ(loaded.documents, saved.documents);
  ASSERT_NE(document_embeddings(loaded), nullptr);
  EXPECT_EQ(document_embeddings(loaded)->values, saved.embeddings.values);
  dir.write("model/documents.jsonl", "\"only one\"\n");
  EXPECT_THROW(load_model(dir.file("model")), InputError);
  dir.write("model/documents.jsonl", "not json\n");
  EXPECT_THROW(load_model(dir.file("model")), InputError);
}

TEST(TopicEdit, AnEditedModelLinksTheLargeFilesThatDidNotChange) {
  test::ScratchDir dir;
  save_model(small_model(), dir.file("model"));
  SavedModel loaded = load_model(dir.file("model"));
  relabel_topics(loaded, std::vector<int>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, -1, -1}, {{0, 0}, {1, 0}, {2, 2}});
  save_model(loaded, dir.file("edited"));
  namespace fs = std::filesystem;
  EXPECT_TRUE(fs::equivalent(dir.file("model/documents.jsonl"), dir.file("edited/documents.jsonl")));
  EXPECT_TRUE(fs::equivalent(dir.file("model/embeddings.safetensors"), dir.file("edited/embeddings.safetensors")));
  EXPECT_FALSE(fs::equivalent(dir.file("model/topics.json"), dir.file("edited/topics.json")));
  const SavedModel edited = load_model(dir.file("edited"));
  EXPECT_EQ(edited.model.topics.size(), loaded.model.topics.size());
  EXPECT_EQ(edited.documents, loaded.documents);
  save_model(edited, dir.file("edited"));  // in place: the links keep the data alive
  EXPECT_EQ(load_model(dir.file("edited")).documents, loaded.documents);
}

}  // namespace
}  // namespace topica
