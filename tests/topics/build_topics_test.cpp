#include "topica/topic_model.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>

#include "support/test_support.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

TEST(BuildTopics, RenumbersBySizeKeepingOutliers) {
  const std::vector<int> labels{5, 5, -1, 2, 2, 2, 7, 5, 7, 9};
  // sizes: 2 -> 3 (first at row 3), 5 -> 3 (first at row 0), 7 -> 2, 9 -> 1
  EXPECT_EQ(renumber_by_size(labels), (std::vector<int>{0, 0, -1, 1, 1, 1, 2, 0, 2, 3}));
}

TEST(BuildTopics, SmallCorpusHasWordsNamesRepresentativesAndEmbeddings) {
  const std::vector<std::string> docs{"cats purr and cats sleep", "a cat purrs", "dogs bark loudly", "the dog barks",
                                      "dogs and dogs", "random words here"};
  const std::vector<int> labels{1, 1, 0, 0, 0, -1};
  Matrix<float> emb(6, 2);
  for (std::size_t i = 0; i < 6; ++i) emb(i, 0) = static_cast<float>(i), emb(i, 1) = 1.0f;
  const TopicModel m = build_topics(docs, labels, emb, TopicOptions{});
  ASSERT_EQ(m.topics.size(), 3u);
  EXPECT_EQ(m.topics[0].id, -1);
  EXPECT_EQ(m.topics[1].id, 0);
  EXPECT_EQ(m.topics[1].size, 3u);  // the dog documents: the larger topic becomes 0
  EXPECT_EQ(m.topics[1].words[0].word, "dogs");
  EXPECT_EQ(m.topics[1].name.rfind("0_dogs_", 0), 0u) << m.topics[1].name;
  EXPECT_EQ(m.assignments, (std::vector<int>{1, 1, 0, 0, 0, -1}));
  EXPECT_EQ(m.topics[1].representative_rows.size(), 3u);
  EXPECT_EQ(m.topics[2].representative_rows.size(), 2u);
  EXPECT_FLOAT_EQ(m.topic_embeddings(1, 0), 3.0f);  // mean of rows 2, 3, 4
  EXPECT_FLOAT_EQ(m.topic_embeddings(2, 0), 0.5f);
}

TEST(BuildTopics, MismatchedInputsAreUsageErrors) {
  const std::vector<std::string> docs{"a b", "c d"};
  const std::vector<int> one{0};
  EXPECT_THROW(build_topics(docs, one, {}, {}), UsageError);
  EXPECT_THROW(build_topics({}, {}, {}, {}), UsageError);
  const std::vector<int> two{0, 0};
  EXPECT_THROW(build_topics(docs, two, Matrix<float>(3, 2), {}), UsageError);
}

// On BERTopic's manual-topic fixture, topics are numbered as BERTopic numbers them wherever
// sizes do not tie (BERTopic breaks ties by an unstable sort).
TEST(BuildTopics, NumbersTopicsAsBertopicDoes) {
  const auto shared = test::shared_dir();
  if (!shared) GTEST_SKIP() << "../shared is absent";
  const auto dir = *shared / "reference" / "ctfidf";
  std::vector<std::string> docs;
  std::ifstream in(dir / "docs.jsonl");
  for (std::string line; std::getline(in, line);) docs.push_back(nlohmann::json::parse(line)["text"]);
  std::vector<int> labels, expected;
  std::ifstream l(dir / "labels.txt"), e(dir / "doc_topics_default.txt");
  for (int v; l >> v;) labels.push_back(v);
  for (int v; e >> v;) expected.push_back(v);
  const TopicModel m = build_topics(docs, labels, {}, TopicOptions{});
  std::map<int, std::size_t> size;
  for (int t : expected) ++size[t];
  std::map<std::size_t, int> topics_of_size;
  for (const auto& [t, n] : size) ++topics_of_size[n];
  std::size_t compared = 0;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (topics_of_size[size[expected[i]]] > 1) continue;
    EXPECT_EQ(m.assignments[i], expected[i]) << "row " << i;
    ++compared;
  }
  EXPECT_GT(compared, docs.size() / 2);
}

}  // namespace
}  // namespace topica
