// `topica fit` as a user runs it.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "support/test_support.hpp"

namespace topica {
namespace {

using test::run_cli;
using test::ScratchDir;

std::string corpus_of(const ScratchDir& dir) {
  std::string text;
  for (int i = 0; i < 12; ++i) text += "cats purr and cats sleep on the warm mat number " + std::to_string(i) + "\n";
  for (int i = 0; i < 12; ++i) text += "dogs bark at the postman and dogs fetch sticks " + std::to_string(i) + "\n";
  return dir.write("docs.txt", text);
}

TEST(FitCli, LabelsGiveManualTopicsAndAReadableModelFolder) {
  ScratchDir dir;
  const auto docs = corpus_of(dir);
  std::string labels = "row,label\n";
  for (int i = 0; i < 24; ++i) labels += std::to_string(i) + "," + (i < 12 ? "7" : "3") + "\n";
  const auto out = dir.file("model");
  const auto r = run_cli({"fit", "--corpus", docs, "--labels", dir.write("labels.csv", labels), "--out", out,
                          "--stop-words", "english", "--embeddings-dims", "8"});
  // --embeddings-dims is not a flag: usage error, nothing written.
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(out));

  const auto ok = run_cli({"fit", "--corpus", docs, "--labels", dir.file("labels.csv"), "--out", out, "--stop-words", "english"});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("Representation"), std::string::npos);
  EXPECT_NE(ok.out.find("0_cats_"), std::string::npos) << ok.out;  // equal sizes: first seen is topic 0
  for (const char* f : {"config.json", "topics.json", "topics.csv", "documents.csv", "ctfidf.safetensors", "vocabulary.txt"}) {
    EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(out) / f)) << f;
  }
  const auto docs_csv = test::read_file(out + "/documents.csv");
  EXPECT_EQ(docs_csv.rfind("row,topic,probability\n0,0,", 0), 0u) << docs_csv.substr(0, 80);
  // The training texts stay with the model (topic operations recompute c-TF-IDF from them).
  const auto jsonl = test::read_file(out + "/documents.jsonl");
  EXPECT_EQ(std::count(jsonl.begin(), jsonl.end(), '\n'), 24);
  EXPECT_EQ(jsonl.rfind("\"" + test::read_file(docs).substr(0, 10), 0), 0u) << jsonl.substr(0, 80);
}

TEST(FitCli, BadInputIsAOneLineErrorWithoutAModelFolder) {
  ScratchDir dir;
  const auto docs = corpus_of(dir);
  const auto out = dir.file("model");
  // A labels file missing a row.
  auto r = run_cli({"fit", "--corpus", docs, "--labels", dir.write("short.txt", "0\n1\n"), "--out", out});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no label for row 2"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  // Embeddings whose row count differs from the corpus.
  const auto npy = dir.file("e.npy");
  ASSERT_EQ(test::run_shell("/usr/bin/python3 -c \"import numpy; numpy.save('" + npy + "', numpy.ones((5, 3), 'f4'))\"").exit_code, 0);
  r = run_cli({"fit", "--corpus", docs, "--embeddings", npy, "--out", out});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("5 rows but the corpus has 24 documents"), std::string::npos) << r.err;
  // An empty corpus, and one whose documents are all empty.
  r = run_cli({"fit", "--corpus", dir.write("empty.txt", ""), "--out", out});
  EXPECT_EQ(r.exit_code, 2);
  r = run_cli({"fit", "--corpus", dir.write("blank.txt", "\n\n\n"), "--out", out});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("every document is empty"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace topica
