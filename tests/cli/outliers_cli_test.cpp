// `topica reduce-outliers` and `topica update` on saved model folders.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "cli/model_fixture.hpp"
#include "support/test_support.hpp"

namespace topica {
namespace {

using test::run_cli;
using test::ScratchDir;

// The topic column of a documents.csv (row,topic,probability) or transform output.
std::vector<int> topic_column(const std::string& csv_path) { return test::topic_column_of(test::read_file(csv_path)); }

// BERTopic's pick: the best topic when its score is > 0 and >= threshold, else -1.
int pick(const std::vector<double>& scores, double threshold) {
  const auto best = std::max_element(scores.begin(), scores.end());
  return *best > 0 && *best >= threshold ? static_cast<int>(best - scores.begin()) : -1;
}

std::vector<double> mean_of(const Matrix<float>& e, std::size_t first, std::size_t count) {
  std::vector<double> m(e.cols);
  for (std::size_t i = first; i < first + count; ++i) {
    for (std::size_t j = 0; j < e.cols; ++j) m[j] += e(i, j) / static_cast<double>(count);
  }
  return m;
}

TEST(ReduceOutliersCli, EmbeddingsStrategyFollowsItsDefinitionAndThreshold) {
  ScratchDir dir;
  const auto m = test::fit_fixture_model(dir);
  // Fixture topics: the 12 cat documents (rows 0-11) and the 12 dog documents (rows 12-23), whose
  // topic embeddings are their mean embeddings; rows 24-27 are outliers.
  const std::vector<std::vector<double>> topics{mean_of(m.vectors, 0, 12), mean_of(m.vectors, 12, 12)};
  for (const double threshold : {0.0, 0.09, 0.5}) {
    const auto out = dir.file("reduced" + std::to_string(threshold));
    const auto r = run_cli({"reduce-outliers", m.dir, "--strategy", "embeddings", "--threshold",
                            std::to_string(threshold), "--out", out});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::vector<int> got = topic_column(out + "/documents.csv");
    ASSERT_EQ(got.size(), 28u);
    std::size_t reassigned = 0;
    for (std::size_t i = 24; i < 28; ++i) {
      std::vector<double> scores;
      for (const auto& t : topics) scores.push_back(test::cosine(test::row_of(m.vectors, i), t));
      const int expected = pick(scores, threshold);
      reassigned += expected >= 0;
      // The topic of the cat (row 0) or dog (row 12) documents, renumbered by size.
      EXPECT_EQ(got[i], expected < 0 ? -1 : got[expected == 0 ? 0 : 12]) << "row " << i << " at " << threshold;
    }
    EXPECT_EQ(r.out, std::to_string(reassigned) + " of 4 outliers reassigned (embeddings), " +
                         std::to_string(4 - reassigned) + " remain\n");
    if (threshold == 0.0) EXPECT_EQ(reassigned, 4u);
    if (threshold == 0.5) EXPECT_EQ(reassigned, 0u);
    if (threshold == 0.09) EXPECT_EQ(reassigned, 2u);  // cosines to the cats 0.019, 0.067, 0.113, 0.155
    for (std::size_t i = 0; i < 24; ++i) EXPECT_EQ(got[i], got[i < 12 ? 0 : 12]) << i;
  }
}

TEST(ReduceOutliersCli, CtfidfLeavesDocumentsWithNoTopicWordAsOutliers) {
  ScratchDir dir;
  const auto m = test::fit_fixture_model(dir);
  // The outliers ("tax forms arrive by mail in spring N") share no word with cats or dogs.
  const auto r = run_cli({"reduce-outliers", m.dir, "--strategy", "c-tf-idf", "--out", dir.file("r")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "0 of 4 outliers reassigned (c-tf-idf), 4 remain\n");
  EXPECT_EQ(topic_column(dir.file("r/documents.csv")), topic_column(m.dir + "/documents.csv"));
}

TEST(ReduceOutliersCli, SameResultEveryRunAndInPlace) {
  ScratchDir dir;
  const auto m = test::fit_fixture_model(dir);
  ASSERT_EQ(run_cli({"reduce-outliers", m.dir, "--strategy", "embeddings", "--out", dir.file("a")}).exit_code, 0);
  ASSERT_EQ(run_cli({"reduce-outliers", m.dir, "--strategy", "embeddings", "--out", dir.file("b"), "--threads", "1"})
                .exit_code,
            0);
  for (const char* f : {"documents.csv", "topics.json", "topics.csv"}) {
    EXPECT_EQ(test::read_file(dir.file(std::string("a/") + f)), test::read_file(dir.file(std::string("b/") + f))) << f;
  }
  // Without --out the folder is replaced by the result, which loads for the other verbs.
  ASSERT_EQ(run_cli({"reduce-outliers", m.dir, "--strategy", "embeddings"}).exit_code, 0);
  EXPECT_EQ(test::read_file(m.dir + "/documents.csv"), test::read_file(dir.file("a/documents.csv")));
  const auto t = run_cli({"topics", m.dir});
  EXPECT_EQ(t.exit_code, 0) << t.err;
}

TEST(ReduceOutliersCli, BadInputIsAOneLineErrorAndTheModelStaysAsItWas) {
  ScratchDir dir;
  const auto m = test::fit_fixture_model(dir);
  const std::string before = test::read_file(m.dir + "/documents.csv");
  test::expect_one_line_error(run_cli({"reduce-outliers", m.dir, "--strategy", "nearest"}), 2, "unknown strategy 'nearest'");
  test::expect_one_line_error(run_cli({"reduce-outliers", m.dir, "--strategy", "embeddings", "--threshold", "1.5"}), 2,
                              "--threshold");
  // Manual topics (fit --labels) have no HDBSCAN state to take membership vectors from.
  test::expect_one_line_error(run_cli({"reduce-outliers", m.dir, "--strategy", "probabilities"}), 1, "HDBSCAN");
  EXPECT_EQ(test::read_file(m.dir + "/documents.csv"), before);
}

TEST(UpdateCli, AppendsDocumentsAndTheTrainingDocumentsKeepTheirTopics) {
  ScratchDir dir;
  const auto docs = test::subjects_corpus(dir, "docs.txt", 20, 0);
  const auto model = dir.file("model");
  ASSERT_EQ(run_cli({"fit", "--corpus", docs, "--out", model, "--stop-words", "english", "--threads", "2"}).exit_code, 0);
  const std::vector<int> fitted = topic_column(model + "/documents.csv");
  ASSERT_EQ(run_cli({"transform", model, "--corpus", docs, "--output", dir.file("t0.csv")}).exit_code, 0);

  const auto r = run_cli({"update", model, "--corpus", test::subjects_corpus(dir, "new.txt", 3, 20), "--out", dir.file("m2")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("9 documents added", 0), 0u) << r.out;
  const std::vector<int> updated = topic_column(dir.file("m2/documents.csv"));
  ASSERT_EQ(updated.size(), 69u);
  std::map<int, int> map;
  for (std::size_t i = 0; i < fitted.size(); ++i) {
    EXPECT_EQ(map.emplace(fitted[i], updated[i]).first->second, updated[i]) << i;
  }
  // The new documents repeat the old subjects: each joins the topic of its subject's documents.
  for (std::size_t i = 60; i < 69; ++i) EXPECT_EQ(updated[i], updated[i % 3]) << i;
  // The updated model loads and places the training documents where it placed them before.
  const auto t = run_cli({"transform", dir.file("m2"), "--corpus", docs, "--output", dir.file("t1.csv")});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  const std::vector<int> t0 = topic_column(dir.file("t0.csv")), t1 = topic_column(dir.file("t1.csv"));
  ASSERT_EQ(t0.size(), t1.size());
  for (std::size_t i = 0; i < t0.size(); ++i) EXPECT_EQ(t1[i], t0[i] < 0 ? -1 : map.at(t0[i])) << i;
  EXPECT_TRUE(std::filesystem::exists(dir.file("m2/embeddings.safetensors")));
}

TEST(UpdateCli, AModelFittedFromEmbeddingsTakesThemAndBadCorporaAreRefused) {
  ScratchDir dir;
  const auto m = test::fit_fixture_model(dir);
  const std::string before = test::read_file(m.dir + "/documents.csv");
  const auto extra = dir.write("extra.txt", "cats purr on the mat again\ndogs fetch sticks again\n");
  test::expect_one_line_error(run_cli({"update", m.dir, "--corpus", extra}), 2, "pass --embeddings");
  const auto npy = dir.file("extra.npy");
  Matrix<float> e(2, 4);
  e(0, 0) = 1.0f;
  e(1, 1) = 1.0f;
  write_npy(npy, e);
  // A CSV corpus without the text column asked for.
  const auto csv = dir.write("extra.csv", "id,body\n1,cats purr\n2,dogs bark\n");
  const auto bad = run_cli({"update", m.dir, "--corpus", csv, "--text-column", "text", "--embeddings", npy});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_EQ(std::count(bad.err.begin(), bad.err.end(), '\n'), 1) << bad.err;
  EXPECT_NE(bad.err.find("text"), std::string::npos) << bad.err;
  EXPECT_EQ(test::read_file(m.dir + "/documents.csv"), before);

  // Manual topics have no UMAP and HDBSCAN to find new topics with.
  test::expect_one_line_error(run_cli({"update", m.dir, "--corpus", extra, "--embeddings", npy, "--new-topics"}), 2,
                              "--new-topics");
  EXPECT_EQ(test::read_file(m.dir + "/documents.csv"), before);

  const auto r = run_cli({"update", m.dir, "--corpus", extra, "--embeddings", npy});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<int> topics = topic_column(m.dir + "/documents.csv");
  ASSERT_EQ(topics.size(), 30u);
  EXPECT_EQ(topics[28], topics[0]);   // nearest topic embedding: the cats
  EXPECT_EQ(topics[29], topics[12]);  // the dogs
}

}  // namespace
}  // namespace topica
