// `topica text segment` and `topica fit --language` as a user runs them.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "support/test_support.hpp"

namespace topica {
namespace {

using test::run_cli;
using test::ScratchDir;

TEST(TextSegmentCli, KoreanLinesInWordsOut) {
  const auto r = run_cli({"text", "segment", "--language", "ko"}, "데니스 교수는 로봇을 만들었다고 말했다\n\n서울에서 집을 샀다\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "데니스 교수 로봇 만들 말하\n\n서울 집 사\n");
  // The plain analyzer keeps the particles, and drops one-syllable words, as BERTopic does.
  const auto plain = run_cli({"text", "segment", "--language", "none"}, "교수는 집을 샀다\n");
  EXPECT_EQ(plain.out, "교수는 집을 샀다\n");
  EXPECT_EQ(run_cli({"text", "segment"}, "Cats, dogs & a Mouse\n").out, "cats dogs mouse\n");
}

TEST(TextSegmentCli, NormalizationCleaningAndUserDictionary) {
  ScratchDir dir;
  const auto input = dir.write("in.txt", "ＡＢＣ가 \xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB\xE1\x84\x80\xE1\x85\xAE\xE1\x86\xA8을 정상회의에서\r\n");
  const auto nfkc = run_cli({"text", "segment", input, "--language", "ko", "--normalize", "nfkc"});
  ASSERT_EQ(nfkc.exit_code, 0) << nfkc.err;
  EXPECT_EQ(nfkc.out, "abc 한국 정상회의\n");
  const auto clean = run_cli({"text", "segment", input, "--language", "ko", "--clean", "hangul"});
  EXPECT_EQ(clean.out, "가 한국 정상회의\n");  // ＡＢＣ is removed, so 가 stands alone
  // Without evidence 파블로는 reads as 파블 + 로는; the user dictionary keeps the name whole.
  const auto names = dir.write("names.txt", "파블로는 왔다\n");
  EXPECT_EQ(run_cli({"text", "segment", names, "--language", "ko"}).out, "파블 오\n");
  const auto dict = run_cli({"text", "segment", names, "--language", "ko", "--user-dict", dir.write("dict.txt", "# 사전\n파블로\n")});
  EXPECT_EQ(dict.out, "파블로 오\n");
}

TEST(TextSegmentCli, BadInputGivesOneLineErrorsOrWords) {
  ScratchDir dir;
  const auto missing = run_cli({"text", "segment", dir.file("absent.txt")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("absent.txt: cannot open"), std::string::npos) << missing.err;
  EXPECT_EQ(run_cli({"text", "segment", "--language", "fr"}, "x\n").exit_code, 2);
  const auto bad_dict = run_cli({"text", "segment", "--user-dict", dir.write("d.txt", "\xFF\n")}, "가\n");
  EXPECT_EQ(bad_dict.exit_code, 1);
  EXPECT_NE(bad_dict.err.find("d.txt: line 1: not UTF-8"), std::string::npos) << bad_dict.err;
  std::string long_line(4000 * 3, ' ');
  long_line.clear();
  for (int i = 0; i < 4000; ++i) long_line += "가";
  const auto r = run_cli({"text", "segment", "--language", "ko"},
                         "ㅋㅋㅋ 東京で 로봇을 \xFF\n\n" + long_line + "\n\xE1\x84\x92\xE1\x85\xA1\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 4);
}

std::string korean_corpus(const ScratchDir& dir, std::string& labels) {
  std::string text;
  labels = "row,label\n";
  const char* robots[] = {"로봇을", "로봇이", "로봇은", "로봇"};
  const char* markets[] = {"주가가", "주가를", "주식이", "증시는"};
  for (int i = 0; i < 24; ++i) {
    const bool robot = i % 2 == 0;
    if (robot) text += std::string("데니스 교수는 ") + robots[i % 4] + " 만들었다고 말했다 " + std::to_string(i) + "\n";
    else text += std::string("오늘 ") + markets[i % 4] + " 크게 올랐다고 전했다 " + std::to_string(i) + "\n";
    labels += std::to_string(i) + "," + (robot ? "0" : "1") + "\n";
  }
  return dir.write("docs.txt", text);
}

TEST(FitCli, LanguageKoSplitsParticlesAndIsSavedWithTheModel) {
  ScratchDir dir;
  std::string labels;
  const auto docs = korean_corpus(dir, labels);
  const auto labels_csv = dir.write("labels.csv", labels);
  const auto out = dir.file("ko");
  const auto r = run_cli({"fit", "--corpus", docs, "--labels", labels_csv, "--out", out, "--language", "ko", "--stop-words", "korean"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string vocabulary = test::read_file(out + "/vocabulary.txt");
  EXPECT_NE(vocabulary.find("로봇\n"), std::string::npos) << vocabulary;
  EXPECT_EQ(vocabulary.find("로봇을"), std::string::npos) << vocabulary;
  EXPECT_EQ(vocabulary.find("말하"), std::string::npos) << vocabulary;  // a stop word
  const auto config = nlohmann::json::parse(test::read_file(out + "/config.json"));
  EXPECT_EQ(config.dump().find("\"language\":\"ko\"") != std::string::npos, true);
  // Transform reads the analyzer back: a new sentence with another particle lands on the robots.
  const auto t = run_cli({"transform", out, "--corpus", dir.write("new.txt", "로봇의 교수는 데니스\n"), "--output", "-"});
  EXPECT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.out.find("0,0,"), std::string::npos) << t.out;

  // --language none: BERTopic's words, particles and all; auto picks ko for this corpus.
  const auto none = run_cli({"fit", "--corpus", docs, "--labels", labels_csv, "--out", dir.file("none"), "--language", "none"});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_NE(test::read_file(dir.file("none") + "/vocabulary.txt").find("로봇을\n"), std::string::npos);
  const auto automatic = run_cli({"fit", "--corpus", docs, "--labels", labels_csv, "--out", dir.file("auto")});
  EXPECT_NE(automatic.err.find("analyzer: ko"), std::string::npos) << automatic.err;
}

TEST(FitCli, EnglishTopicsUnchangedByLanguageEn) {
  ScratchDir dir;
  std::string text, labels = "row,label\n";
  for (int i = 0; i < 20; ++i) {
    text += i % 2 ? "Dogs bark at the postman, dogs fetch sticks\n" : "Cats purr; cats sleep on the warm mat\n";
    labels += std::to_string(i) + "," + std::to_string(i % 2) + "\n";
  }
  const auto docs = dir.write("docs.txt", text), labels_csv = dir.write("labels.csv", labels);
  std::string tables[3];
  const char* languages[] = {"en", "none", "auto"};
  for (int k = 0; k < 3; ++k) {
    const auto r = run_cli({"fit", "--corpus", docs, "--labels", labels_csv, "--out", dir.file(languages[k]), "--language", languages[k]});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    tables[k] = r.out;
    EXPECT_EQ(test::read_file(dir.file(languages[k]) + "/config.json").find("\"analyzer\""), std::string::npos);
  }
  EXPECT_NE(tables[0].find("cats"), std::string::npos);
  EXPECT_EQ(tables[0], tables[1]);
  EXPECT_EQ(tables[0], tables[2]);
}

}  // namespace
}  // namespace topica
