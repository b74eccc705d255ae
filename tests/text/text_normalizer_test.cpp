// Normalization, language selection and Korean stop words.
#include <gtest/gtest.h>

#include "store/options_json.hpp"
#include "topica/analyzer.hpp"
#include "topica/error.hpp"
#include "topica/text_normalizer.hpp"
#include "topica/vectorizer.hpp"

namespace topica {
namespace {

// 한국 in NFD: conjoining jamo ㅎ ㅏ ㄴ ㄱ ㅜ ㄱ.
const std::string kHangukNfd = "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB\xE1\x84\x80\xE1\x85\xAE\xE1\x86\xA8";

TEST(TextNormalizer, ComposesNfdHangulAndCleansSpaces) {
  EXPECT_EQ(normalize_text(kHangukNfd + "어"), "한국어");
  EXPECT_EQ(normalize_text("  로봇\xC2\xA0을\t\t만든다\xE3\x80\x80\x01끝\xE2\x80\x8B  "), "로봇 을 만든다 끝");
  EXPECT_EQ(normalize_text("\xEF\xBC\xA1\xEF\xBC\x91"), "\xEF\xBC\xA1\xEF\xBC\x91");  // NFC keeps fullwidth Ａ１
  NormalizeOptions nfkc;
  nfkc.form = NormalForm::Nfkc;
  EXPECT_EQ(normalize_text("\xEF\xBC\xA1\xEF\xBC\x91 \xE3\x8E\x8F", nfkc), "A1 kg");  // Ａ１ ㎏
  // Compatibility jamo stay: NFKC would make ㅎ+ㅏ into 하.
  EXPECT_EQ(normalize_text("ㅎㅏ ㅋㅋ", nfkc), "ㅎㅏ ㅋㅋ");
  EXPECT_EQ(normalize_text("bad \xFF byte"), "bad \xEF\xBF\xBD byte");
}

TEST(TextNormalizer, CleanHangulKeepsHangulSpacesAndPeriods) {
  NormalizeOptions clean;
  clean.clean_hangul = true;
  EXPECT_EQ(normalize_text("AI가 3명을, 뽑았다!! 끝. ㅋㅋ 東京", clean), "가 명을 뽑았다 끝.");
  EXPECT_THROW(parse_normal_form("nfd", "--normalize"), UsageError);
}

TEST(Language, AutoPicksByScriptShare) {
  EXPECT_EQ(choose_analyzer("auto", {"로봇을 만든 교수는 말했다", "the robot"}).language, "ko");
  EXPECT_EQ(choose_analyzer("auto", {"the robot was built", "로봇"}).language, "none");
  EXPECT_EQ(choose_analyzer("auto", {"東京で会議が開かれた"}).language, "icu");
  EXPECT_EQ(choose_analyzer("auto", {"", "!!!"}).language, "none");
  EXPECT_EQ(choose_analyzer("en", {"로봇을 만든 교수는 말했다"}).language, "none");
  EXPECT_EQ(choose_analyzer("none", {"로봇을 만든 교수는 말했다"}).language, "none");
  const AnalyzerSettings ko = choose_analyzer("ko", {"로봇을 만들었다", "로봇이 왔다", "로봇 공장"}, {"로봇공장"});
  EXPECT_EQ(ko.language, "ko");
  EXPECT_EQ(ko.user_words, std::vector<std::string>{"로봇공장"});
  EXPECT_TRUE(ko.lexicon.contains("로봇"));
  EXPECT_THROW(choose_analyzer("fr", {"x"}), UsageError);
}

TEST(Language, NoneAndEnglishAreScikitLearnsAnalyzerExactly) {
  const std::string text = "Le café à Paris: 로봇을 만든 don't X-ray _id 12 Σίσυφος";
  std::vector<std::string> plain, chosen;
  RegexWordAnalyzer().tokenize(text, plain);
  make_analyzer(choose_analyzer("en", {text}))->tokenize(text, chosen);
  EXPECT_EQ(chosen, plain);
  std::vector<std::string> icu;
  IcuWordAnalyzer().tokenize("東京で会議が開かれた", icu);
  EXPECT_GE(icu.size(), 3u);
  EXPECT_EQ(icu.front(), "東京");
}

TEST(KoreanStopWords, ListedAndRemovedByTheVectorizer) {
  const auto& words = korean_stop_words();
  for (const char* w : {"것", "수", "등", "있", "있다", "말하"}) EXPECT_TRUE(words.contains(w)) << w;
  EXPECT_FALSE(words.contains("로봇"));
  VectorizerOptions options;
  options.stop_words = korean_stop_words();
  options.analyzer.language = "ko";
  CountVectorizer v(options);
  std::vector<std::string> terms;
  v.analyze("로봇을 만들 수 있다고 말했다 등", terms);
  EXPECT_EQ(terms, (std::vector<std::string>{"로봇", "만들"}));
}

TEST(KoreanStopWords, AnalyzerAndStopWordsSurviveTheModelOptions) {
  VectorizerOptions options;
  options.stop_words = korean_stop_words();
  options.analyzer = choose_analyzer("ko", {"로봇을 만들었다", "로봇이 왔다"}, {"정상회의"});
  const auto json = store::vectorizer_json(options);
  EXPECT_EQ(json["stop_words"], "korean");
  const VectorizerOptions back = store::vectorizer_from(json);
  EXPECT_EQ(back.stop_words, korean_stop_words());
  EXPECT_EQ(back.analyzer, options.analyzer);
  // A model saved before analyzers were chosen has no "analyzer": scikit-learn's, as before.
  auto old = store::vectorizer_json(VectorizerOptions{});
  EXPECT_FALSE(old.contains("analyzer"));
  EXPECT_EQ(store::vectorizer_from(old).analyzer.language, "none");
}

}  // namespace
}  // namespace topica
