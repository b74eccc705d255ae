// GloVe: co-occurrence counts against counts worked out by hand and against a plain map, the
// loss going down, structure recovered from a corpus of two disjoint vocabularies, determinism.
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "topica/error.hpp"
#include "topica/glove.hpp"
#include "topica/random.hpp"

namespace topica {
namespace {

TokenSource from(const std::vector<std::vector<std::string>>& documents) {
  auto next = std::make_shared<std::size_t>(0);
  return [&documents, next](std::vector<std::string>& tokens) {
    if (*next == documents.size()) return false;
    tokens = documents[(*next)++];
    return true;
  };
}

std::map<std::pair<std::string, std::string>, float> named(const WordIdCorpus& corpus,
                                                           const std::vector<Cooccurrence>& cells) {
  std::map<std::pair<std::string, std::string>, float> out;
  for (const Cooccurrence& c : cells) out[{corpus.words[c.row], corpus.words[c.col]}] = c.count;
  return out;
}

// Worked by hand. Document 1 is "x y z x", document 2 "y x"; window 2 on each side, weight 1/d:
//   doc 1: (y,x) d1 -> 1, (z,y) d1 -> 1, (z,x) d2 -> 1/2, (x,z) d1 -> 1, (x,y) d2 -> 1/2
//   doc 2: (x,y) d1 -> 1.  The two x of document 1 are 3 apart: outside the window.
// X is symmetric: X[x][y] = 1 + 1/2 + 1 = 2.5, X[x][z] = 1/2 + 1 = 1.5, X[y][z] = 1.
TEST(GloveCooccurrence, MatchesCountsWorkedByHand) {
  const std::vector<std::vector<std::string>> docs{{"x", "y", "z", "x"}, {"y", "x"}};
  const WordIdCorpus corpus = build_word_id_corpus(from(docs), 1);
  ASSERT_EQ(corpus.words, (std::vector<std::string>{"x", "y", "z"}));  // by count: 3, 2, 1
  EXPECT_EQ(corpus.counts, (std::vector<std::uint64_t>{3, 2, 1}));
  const auto counts = named(corpus, count_cooccurrences(corpus, 2, 1));
  const std::map<std::pair<std::string, std::string>, float> expected{
      {{"x", "y"}, 2.5f}, {{"y", "x"}, 2.5f}, {{"x", "z"}, 1.5f}, {{"z", "x"}, 1.5f}, {{"y", "z"}, 1.0f}, {{"z", "y"}, 1.0f}};
  EXPECT_EQ(counts, expected);

  // Window 3 reaches the other x of document 1 (d = 3, both directions in the one cell), and
  // still never crosses into document 2.
  const auto wide = named(corpus, count_cooccurrences(corpus, 3, 1));
  EXPECT_FLOAT_EQ(wide.at({"x", "x"}), 2.0f / 3.0f);
  EXPECT_FLOAT_EQ(wide.at({"x", "y"}), 2.5f);
}

// min_count drops z before the windows are taken: document 1 becomes "x y x", whose two x are
// now 2 apart (1/2 in each direction) and whose (x,y) pairs are both at distance 1.
TEST(GloveCooccurrence, DroppedWordsCloseTheirGap) {
  const std::vector<std::vector<std::string>> docs{{"x", "y", "z", "x"}, {"y", "x"}};
  const WordIdCorpus corpus = build_word_id_corpus(from(docs), 2);
  ASSERT_EQ(corpus.words, (std::vector<std::string>{"x", "y"}));
  const auto counts = named(corpus, count_cooccurrences(corpus, 2, 1));
  EXPECT_FLOAT_EQ(counts.at({"x", "x"}), 1.0f);
  EXPECT_FLOAT_EQ(counts.at({"x", "y"}), 3.0f);
  EXPECT_FLOAT_EQ(counts.at({"y", "x"}), 3.0f);
  EXPECT_EQ(counts.count({"y", "y"}), 0u);
}

// A Zipf-like corpus with tiny memory limits, so that the dense table, the sparse batches and
// their merges all take part, for 1 and 3 threads, against a plain map.
TEST(GloveCooccurrence, DenseAndSparsePartsAgreeWithAPlainMap) {
  const std::size_t tokens = test::kSanitized ? 3000 : 20000, window = 4;
  Random random(7);
  std::vector<std::vector<std::string>> docs;
  for (std::size_t t = 0; t < tokens; ++t) {
    if (docs.empty() || random.below(30) == 0) docs.emplace_back();
    const double u = random.uniform();
    docs.back().push_back("w" + std::to_string(static_cast<int>(std::pow(400.0, u) - 1)));  // log-uniform ranks
  }
  const WordIdCorpus corpus = build_word_id_corpus(from(docs), 1);
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> expected;
  std::size_t begin = 0;
  for (std::size_t end : corpus.document_ends) {
    for (std::size_t i = begin; i < end; ++i) {
      for (std::size_t j = i > begin + window ? i - window : begin; j < i; ++j) {
        expected[{corpus.ids[i], corpus.ids[j]}] += 1.0 / static_cast<double>(i - j);
        expected[{corpus.ids[j], corpus.ids[i]}] += 1.0 / static_cast<double>(i - j);
      }
    }
    begin = end;
  }
  for (std::size_t threads : {1, 3}) {
    const std::vector<Cooccurrence> cells = count_cooccurrences(corpus, window, threads, {2000, 500});
    ASSERT_EQ(cells.size(), expected.size()) << threads << " threads";
    auto it = expected.begin();
    for (const Cooccurrence& c : cells) {  // sorted by (row, col), as the map
      ASSERT_EQ(c.row, it->first.first);
      ASSERT_EQ(c.col, it->first.second);
      ASSERT_NEAR(c.count, it->second, 1e-4 * it->second) << threads << " threads";
      ++it;
    }
  }
}

// Two vocabularies that never share a document: after training, words of one group are more
// alike (cosine) than words of different groups.
std::vector<std::vector<std::string>> two_topics(std::size_t documents) {
  Random random(11);
  std::vector<std::vector<std::string>> docs;
  for (std::size_t d = 0; d < documents; ++d) {
    const std::string group = d % 2 == 0 ? "a" : "b";
    docs.emplace_back();
    for (int t = 0; t < 12; ++t) docs.back().push_back(group + std::to_string(random.below(10)));
  }
  return docs;
}

double cosine(const WordVectors& v, std::size_t i, std::size_t j) {
  double dot = 0, ni = 0, nj = 0;
  for (std::size_t k = 0; k < v.dimension(); ++k) {
    dot += v.vectors(i, k) * v.vectors(j, k);
    ni += v.vectors(i, k) * v.vectors(i, k);
    nj += v.vectors(j, k) * v.vectors(j, k);
  }
  return dot / std::sqrt(ni * nj);
}

GloveOptions small_options() {
  GloveOptions o;
  o.dimension = 8;
  o.window = 4;
  o.min_count = 1;
  o.epochs = 40;
  o.threads = 1;
  o.x_max = 10;
  o.seed = 3;
  return o;
}

TEST(GloveTraining, LossDecreasesAndTwoVocabulariesSeparate) {
  const auto docs = two_topics(300);  // 100 documents are too few to separate the groups; 300 train in ms even sanitized
  GloveOptions o = small_options();
  std::vector<double> losses;
  o.on_epoch = [&](const GloveEpoch& e) { losses.push_back(e.loss); };
  const WordVectors v = train_glove(from(docs), o);
  ASSERT_EQ(losses.size(), o.epochs);
  EXPECT_LT(losses.back(), 0.25 * losses.front());
  for (std::size_t e = 5; e < losses.size(); ++e) EXPECT_LT(losses[e], losses[e - 5]) << "epoch " << e + 1;

  ASSERT_EQ(v.size(), 20u);
  double within = 0, across = 0;
  std::size_t n_within = 0, n_across = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    for (std::size_t j = i + 1; j < v.size(); ++j) {
      const double c = cosine(v, i, j);
      if (v.words[i][0] == v.words[j][0]) {
        within += c, ++n_within;
      } else {
        across += c, ++n_across;
      }
    }
  }
  within /= static_cast<double>(n_within);
  across /= static_cast<double>(n_across);
  EXPECT_GT(within, across + 0.5) << "within " << within << ", across " << across;
  EXPECT_TRUE(v.find("a3").has_value());
}

TEST(GloveTraining, OneThreadIsBitDeterministic) {
  const auto docs = two_topics(60);
  GloveOptions o = small_options();
  o.epochs = 5;
  const WordVectors first = train_glove(from(docs), o);
  const WordVectors second = train_glove(from(docs), o);
  EXPECT_EQ(first.words, second.words);
  EXPECT_EQ(first.vectors.values, second.vectors.values);
  o.seed = 4;
  EXPECT_NE(train_glove(from(docs), o).vectors.values, first.vectors.values);
}

TEST(GloveTraining, BadInputGivesClearErrors) {
  const std::vector<std::vector<std::string>> none;
  GloveOptions o = small_options();
  EXPECT_THROW(train_glove(from(none), o), InputError);
  const std::vector<std::vector<std::string>> singletons{{"lonely"}, {"words"}};
  EXPECT_THROW(train_glove(from(singletons), o), InputError);  // no pair shares a window
  o.min_count = 5;
  const std::vector<std::vector<std::string>> rare{{"a", "b"}};
  try {
    train_glove(from(rare), o);
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("min_count"), std::string::npos) << e.what();
  }
  o.min_count = 1;
  o.dimension = 0;
  EXPECT_THROW(train_glove(from(rare), o), UsageError);
}

}  // namespace
}  // namespace topica
