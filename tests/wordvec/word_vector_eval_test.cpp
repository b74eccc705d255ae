// Analogy accuracy and word-pair Spearman on tiny files whose answers are worked out by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "support/test_support.hpp"
#include "topica/error.hpp"
#include "topica/word_vector_eval.hpp"
#include "topica/word_vector_files.hpp"

namespace topica {
namespace {

// Axes: royal, male(+)/female(-), person, fruit. Every vector has norm sqrt(2).
WordVectors royal_vectors() {
  WordVectors v;
  v.words = {"king", "queen", "man", "woman", "apple"};
  v.vectors = Matrix<float>(5, 4);
  v.vectors.values = {1, 1, 0, 0, 1, -1, 0, 0, 0, 1, 1, 0, 0, -1, 1, 0, 0, 0, 1, 1};
  v.vectors.values[16] = 0;  // apple = (0, 0, 0, 1) * sqrt(2)
  v.vectors.values[18] = 0;
  v.vectors.values[19] = std::sqrt(2.0f);
  v.reindex();
  return v;
}

TEST(WordVectorEval, AnalogyAccuracyAsGensimCountsIt) {
  test::ScratchDir scratch;
  const std::string file = scratch.write("q.txt",
      ": family\n"
      "king queen man woman\n"     // queen - king + man = woman: correct
      "KING Queen MAN woman\n"     // case-insensitive: correct
      "king queen man zebra\n"     // zebra unknown: skipped
      ": other\n"
      "man woman king queen\n"     // woman - man + king = queen: correct
      "king queen apple man\n");   // queen - king + apple is nearest woman: incorrect
  const AnalogyResult r = evaluate_word_analogies(royal_vectors(), file);
  EXPECT_EQ(r.total.correct, 3u);
  EXPECT_EQ(r.total.incorrect, 1u);
  EXPECT_EQ(r.skipped, 1u);
  EXPECT_EQ(r.questions(), 5u);
  EXPECT_DOUBLE_EQ(r.total.accuracy(), 0.75);
  ASSERT_EQ(r.sections.size(), 2u);
  EXPECT_EQ(r.sections[0].name, "family");
  EXPECT_EQ(r.sections[0].correct, 2u);
  EXPECT_EQ(r.sections[1].incorrect, 1u);
  // Only the first 4 words count: apple's question is skipped too.
  const AnalogyResult four = evaluate_word_analogies(royal_vectors(), file, 4);
  EXPECT_EQ(four.total.correct, 3u);
  EXPECT_EQ(four.total.incorrect, 0u);
  EXPECT_EQ(four.skipped, 2u);
  // Case-sensitive: the upper-case question is skipped.
  EXPECT_EQ(evaluate_word_analogies(royal_vectors(), file, 300000, false).skipped, 2u);
}

TEST(WordVectorEval, WordPairSpearmanWithTiesAndCrlf) {
  test::ScratchDir scratch;
  const std::string file = scratch.write("pairs.txt",
      "# word1\tword2\tscore\r\nking\tqueen\t8\r\nman\twoman\t7.5\r\nking\tapple\t1\r\nMan\tKing\t5\r\nzebra\tking\t3\r\n");
  const WordPairResult r = evaluate_word_pairs(royal_vectors(), file);
  // Cosines 0, 0, 0, 0.5 -> ranks 2, 2, 2, 4; scores -> ranks 4, 3, 1, 2; Pearson of the ranks
  // = -1 / sqrt(3 * 5).
  EXPECT_NEAR(r.spearman, -1.0 / std::sqrt(15.0), 1e-12);
  EXPECT_EQ(r.pairs, 4u);
  EXPECT_EQ(r.skipped, 1u);
  EXPECT_DOUBLE_EQ(r.oov_percent(), 20.0);
  EXPECT_THROW(evaluate_word_pairs(royal_vectors(), scratch.write("bad.txt", "king\tqueen\thigh\n")), InputError);
}

TEST(WordVectorEval, SpearmanOfKnownSequences) {
  EXPECT_DOUBLE_EQ(spearman_correlation({1, 2, 3, 4}, {10, 20, 30, 400}), 1.0);
  EXPECT_DOUBLE_EQ(spearman_correlation({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
  // d = (0, 1, -1): 1 - 6 * 2 / (3 * 8) = 0.5
  EXPECT_NEAR(spearman_correlation({1, 2, 3}, {1, 3, 2}), 0.5, 1e-12);
}

TEST(WordVectorEval, TheSharedSetsLoad) {
  const auto shared = test::shared_dir();
  if (!shared) GTEST_SKIP() << "../shared is absent";
  const auto dir = *shared / "data" / "wordvec_eval";
  if (!std::filesystem::exists(dir / "questions-words.txt")) GTEST_SKIP() << "no wordvec_eval data";
  const AnalogyResult r = evaluate_word_analogies(royal_vectors(), (dir / "questions-words.txt").string());
  EXPECT_EQ(r.questions(), 19544u);
  const WordPairResult p = evaluate_word_pairs(royal_vectors(), (dir / "EN-WS-353-ALL.txt").string());
  EXPECT_EQ(p.pairs + p.skipped, 353u);
}

}  // namespace
}  // namespace topica
