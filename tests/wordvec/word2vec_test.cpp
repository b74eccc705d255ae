// Word2Vec training on corpora whose structure is known, its determinism, and its parts (Huffman
// tree, negative sampler, subsampling) against values computed here.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "support/test_support.hpp"
#include "topica/error.hpp"
#include "topica/random.hpp"
#include "topica/word2vec.hpp"
#include "topica/word_vector_tools.hpp"
#include "wordvec/hogwild.hpp"
#include "wordvec/huffman_tree.hpp"
#include "wordvec/negative_sampler.hpp"

namespace topica {
namespace {

// Documents that use the words of one group only: "a0".."a9" or "b0".."b9".
TrainingCorpus two_group_corpus(std::size_t documents, std::uint64_t seed) {
  Random random(seed);
  TrainingCorpusBuilder builder;
  for (std::size_t d = 0; d < documents; ++d) {
    const char group = d % 2 == 0 ? 'a' : 'b';
    std::vector<std::string> doc;
    for (int t = 0; t < 20; ++t) doc.push_back(std::string(1, group) + std::to_string(random.below(10)));
    builder.add_document(doc);
  }
  return builder.finish(1);
}

// Mean cosine of pairs within a group minus the mean across the groups.
double group_separation(const WordVectors& v) {
  double within = 0, across = 0;
  int nw = 0, na = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    for (std::size_t j = i + 1; j < v.size(); ++j) {
      const double c = cosine_similarity({v.vectors.row(i), v.vectors.row(i) + v.dimension()},
                                         {v.vectors.row(j), v.vectors.row(j) + v.dimension()});
      (v.words[i][0] == v.words[j][0] ? within : across) += c;
      ++(v.words[i][0] == v.words[j][0] ? nw : na);
    }
  }
  return within / nw - across / na;
}

Word2VecOptions small_options(Word2VecArch arch) {
  Word2VecOptions o;
  o.arch = arch;
  o.dim = 16;
  o.window = 3;
  o.epochs = 5;
  o.sample = 0;
  o.seed = 7;
  return o;
}

TEST(Word2Vec, LearnsTwoDisjointVocabulariesApart) {
  const TrainingCorpus corpus = two_group_corpus(test::kSanitized ? 100 : 400, 1);
  ASSERT_EQ(corpus.words.size(), 20u);
  for (Word2VecArch arch : {Word2VecArch::SkipGram, Word2VecArch::Cbow}) {
    for (bool hs : {false, true}) {
      Word2VecOptions o = small_options(arch);
      o.hierarchical_softmax = hs;
      o.negative = hs ? 0 : 5;
      const WordVectors v = train_word2vec(corpus, o);
      ASSERT_EQ(v.size(), 20u);
      EXPECT_GT(group_separation(v), 0.5) << (arch == Word2VecArch::Cbow ? "cbow" : "skipgram") << (hs ? " hs" : " ns");
    }
  }
}

TEST(Word2Vec, OneThreadAndASeedAreReproducible) {
  const TrainingCorpus corpus = two_group_corpus(60, 2);
  for (Word2VecArch arch : {Word2VecArch::SkipGram, Word2VecArch::Cbow}) {
    Word2VecOptions o = small_options(arch);
    o.sample = 1e-3;
    const WordVectors first = train_word2vec(corpus, o);
    EXPECT_EQ(first.vectors.values, train_word2vec(corpus, o).vectors.values);
    o.seed = 8;
    EXPECT_NE(first.vectors.values, train_word2vec(corpus, o).vectors.values);
  }
}

TEST(Word2Vec, SeveralThreadsStillLearn) {
  const TrainingCorpus corpus = two_group_corpus(test::kSanitized ? 100 : 400, 3);
  Word2VecOptions o = small_options(Word2VecArch::SkipGram);
  o.threads = 3;
  EXPECT_GT(group_separation(train_word2vec(corpus, o)), 0.5);
}

TEST(Word2Vec, ImpossibleOptionsAreRefused) {
  const TrainingCorpus corpus = two_group_corpus(4, 1);
  Word2VecOptions o = small_options(Word2VecArch::Cbow);
  o.negative = 0;
  EXPECT_THROW(train_word2vec(corpus, o), UsageError);
  o = small_options(Word2VecArch::Cbow);
  o.dim = 0;
  EXPECT_THROW(train_word2vec(corpus, o), UsageError);
  EXPECT_THROW(train_word2vec(TrainingCorpus(), small_options(Word2VecArch::Cbow)), UsageError);
}

TEST(TrainingCorpus, SortsByFrequencyAndDropsRareWords) {
  TrainingCorpusBuilder builder;
  builder.add_document({"b", "a", "c", "a", "b"});
  builder.add_document({});
  builder.add_document({"d", "a", "c"});
  const TrainingCorpus corpus = builder.finish(2);
  EXPECT_EQ(corpus.words, (std::vector<std::string>{"a", "b", "c"}));  // b and c tie at 2: first seen first
  EXPECT_EQ(corpus.counts, (std::vector<std::uint64_t>{3, 2, 2}));
  EXPECT_EQ(corpus.tokens, (std::vector<std::uint32_t>{1, 0, 2, 0, 1, 0, 2}));  // "d" dropped
  EXPECT_EQ(corpus.document_ends, (std::vector<std::size_t>{5, 5, 7}));
  EXPECT_EQ(corpus.corpus_tokens, 8u);
}

TEST(HuffmanTree, CodesArePrefixFreeWithHuffmanLengths) {
  // 5,3,1,1: merge 1+1, then 2+3, then 5+5 -> lengths 1, 2, 3, 3.
  const wordvec::HuffmanTree tree({5, 3, 1, 1});
  EXPECT_EQ(tree.inner_nodes(), 3u);
  const std::vector<std::size_t> lengths{1, 2, 3, 3};
  std::vector<std::string> codes;
  for (std::uint32_t w = 0; w < 4; ++w) {
    EXPECT_EQ(tree.codes(w).size(), lengths[w]);
    EXPECT_EQ(tree.points(w)[0], 2u);  // every path starts at the root, the last inner node
    std::string code;
    for (auto bit : tree.codes(w)) code += char('0' + bit);
    codes.push_back(code);
  }
  for (std::size_t i = 0; i < 4; ++i) {
    for (std::size_t j = 0; j < 4; ++j) {
      if (i != j) {
        EXPECT_NE(codes[j].rfind(codes[i], 0), 0u) << codes[i] << " prefixes " << codes[j];
      }
    }
  }
}

TEST(NegativeSampler, DrawsTheUnigramDistributionToThePowerThreeQuarters) {
  const std::vector<std::uint64_t> counts{1000, 200, 50, 7, 1};
  const wordvec::NegativeSampler sampler(counts);
  double total = 0;
  for (auto c : counts) total += std::pow(double(c), 0.75);
  std::vector<double> seen(counts.size());
  wordvec::FastRandom random(42);
  const int draws = 200000;
  for (int i = 0; i < draws; ++i) ++seen[sampler.draw(random)];
  for (std::uint32_t w = 0; w < counts.size(); ++w) {
    const double p = std::pow(double(counts[w]), 0.75) / total;
    EXPECT_NEAR(sampler.probability(w), p, 1e-6);
    EXPECT_NEAR(seen[w] / draws, p, 0.01);
  }
}

TEST(Subsampling, KeepsWordsWithWord2vecsProbability) {
  // total 1000, sample 1e-3: threshold 1; a word seen 100 times is kept with (sqrt(100)+1)/100.
  const auto keep = wordvec::keep_thresholds({100, 899, 1}, 1e-3);
  EXPECT_NEAR(double(keep[0]) / 4294967296.0, 0.11, 1e-9);
  EXPECT_NEAR(double(keep[1]) / 4294967296.0, (std::sqrt(899.0) + 1) / 899.0, 1e-9);
  EXPECT_EQ(keep[2], std::uint64_t{1} << 32);  // rare words are always kept
  EXPECT_EQ(wordvec::keep_thresholds({100}, 0)[0], std::uint64_t{1} << 32);
}

}  // namespace
}  // namespace topica
