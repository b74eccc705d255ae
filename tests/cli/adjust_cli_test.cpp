// The embedding-adjustment verbs end to end through the real CLI: vocab missing, adjust (and the
// adjusted folder in topica embed), synonyms suggest, and fit --synonyms.
#include <gtest/gtest.h>

#include <filesystem>

#include "adjust/kr_bert_model.hpp"
#include "support/test_support.hpp"
#include "topica/synonym_groups.hpp"

namespace topica {
namespace {

namespace fs = std::filesystem;
using test::run_cli;
using test::ScratchDir;

#define REQUIRE_KR_BERT()                                                                   \
  if (!test::kr_bert_tokenizer_dir()) GTEST_SKIP() << "../shared/reference/tokenizers is absent"

std::string korean_corpus(const ScratchDir& dir) {
  std::string text;
  for (int i = 0; i < 6; ++i) text += "손가락을 베어서 대일밴드를 붙였다\n";
  for (int i = 0; i < 6; ++i) text += "약국에서 반창고를 샀다\n";
  for (int i = 0; i < 12; ++i) text += "오늘 경기에서 축구 대표팀이 이겼다\n";
  return dir.write("docs.txt", text);
}

TEST(AdjustCli, VocabMissingListsSplitWordsWithCounts) {
  REQUIRE_KR_BERT();
  ScratchDir dir;
  test::write_kr_bert_model(dir.path() / "kr");
  const auto r = run_cli({"vocab", "missing", "--model", dir.file("kr"), "--corpus", korean_corpus(dir), "--language", "ko",
                          "--user-dict", dir.write("user.txt", "대일밴드\n반창고\n"), "--min-count", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("word,count,tokens\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\n대일밴드,6,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n반창고,6,"), std::string::npos) << r.out;
  const auto json = run_cli({"vocab", "missing", "--model", dir.file("kr"), "--corpus", dir.file("docs.txt"), "--language",
                             "ko", "--format", "json", "--top", "1", "--output", dir.file("missing.json")});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto rows = nlohmann::json::parse(test::read_file(dir.file("missing.json")));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_GT(rows[0]["tokens"].size(), 1u);
  const auto bad = run_cli({"vocab", "missing", "--model", dir.file("nowhere"), "--corpus", dir.file("docs.txt")});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("nowhere"), std::string::npos) << bad.err;
}

TEST(AdjustCli, AdjustWritesAModelThatEmbedLoads) {
  REQUIRE_KR_BERT();
  ScratchDir dir;
  test::write_kr_bert_model(dir.path() / "kr");
  const auto groups = dir.write("groups.csv", "concept,word,weight\n반창고,반창고,2\n반창고,대일밴드,1\n");
  const auto r = run_cli({"adjust", "--model", dir.file("kr"), "--synonyms", groups, "--out", dir.file("new"), "--method",
                          "weighted", "--source", "contextual"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("vocabulary 16424 -> 16426"), std::string::npos) << r.err;
  const auto docs = dir.write("two.txt", "반창고\n대일밴드\n");
  const auto embed = run_cli({"embed", "--model", dir.file("new"), "--corpus", docs, "--output", dir.file("e.npy")});
  ASSERT_EQ(embed.exit_code, 0) << embed.err;
  EXPECT_TRUE(fs::exists(dir.file("e.npy")));

  // Exists without --force: a usage error, the folder untouched.
  const auto again = run_cli({"adjust", "--model", dir.file("kr"), "--synonyms", groups, "--out", dir.file("new")});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("use --force"), std::string::npos) << again.err;
  EXPECT_EQ(run_cli({"adjust", "--model", dir.file("kr"), "--synonyms", groups, "--out", dir.file("new"), "--force"}).exit_code, 0);
  const auto same = run_cli({"adjust", "--model", dir.file("kr"), "--synonyms", groups, "--out", dir.file("kr"), "--force"});
  EXPECT_EQ(same.exit_code, 2);
  EXPECT_NE(same.err.find("is the input model folder"), std::string::npos) << same.err;
}

TEST(AdjustCli, BadGroupFilesGiveOneLineErrorsNamingFileAndGroup) {
  REQUIRE_KR_BERT();
  ScratchDir dir;
  test::write_kr_bert_model(dir.path() / "kr");
  const auto run = [&](const std::string& name, const std::string& text) {
    return run_cli({"adjust", "--model", dir.file("kr"), "--synonyms", dir.write(name, text), "--out", dir.file("out")});
  };
  const auto one = run("one.json", R"({"반창고": ["대일밴드"]})");
  EXPECT_EQ(one.exit_code, 1);
  EXPECT_EQ(one.err, "topica: error: " + dir.file("one.json") + ": group '반창고' has 1 word; a group needs two or more\n");
  const auto two = run("two.csv", "concept,word\na,반창고\na,약\nb,반창고\nb,의약품\n");
  EXPECT_EQ(two.err, "topica: error: " + dir.file("two.csv") + ": '반창고' is in two groups: group 'a' (line 2) and group 'b' (line 4)\n");
  const auto empty = run("empty.csv", "");
  EXPECT_EQ(empty.err, "topica: error: " + dir.file("empty.csv") + ": no synonym groups (the file is empty)\n");
  const auto broken = run("broken.json", "{\"a\": [\"x\"");
  EXPECT_EQ(broken.err.rfind("topica: error: " + dir.file("broken.json") + ": not valid JSON", 0), 0u) << broken.err;
  EXPECT_FALSE(fs::exists(dir.file("out")));
}

TEST(AdjustCli, SynonymsSuggestWritesEditableGroups) {
  REQUIRE_KR_BERT();
  ScratchDir dir;
  test::write_kr_bert_model(dir.path() / "kr");
  const auto words = dir.write("words.txt", "# candidates\n반창고\n대일밴드\n약\n의약품\n치료제\n");
  const auto r = run_cli({"synonyms", "suggest", "--model", dir.file("kr"), "--words", words, "--top", "1",
                          "--min-similarity", "-1", "--output", dir.file("groups.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = test::read_file(dir.file("groups.csv"));
  EXPECT_EQ(csv.rfind("concept,word,weight\n", 0), 0u);
  // Five words, --top 1, every cosine accepted: two groups of two, and valid GROUPS input.
  const auto groups = parse_synonym_groups(csv, "groups.csv");
  ASSERT_EQ(groups.size(), 2u);
  for (const auto& g : groups) {
    EXPECT_EQ(g.words.size(), 2u);
    EXPECT_EQ(g.words[0], g.name);
  }
  const auto none = run_cli({"synonyms", "suggest", "--model", dir.file("kr"), "--words", words, "--min-similarity", "1.01"});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(none.out, "concept,word,weight\n");
}

TEST(AdjustCli, FitSynonymsCountsMembersAsTheirConcept) {
  ScratchDir dir;
  const auto docs = korean_corpus(dir);
  std::string labels = "row,label\n";
  for (int i = 0; i < 24; ++i) labels += std::to_string(i) + "," + (i < 12 ? "0" : "1") + "\n";
  const auto groups = dir.write("groups.json", R"({"반창고": ["반창고", "대일밴드"]})");
  const auto r = run_cli({"fit", "--corpus", docs, "--labels", dir.write("labels.csv", labels), "--language", "ko",
                          "--synonyms", groups, "--out", dir.file("model")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string vocabulary = test::read_file(dir.file("model/vocabulary.txt"));
  EXPECT_NE(vocabulary.find("반창고\n"), std::string::npos) << vocabulary;
  EXPECT_EQ(vocabulary.find("대일밴드"), std::string::npos) << vocabulary;
  // Topic 0's first word: 반창고, counted 12 times (6 + 6), above every other word of the topic.
  const auto topics = nlohmann::json::parse(test::read_file(dir.file("model/topics.json")));
  EXPECT_NE(topics.dump().find("반창고"), std::string::npos);
  EXPECT_NE(r.out.find("0_반창고_"), std::string::npos) << r.out;
  // The mapping is saved with the model, so transform / update count the same way.
  bool saved = false;
  for (const auto& entry : fs::directory_iterator(dir.file("model"))) {
    if (entry.path().extension() == ".json" && test::read_file(entry.path().string()).find("\"concepts\"") != std::string::npos) saved = true;
  }
  EXPECT_TRUE(saved);
}

}  // namespace
}  // namespace topica
