// hierarchical_topics against scipy and BERTopic's definition (tests/fixtures/topic_reduction,
// written by scripts/make_topic_reduction_fixtures.py): the merges are scipy's Ward linkage of
// 1 - cosine similarity of the c-TF-IDF rows, and each node's words are the c-TF-IDF of the
// summed counts of its topics' documents.
#include <gtest/gtest.h>

#include <sstream>

#include "topica/error.hpp"
#include "topica/topic_hierarchy.hpp"
#include "topics/topic_reduction_fixture.hpp"

namespace topica {
namespace {

TEST(TopicHierarchy, MergesAreScipysWardLinkage) {
  const auto ref = test::topic_reduction_reference();
  const TopicHierarchy h = hierarchical_topics(test::reference_model(ref));
  const auto z = ref.at("ward_linkage").get<std::vector<std::vector<double>>>();
  ASSERT_EQ(h.tree.merges.size(), z.size());
  for (std::size_t i = 0; i < z.size(); ++i) {
    EXPECT_EQ(h.tree.merges[i].a, static_cast<std::size_t>(z[i][0])) << i;
    EXPECT_EQ(h.tree.merges[i].b, static_cast<std::size_t>(z[i][1])) << i;
    EXPECT_NEAR(h.tree.merges[i].distance, z[i][2], 1e-12) << i;
    EXPECT_EQ(h.tree.merges[i].size, static_cast<std::size_t>(z[i][3])) << i;
    EXPECT_EQ(h.nodes[i].parent_id, 12 + i);
    EXPECT_EQ(h.nodes[i].left_id, h.tree.merges[i].a);
    EXPECT_EQ(h.nodes[i].distance, h.tree.merges[i].distance);
  }
}

TEST(TopicHierarchy, NodeWordsAreTheCtfidfOfTheMergedTopicsDocuments) {
  const auto ref = test::topic_reduction_reference();
  const TopicHierarchy h = hierarchical_topics(test::reference_model(ref));
  const auto& nodes = ref.at("hierarchy_nodes");
  ASSERT_EQ(h.nodes.size(), nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    EXPECT_EQ(h.nodes[i].topics, nodes[i].at("topics").get<std::vector<int>>()) << i;
    std::string expected;
    for (const auto& w : nodes[i].at("words")) expected += (expected.empty() ? "" : "_") + w[0].get<std::string>();
    EXPECT_EQ(h.nodes[i].parent_name, expected) << i;
  }
  // A child's name is its topic's words or its node's name.
  const TopicMergeNode& last = h.nodes.back();
  EXPECT_EQ(last.left_name, h.nodes[last.left_id - 12].parent_name);
}

TEST(TopicHierarchy, TableAndTreeShowEveryTopic) {
  const TopicHierarchy h = hierarchical_topics(test::reference_model(test::topic_reduction_reference()));
  const std::string csv = hierarchy_csv(h);
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "Parent_ID,Parent_Name,Topics,Child_Left_ID,Child_Left_Name,Child_Right_ID,Child_Right_Name,Distance");
  std::getline(lines, line);
  EXPECT_EQ(line.rfind("22,", 0), 0u) << line;  // the root first, as BERTopic sorts
  EXPECT_NE(line.find("\"[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\""), std::string::npos) << line;
  const std::string tree = topic_tree(h);
  EXPECT_EQ(tree.rfind(".\n", 0), 0u);
  for (int t = 0; t < 12; ++t) EXPECT_NE(tree.find("── Topic: " + std::to_string(t) + "\n"), std::string::npos) << tree;
  EXPECT_EQ(std::count(tree.begin(), tree.end(), '\n'), 1 + 12 + 10);  // ".", leaves, inner nodes but the root
}

TEST(TopicHierarchy, NeedsTwoTopicsAndTheDocuments) {
  SavedModel saved = test::reference_model(test::topic_reduction_reference());
  SavedModel few = saved;
  std::vector<int> labels(few.documents.size(), 0);
  labels.back() = -1;
  few.model = build_topics(few.documents, labels, few.embeddings, TopicOptions{});
  EXPECT_THROW(hierarchical_topics(few), UsageError);
  saved.documents.clear();
  EXPECT_THROW(hierarchical_topics(saved), InputError);
}

}  // namespace
}  // namespace topica
