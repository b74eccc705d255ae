#include "topica/corpus_stats.hpp"

#include <gtest/gtest.h>

namespace topica {
namespace {

TEST(LengthHistogram, PercentilesMatchNumpyLinear) {
  // numpy.percentile([3, 1, 4, 1, 5, 9, 2, 6, 100000], q) for q = 0, 25, 50, 90, 99, 100
  LengthHistogram h;
  for (std::uint64_t v : {3, 1, 4, 1, 5, 9, 2, 6, 100000}) h.add(v);
  EXPECT_DOUBLE_EQ(h.percentile(0), 1.0);
  EXPECT_DOUBLE_EQ(h.percentile(25), 2.0);
  EXPECT_DOUBLE_EQ(h.percentile(50), 4.0);
  EXPECT_NEAR(h.percentile(90), 20007.2, 1e-9);
  EXPECT_NEAR(h.percentile(99), 92000.72, 1e-7);
  EXPECT_DOUBLE_EQ(h.percentile(100), 100000.0);
  EXPECT_NEAR(h.mean(), 100031.0 / 9.0, 1e-9);
}

TEST(LengthHistogram, EmptyIsZero) {
  LengthHistogram h;
  EXPECT_EQ(h.percentile(50), 0.0);
  EXPECT_EQ(h.mean(), 0.0);
}

TEST(CorpusStats, CountsCharactersTokensAndScripts) {
  CorpusStatsBuilder b;
  b.add(0, "로봇을 만든 교수는 Dennis");   // 8 Hangul, 6 Latin letters, 4 tokens
  b.add(1, "  \t ");                      // empty: white space only
  b.add(2, "Ωμέγα 123 é");                // 5 Greek (other), 1 Latin; digits are not letters
  const CorpusStats& s = b.stats();
  EXPECT_EQ(s.documents, 3u);
  EXPECT_EQ(s.empty_documents, 1u);
  EXPECT_EQ(s.first_empty_rows, std::vector<std::size_t>{1});
  EXPECT_EQ(s.whitespace_tokens, 7u);
  EXPECT_EQ(s.hangul_letters, 8u);
  EXPECT_EQ(s.latin_letters, 7u);
  EXPECT_EQ(s.other_letters, 5u);
  EXPECT_EQ(s.letters, 20u);
  EXPECT_EQ(s.characters, 17u + 4u + 11u);
  EXPECT_EQ(s.bytes, 54u);  // len(text.encode()) summed in Python
}

TEST(CorpusStats, UnicodeSpacesSplitTokensLikePythonSplit) {
  CorpusStatsBuilder b;
  b.add(0, "a\u3000b\u00a0c\x1f" "d\u200be");  // ideographic space, NBSP and 0x1F split; ZWSP does not
  EXPECT_EQ(b.stats().whitespace_tokens, 4u);
}

}  // namespace
}  // namespace topica
