// `topica wordvec …`: every verb through the real binary.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

#include "support/test_support.hpp"
#include "topica/npy.hpp"
#include "topica/random.hpp"
#include "topica/word_vector_files.hpp"
#include "topica/word_vector_tools.hpp"

namespace topica {
namespace {
using Json = nlohmann::json;

// Sentences about animals or about vehicles, never both.
std::string two_topic_corpus(std::size_t documents) {
  const std::vector<std::string> animals{"cat", "dog", "horse", "cow", "sheep", "goat"};
  const std::vector<std::string> vehicles{"car", "truck", "train", "bus", "plane", "boat"};
  Random random(11);
  std::string text;
  for (std::size_t d = 0; d < documents; ++d) {
    const auto& words = d % 2 == 0 ? animals : vehicles;
    for (int t = 0; t < 15; ++t) text += (t ? " " : "") + words[random.below(words.size())];
    text += "\n";
  }
  return text;
}

class WordvecCli : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus_ = scratch_.write("docs.txt", two_topic_corpus(test::kSanitized ? 100 : 300));
    const auto r = test::run_cli({"wordvec", "train", "--corpus", corpus_, "--algo", "skipgram", "--dim", "16", "--epochs", "5",
                                  "--min-count", "1", "--threads", "1", "--sample", "0", "--output", scratch_.file("v.txt")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("words/s"), std::string::npos) << r.err;
  }
  std::string vectors() const { return scratch_.file("v.txt"); }
  test::ScratchDir scratch_;
  std::string corpus_;
};

TEST_F(WordvecCli, TrainWritesVectorsThatSeparateTheTopics) {
  const WordVectors v = read_word_vectors(vectors());
  EXPECT_EQ(v.size(), 12u);
  EXPECT_EQ(v.dimension(), 16u);
  const auto r = test::run_cli({"wordvec", "similar", vectors(), "cat", "--top", "5", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json hits = Json::parse(r.out);
  ASSERT_EQ(hits.size(), 5u);
  const std::set<std::string> animals{"dog", "horse", "cow", "sheep", "goat"};
  for (const auto& h : hits) EXPECT_TRUE(animals.count(h["word"].get<std::string>())) << h.dump();
  // Same with --binary, and the binary file holds the same vectors.
  const auto b = test::run_cli({"wordvec", "train", "--corpus", corpus_, "--algo", "skipgram", "--dim", "16", "--epochs", "5",
                                "--min-count", "1", "--threads", "1", "--sample", "0", "--output", scratch_.file("v.bin"), "--binary"});
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(read_word_vectors(scratch_.file("v.bin")).vectors.values, v.vectors.values);
}

TEST_F(WordvecCli, AnalogySimilarityAndDoesntMatch) {
  const WordVectors v = read_word_vectors(vectors());
  const WordVectorIndex index(v);
  const auto get = [&](const char* w) { return std::vector<float>(v.vectors.row(*v.find(w)), v.vectors.row(*v.find(w)) + 16); };
  const auto expected = index.most_similar({get("dog"), get("car")}, {get("cat")}, 1, {*v.find("cat"), *v.find("dog"), *v.find("car")});
  const auto r = test::run_cli({"wordvec", "analogy", vectors(), "cat", "dog", "car", "--top", "1", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "rank,word,similarity\n1," + expected[0].word + "," + fmt::format("{}", expected[0].similarity) + "\n");

  const auto s = test::run_cli({"wordvec", "similarity", vectors(), "cat", "dog"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NEAR(std::stod(s.out), cosine_similarity(get("cat"), get("dog")), 1e-9);

  const auto d = test::run_cli({"wordvec", "doesnt-match", vectors(), "cat", "dog", "truck", "horse"});
  ASSERT_EQ(d.exit_code, 0) << d.err;
  EXPECT_EQ(d.out, "truck\n");
}

TEST_F(WordvecCli, AnUnknownWordIsOneClearError) {
  const auto r = test::run_cli({"wordvec", "similar", vectors(), "zebra"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "topica: error: unknown word 'zebra': not in " + vectors() + "\n");
  const auto bad = test::run_cli({"wordvec", "similar", scratch_.write("bad.txt", "2 3\na 1 2 3\n"), "a"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("announces 2 words but the file has 1"), std::string::npos) << bad.err;
}

TEST_F(WordvecCli, EvalReportsAccuracyAndSpearman) {
  const std::string questions = scratch_.write("q.txt", ": s\ncat dog car truck\ncat dog zebra bus\n");
  const std::string pairs = scratch_.write("p.txt", "cat\tdog\t9\r\ncat\tcar\t1\r\nbus\ttrain\t8\r\nzebra\tcat\t5\r\n");
  const auto r = test::run_cli({"wordvec", "eval", vectors(), "--analogies", questions, "--similarity", pairs, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json j = Json::parse(r.out);
  EXPECT_EQ(j["analogies"]["questions"], 2);
  EXPECT_EQ(j["analogies"]["skipped"], 1);
  EXPECT_EQ(j["similarity"][0]["pairs"], 3);
  EXPECT_EQ(j["similarity"][0]["skipped"], 1);
  const auto text = test::run_cli({"wordvec", "eval", vectors(), "--similarity", pairs});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Spearman"), std::string::npos);
}

TEST_F(WordvecCli, DocVectorsFeedSimilar) {
  for (const char* weighting : {"mean", "sif"}) {
    const auto r = test::run_cli({"wordvec", "doc-vectors", vectors(), "--corpus", corpus_, "--output", scratch_.file("e.npy"),
                                  "--weighting", weighting});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Matrix<float> e = read_npy_matrix(scratch_.file("e.npy"));
    EXPECT_EQ(e.rows, test::kSanitized ? 100u : 300u);
    EXPECT_EQ(e.cols, 16u);
    // The nearest documents of an animal document are animal documents (even rows). SIF's
    // component removal is checked in tests/wordvec; here the mean's rows go through similar.
    const auto s = test::run_cli({"similar", "--embeddings", scratch_.file("e.npy"), "--doc", "0", "--top", "3", "--format", "json"});
    ASSERT_EQ(s.exit_code, 0) << s.err;
    if (std::string(weighting) == "mean") {
      for (const auto& hit : Json::parse(s.out)) EXPECT_EQ(hit["row"].get<int>() % 2, 0) << s.out;
    }
  }
}

TEST_F(WordvecCli, FastTextModelAnswersForUnseenWords) {
  const auto r = test::run_cli({"wordvec", "train", "--corpus", corpus_, "--algo", "fasttext", "--dim", "16", "--epochs", "3",
                                "--min-count", "1", "--threads", "1", "--bucket", "2000", "--output", scratch_.file("ft.vec"),
                                "--model", scratch_.file("ft.model")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_word_vectors(scratch_.file("ft.vec")).size(), 12u);
  const auto s = test::run_cli({"wordvec", "similarity", scratch_.file("ft.model"), "horses", "horse"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_GT(std::stod(s.out), 0.5);
  const auto v = test::run_cli({"wordvec", "similar", scratch_.file("ft.vec"), "horses"});
  EXPECT_EQ(v.exit_code, 2);  // the .vec file alone has no n-grams
}

TEST_F(WordvecCli, TokenizeWritesWhatTrainSees) {
  const std::string doc = scratch_.write("raw.txt", "The Cat, the DOG!\nA b cd\n");
  const auto r = test::run_cli({"wordvec", "tokenize", "--corpus", doc, "--language", "en", "--output", scratch_.file("t.txt")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(test::read_file(scratch_.file("t.txt")), "the cat the dog\ncd\n");
  const auto bad = test::run_cli({"wordvec", "train", "--corpus", doc, "--algo", "word2vec", "--output", scratch_.file("x.txt")});
  EXPECT_EQ(bad.exit_code, 2);
}

}  // namespace
}  // namespace topica
