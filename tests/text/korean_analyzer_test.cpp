// The Korean analyzer against the gold set written for it (tests/fixtures/korean/README.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "topica/korean_analyzer.hpp"
#include "topica/text_normalizer.hpp"

namespace topica {
namespace {

struct GoldWord {
  std::string surface, content;
};

std::vector<std::string> lines_of(const std::string& name) {
  std::ifstream in(std::string(TOPICA_SOURCE_DIR) + "/tests/fixtures/korean/" + name);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.front() != '#') lines.push_back(line);
  }
  return lines;
}

GoldWord parse(const std::string& marked) {
  GoldWord w;
  const auto equals = marked.find('=');
  const std::string left = marked.substr(0, equals);
  for (char c : left) {
    if (c != '+') w.surface += c;
  }
  w.content = equals != std::string::npos ? marked.substr(equals + 1) : left.substr(0, left.find('+'));
  return w;
}

struct Gold {
  std::vector<std::string> sentences;
  std::vector<GoldWord> words;
};

Gold gold() {
  Gold g;
  for (const char* file : {"gold_news.txt", "gold_reviews.txt", "gold_dialogue.txt"}) {
    for (const std::string& line : lines_of(file)) {
      std::string sentence;
      std::size_t start = 0;
      while (start < line.size()) {
        std::size_t end = line.find(' ', start);
        if (end == std::string::npos) end = line.size();
        if (end > start) {
          g.words.push_back(parse(line.substr(start, end - start)));
          sentence += (sentence.empty() ? "" : " ") + g.words.back().surface;
        }
        start = end + 1;
      }
      g.sentences.push_back(sentence);
    }
  }
  return g;
}

TEST(KoreanAnalyzer, GoldSetEojeolAccuracyIsAtLeast95Percent) {
  const Gold g = gold();
  ASSERT_GE(g.sentences.size(), 300u);
  // The analyzer learns its noun scores from the corpus it is given: here, the gold sentences.
  const KoreanAnalyzer analyzer(learn_korean_lexicon(g.sentences), {});
  std::size_t right = 0;
  std::string wrong;
  for (const GoldWord& w : g.words) {
    const std::string got = analyzer.content(w.surface);
    if (got == w.content) ++right;
    else wrong += w.surface + "→" + got + " (gold " + w.content + ")  ";
  }
  const double accuracy = static_cast<double>(right) / static_cast<double>(g.words.size());
  RecordProperty("eojeol_accuracy", std::to_string(accuracy));
  std::printf("Korean gold set: %zu / %zu eojeols right (%.2f%%)\n", right, g.words.size(), 100 * accuracy);
  EXPECT_GE(accuracy, 0.95) << wrong;
}

TEST(KoreanAnalyzer, UnseenNamesAndLoanwordsStayWhole) {
  const Gold g = gold();
  const auto names_list = lines_of("names.txt");
  const std::set<std::string> names(names_list.begin(), names_list.end());
  ASSERT_GE(names.size(), 25u);
  // The corpus's evidence keeps them whole (파블로는 alone could be 파블 + 로는).
  const KoreanAnalyzer analyzer(learn_korean_lexicon(g.sentences), {});
  std::size_t checked = 0;
  for (const GoldWord& w : g.words) {
    if (!names.contains(w.content)) continue;
    ++checked;
    EXPECT_EQ(analyzer.content(w.surface), w.content) << w.surface;
  }
  EXPECT_GE(checked, 40u);
}

TEST(KoreanAnalyzer, SplitsParticlesAndReducesPredicatesWithoutCorpus) {
  const KoreanAnalyzer analyzer({}, {});
  std::vector<std::string> tokens;
  analyzer.tokenize("데니스 교수는 서울에서 로봇을 만들었다고 말했다. 집이, AI가 3명이 발표했다", tokens);
  EXPECT_EQ(tokens, (std::vector<std::string>{"데니스", "교수", "서울", "로봇", "만들", "말하", "집", "ai", "명", "발표"}));
}

TEST(KoreanAnalyzer, CorpusStatisticsKeepNounsThatEndLikeParticles) {
  // 어린이 ends in 이; the corpus shows it with several particles, so it is a noun.
  const std::vector<std::string> corpus{"어린이가 웃었다", "어린이는 놀았다", "어린이를 만났다", "어린이 공원", "어린이의 꿈"};
  const KoreanAnalyzer with_corpus(learn_korean_lexicon(corpus), {});
  EXPECT_EQ(with_corpus.content("어린이"), "어린이");
  EXPECT_EQ(with_corpus.content("어린이가"), "어린이");
  const KoreanAnalyzer without({}, {});
  EXPECT_EQ(without.content("어린이가"), "어린이");
}

TEST(KoreanAnalyzer, UserDictionaryForcesWords) {
  const std::vector<std::string> user{"정상회", "사이다"};
  const KoreanAnalyzer analyzer({}, user);
  EXPECT_EQ(analyzer.content("사이다"), "사이다");
  EXPECT_EQ(analyzer.content("사이다를"), "사이다");
  EXPECT_EQ(analyzer.content("정상회의"), "정상회");  // forced, even where the built-in list says otherwise
  EXPECT_EQ(KoreanAnalyzer({}, {}).content("정상회의"), "정상회의");
}

TEST(KoreanAnalyzer, BadInputNeverCrashes) {
  const KoreanAnalyzer analyzer({{"로봇", 1.0f}}, {});
  // NFD: the same tokens as NFC.
  const std::string decomposed = "\xE1\x84\x85\xE1\x85\xA9\xE1\x84\x87\xE1\x85\xA9\xE1\x86\xBA\xE1\x84\x8B\xE1\x85\xB3\xE1\x86\xAF";
  std::vector<std::string> a, b;
  analyzer.tokenize(decomposed, a);
  analyzer.tokenize("로봇을", b);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, std::vector<std::string>{"로봇"});
  std::vector<std::string> tokens;
  analyzer.tokenize("ㅋㅋㅋ ㅠㅠ 진짜 ㄱㅅ", tokens);                    // compatibility jamo
  analyzer.tokenize("東京で会議 Paris에서 로봇을 ไทย 😀 \x01\xFF\xFE", tokens);  // mixed scripts, bad bytes
  analyzer.tokenize("", tokens);
  analyzer.tokenize("\n\n   \t", tokens);
  std::string long_eojeol;
  for (int i = 0; i < 1500; ++i) long_eojeol += "가나다";
  const std::size_t before = tokens.size();
  analyzer.tokenize(long_eojeol + "를", tokens);
  ASSERT_EQ(tokens.size(), before + 1);
  EXPECT_EQ(tokens.back(), long_eojeol + "를");  // far longer than any word: kept as it is
  EXPECT_NE(std::find(tokens.begin(), tokens.end(), "ㅋㅋㅋ"), tokens.end());
  EXPECT_NE(std::find(tokens.begin(), tokens.end(), "paris"), tokens.end());
}

}  // namespace
}  // namespace topica
