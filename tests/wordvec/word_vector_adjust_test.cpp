// topica wordvec adjust: group members share one vector, missing members are added, everything
// else is untouched; and the command as a user runs it (with synonyms suggest --vectors).
#include "topica/word_vector_adjust.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "topica/error.hpp"
#include "topica/word_vector_files.hpp"

namespace topica {
namespace {

WordVectors table() {
  WordVectors v;
  v.words = {"prozac", "fluoxetine", "aspirin", "bandage"};
  v.vectors = Matrix<float>(4, 3);
  v.vectors.values = {1, 0, 2, 3, 4, 0, 5, 5, 5, -1, 2, 8};
  v.reindex();
  return v;
}

std::vector<float> row(const WordVectors& v, const std::string& word) {
  const auto r = v.find(word);
  EXPECT_TRUE(r.has_value()) << word;
  return r ? std::vector<float>(v.vectors.row(*r), v.vectors.row(*r) + v.dimension()) : std::vector<float>();
}

TEST(WordVectorAdjust, MembersShareTheCombinedVectorAndMissingOnesAreAdded) {
  WordVectors v = table();
  const auto groups = parse_synonym_groups("concept,word\nfluoxetine,prozac\nfluoxetine,fluoxetine\nfluoxetine,sarafem\n"
                                           "bandage,bandage\nbandage,band-aid\n", "groups.csv");
  const WordVectorAdjustment report = adjust_word_vectors(v, groups, CombineMethod::Mean, "groups.csv");
  EXPECT_EQ(report.groups, 2u);
  EXPECT_EQ(report.words_set, 3u);
  EXPECT_EQ(report.words_added, 2u);
  EXPECT_EQ(row(v, "prozac"), (std::vector<float>{2, 2, 1}));  // mean of (1,0,2) and (3,4,0)
  EXPECT_EQ(row(v, "fluoxetine"), row(v, "prozac"));
  EXPECT_EQ(row(v, "sarafem"), row(v, "prozac"));
  EXPECT_EQ(row(v, "band-aid"), (std::vector<float>{-1, 2, 8}));
  EXPECT_EQ(row(v, "aspirin"), (std::vector<float>{5, 5, 5}));  // in no group: untouched
  EXPECT_EQ(v.size(), 6u);
  EXPECT_EQ(v.vectors.rows, 6u);

  WordVectors m = table();
  adjust_word_vectors(m, groups, CombineMethod::Max, "groups.csv");
  EXPECT_EQ(row(m, "fluoxetine"), (std::vector<float>{3, 4, 2}));
}

TEST(WordVectorAdjust, AGroupWithNoWordInTheVectorsIsAnErrorNamingIt) {
  WordVectors v = table();
  const auto groups = parse_synonym_groups("{\"plaster\": [\"plaster\", \"sticking-plaster\"]}", "g.json");
  try {
    adjust_word_vectors(v, groups, CombineMethod::Mean, "g.json");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("group 'plaster'"), std::string::npos) << e.what();
  }
}

TEST(WordVectorAdjust, TheCommandKeepsTheFormatAndSuggestWorksOnVectors) {
  test::ScratchDir dir;
  const std::string in = dir.file("in.txt");
  write_word_vectors(in, table(), VectorFileFormat::GloveText);
  const std::string groups = dir.write("groups.csv", "concept,word\nfluoxetine,prozac\nfluoxetine,fluoxetine\n");
  const auto r = test::run_cli({"wordvec", "adjust", in, "--synonyms", groups, "--output", dir.file("out.txt")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(detect_vector_file_format(dir.file("out.txt")), VectorFileFormat::GloveText);
  WordVectors out = read_word_vectors(dir.file("out.txt"));
  out.reindex();
  EXPECT_EQ(row(out, "prozac"), row(out, "fluoxetine"));
  EXPECT_EQ(row(out, "aspirin"), (std::vector<float>{5, 5, 5}));

  const std::string words = dir.write("words.txt", "prozac\nfluoxetine\naspirin\n");
  const auto s = test::run_cli({"synonyms", "suggest", "--vectors", dir.file("out.txt"), "--words", words,
                                "--min-similarity", "0.99"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NE(s.out.find("prozac,fluoxetine"), std::string::npos) << s.out;  // cosine 1 after adjust
  EXPECT_EQ(s.out.find("aspirin"), std::string::npos) << s.out;
  const auto neither = test::run_cli({"synonyms", "suggest", "--words", words});
  EXPECT_EQ(neither.exit_code, 2);
  EXPECT_NE(neither.err.find("--model"), std::string::npos) << neither.err;
}

}  // namespace
}  // namespace topica
