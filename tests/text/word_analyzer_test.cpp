// The default analyzer against scikit-learn's own output (tests/fixtures/analyzer/README.md).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "topica/analyzer.hpp"
#include "topica/vectorizer.hpp"

namespace topica {
namespace {

nlohmann::json fixture() {
  std::ifstream in(std::string(TOPICA_SOURCE_DIR) + "/tests/fixtures/analyzer/sklearn_analyzer.json");
  return nlohmann::json::parse(in);
}

TEST(WordAnalyzer, MatchesScikitLearnOnTrickyText) {
  const RegexWordAnalyzer analyzer;
  const auto cases = fixture();  // named: a range-for over a temporary's member would dangle
  for (const auto& c : cases["default"]) {
    std::vector<std::string> tokens;
    analyzer.tokenize(c["text"].get<std::string>(), tokens);
    EXPECT_EQ(tokens, c["tokens"].get<std::vector<std::string>>()) << c["text"];
  }
}

TEST(WordAnalyzer, StopWordsAndNgramsMatchScikitLearn) {
  VectorizerOptions options;
  options.stop_words = english_stop_words();
  options.ngram_max = 3;
  const CountVectorizer vectorizer(options);
  const auto cases = fixture();
  for (const auto& c : cases["english_stop_ngram_1_3"]) {
    std::vector<std::string> terms;
    vectorizer.analyze(c["text"].get<std::string>(), terms);
    EXPECT_EQ(terms, c["tokens"].get<std::vector<std::string>>()) << c["text"];
  }
}

TEST(WordAnalyzer, EnglishStopWordsAreScikitLearns) {
  EXPECT_EQ(english_stop_words().size(), 318u);
  EXPECT_TRUE(english_stop_words().contains("the"));
  EXPECT_TRUE(english_stop_words().contains("whereupon"));
  EXPECT_FALSE(english_stop_words().contains("topic"));
}

TEST(WordAnalyzer, LowercaseIsPythons) {
  EXPECT_EQ(lowercase("ΟΔΟΣ"), "οδος");  // final sigma
  EXPECT_EQ(lowercase("ABC déF"), "abc déf");
  EXPECT_EQ(lowercase("한국어 Text"), "한국어 text");
}

}  // namespace
}  // namespace topica
