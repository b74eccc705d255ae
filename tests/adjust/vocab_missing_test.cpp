// vocab missing with the real KR-BERT tokenizer: which words are one token, and the corpus counts.
#include "topica/vocab_missing.hpp"

#include <gtest/gtest.h>

#include "adjust/kr_bert_model.hpp"
#include "topica/analyzer.hpp"

namespace topica {
namespace {

TEST(VocabMissing, CountsAnalyzerWordsAcrossBatchesAndThreads) {
  test::ScratchDir dir;
  std::string text;
  std::vector<std::string> lines;
  for (int i = 0; i < 300; ++i) lines.insert(lines.end(), {"손가락에 대일밴드를 붙였다", "반창고를 샀다  대일밴드"});
  for (const auto& line : lines) text += line + "\n";
  CorpusOptions corpus;
  corpus.path = dir.write("docs.txt", text);
  WordCountOptions options;
  options.language = "ko";
  options.user_words = {"대일밴드"};
  options.threads = 1;
  const auto one = count_corpus_words(corpus, options);
  options.threads = 2;
  const auto two = count_corpus_words(corpus, options);
  ASSERT_EQ(one.size(), two.size());
  std::map<std::string, std::uint64_t> counts;
  for (std::size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].word, two[i].word);
    EXPECT_EQ(one[i].count, two[i].count);
    counts[one[i].word] = one[i].count;
  }
  EXPECT_EQ(counts.at("대일밴드"), 600u);  // 대일밴드를 and 대일밴드: particles split off
  EXPECT_EQ(counts.at("반창고"), 300u);
  // The same words as analyzing each document whole.
  const auto analyzer = make_analyzer(choose_analyzer("ko", lines, {"대일밴드"}));
  std::vector<std::string> words;
  for (const auto& line : lines) analyzer->tokenize(line, words);
  std::map<std::string, std::uint64_t> direct;
  for (const auto& w : words) ++direct[w];
  EXPECT_EQ(counts, direct);
}

TEST(VocabMissing, WordsTheKrBertTokenizerSplitsWithTheirPieces) {
  const auto dir = test::kr_bert_tokenizer_dir();
  if (!dir) GTEST_SKIP() << "../shared/reference/tokenizers is absent";
  const Tokenizer tokenizer = Tokenizer::load(*dir / "tokenizer.json");
  const std::vector<WordCount> counts = {{"대일밴드", 9}, {"약", 7}, {"반창고", 5}, {"𝄞", 2}, {"의약품", 1}};
  EXPECT_TRUE(is_single_token(tokenizer, "약"));
  EXPECT_FALSE(is_single_token(tokenizer, "𝄞"));  // [UNK] is special: not present
  const auto missing = find_missing_words(counts, tokenizer, 2, 2);
  std::vector<std::string> words;
  for (const auto& m : missing) {
    words.push_back(m.word);
    EXPECT_EQ(tokenizer.encode(m.word, false).tokens, m.tokens);
  }
  // 의약품 is below --min-count; 약 is one token.
  EXPECT_EQ(words, (std::vector<std::string>{"대일밴드", "반창고", "𝄞"}));
  EXPECT_EQ(missing.back().tokens, std::vector<std::string>{"[UNK]"});
}

}  // namespace
}  // namespace topica
