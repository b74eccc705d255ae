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

TEST(KoreanAnalyzer, OneReadSegmentationGivesTheAnalyzersWords) {
  // segment_korean learns the lexicon in the pass that splits the documents: its words must be
  // those of learn_korean_lexicon + tokenize, on the gold sentences and on awkward lines (NFD,
  // Latin / digit runs with particles, other scripts, empty lines, an eojeol too long to analyse).
  std::vector<std::string> corpus = gold().sentences;
  std::string long_eojeol;
  for (int i = 0; i < 50; ++i) long_eojeol += "가나";
  corpus.insert(corpus.end(), {"", "AI가 3명이 Paris에서 東京で会議 로봇을", "\xE1\x84\x85\xE1\x85\xA9\xE1\x84\x87\xE1\x85\xA9\xE1\x86\xBA\xE1\x84\x8B\xE1\x85\xB3\xE1\x86\xAF",
                               long_eojeol + "를 ㅋㅋ 😀 \x01\xFF", "   "});
  const std::vector<std::string> user{"정상회"};
  const KoreanAnalyzer analyzer(learn_korean_lexicon(corpus), user);
  std::vector<std::string> lines;
  segment_korean(corpus, user, [&](std::string_view words) { lines.emplace_back(words); });
  ASSERT_EQ(lines.size(), corpus.size());
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    std::vector<std::string> tokens;
    analyzer.tokenize(corpus[i], tokens);
    std::string expected;
    for (const std::string& t : tokens) expected += (expected.empty() ? "" : " ") + t;
    EXPECT_EQ(lines[i], expected) << corpus[i];
  }
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

TEST(KoreanAnalyzer, OneSyllableNounsSeenAloneSplitFromTheirParticles) {
  // 대 and 패 stand alone in the corpus (after numbers, as counters): 대보다, 패로 are the noun and
  // a particle, though countless words start with 대 (대통령, 대한). 대가 is seen with particles of
  // its own, so it stays a word.
  const std::vector<std::string> corpus{"20대 국회는 19대보다 나아야", "3대 도시", "4승 2패로 마무리", "1패 뒤",
                                        "대통령이 대한 대표를 만났다", "대통령은 대회에서", "대가를 치렀다", "대가는 컸다",
                                        "대가가 크다", "8패가 됐다"};
  const KoreanAnalyzer analyzer(learn_korean_lexicon(corpus), {});
  EXPECT_EQ(analyzer.content("대보다"), "대");
  EXPECT_EQ(analyzer.content("패로"), "패");
  EXPECT_EQ(analyzer.content("대가"), "대가");
  EXPECT_EQ(analyzer.content("대통령이"), "대통령");
  // Without the corpus there is no evidence: kept whole.
  EXPECT_EQ(KoreanAnalyzer({}, {}).content("대보다"), "대보다");
}

TEST(KoreanAnalyzer, NounPlusIWithOnlyTheNounsParticlesIsNotAWord) {
  // 남편이, 남편이나, 남편이랑 make 남편이 look like a noun with particles of its own, but 이나 and 이랑
  // are 남편's particles: 남편이 has no evidence of its own. 어린이 has (어린이가, 어린이는).
  const std::vector<std::string> corpus{"남편이 왔다", "남편이 갔다", "남편이나 나나", "남편이랑 갔다", "남편을 만났다",
                                        "남편은 잔다", "남편의 차", "어린 아이", "어린 시절", "어린이가 웃었다",
                                        "어린이는 놀았다", "어린이 공원"};
  const KoreanAnalyzer analyzer(learn_korean_lexicon(corpus), {});
  EXPECT_EQ(analyzer.content("남편이"), "남편");
  EXPECT_EQ(analyzer.content("남편이랑"), "남편");
  EXPECT_EQ(analyzer.content("어린이가"), "어린이");
  EXPECT_EQ(analyzer.content("어린이"), "어린이");
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
