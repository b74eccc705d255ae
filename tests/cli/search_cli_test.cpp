// `topica search` and `topica embed --cache` as a user runs them, on the bert_mean fixture model
// (random weights: meaningless but deterministic embeddings). A query equal to a document must
// find that document first with cosine 1, in every output format and through either index.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace topica {
namespace {

using test::run_cli;
using test::ScratchDir;

std::string model_dir() { return std::string(TOPICA_SOURCE_DIR) + "/tests/fixtures/encoder/bert_mean"; }

std::vector<std::string> sentences() {
  std::ifstream in(std::string(TOPICA_SOURCE_DIR) + "/tests/fixtures/encoder/sentences.json");
  return nlohmann::json::parse(in).get<std::vector<std::string>>();
}

std::string corpus_of(const ScratchDir& dir) {
  std::string text;
  for (const std::string& s : sentences()) text += s + "\n";
  return dir.write("docs.txt", text);
}

// Embeds the fixture sentences into e.npy through the scratch cache.
std::string embed(const ScratchDir& dir, const std::string& docs) {
  const auto r = run_cli({"embed", "--model", model_dir(), "--corpus", docs, "--output", dir.file("e.npy"), "--cache",
                          dir.file("cache.sqlite")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return dir.file("e.npy");
}

TEST(EmbedCli, SecondRunReadsEverythingFromTheCacheAndGivesTheSameBytes) {
  ScratchDir dir;
  const auto docs = corpus_of(dir);
  const std::vector<std::string> common{"embed", "--model", model_dir(), "--corpus", docs, "--cache", dir.file("c.sqlite")};
  auto first = common, second = common, shorter = common, off = common;
  first.insert(first.end(), {"--output", dir.file("one.npy")});
  second.insert(second.end(), {"--output", dir.file("two.npy"), "--threads", "1"});
  shorter.insert(shorter.end(), {"--output", dir.file("short.npy"), "--max-length", "8"});
  const auto a = run_cli(first), b = run_cli(second), c = run_cli(shorter);
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_NE(a.err.find("cache: 0 hit, 20 embedded"), std::string::npos) << a.err;
  EXPECT_NE(b.err.find("cache: 20 hit, 0 embedded"), std::string::npos) << b.err;
  EXPECT_NE(c.err.find("cache: 0 hit, 20 embedded"), std::string::npos) << c.err;  // max length is in the key
  EXPECT_EQ(test::read_file(dir.file("one.npy")), test::read_file(dir.file("two.npy")));
  // --no-cache embeds again and gives the same bytes as the cached rows.
  auto none = std::vector<std::string>{"embed", "--model", model_dir(), "--corpus", docs, "--no-cache", "--output", dir.file("three.npy")};
  const auto d = run_cli(none);
  ASSERT_EQ(d.exit_code, 0) << d.err;
  EXPECT_NE(d.err.find("cache: off"), std::string::npos) << d.err;
  EXPECT_EQ(test::read_file(dir.file("three.npy")), test::read_file(dir.file("one.npy")));
  const auto both = run_cli({"embed", "--model", model_dir(), "--corpus", docs, "--no-cache", "--cache", dir.file("c.sqlite"),
                             "--output", dir.file("four.npy")});
  EXPECT_EQ(both.exit_code, 2) << both.err;
}

TEST(SearchCli, AQueryEqualToADocumentFindsItFirst) {
  ScratchDir dir;
  const auto docs = corpus_of(dir);
  const auto e = embed(dir, docs);
  const auto texts = sentences();
  const auto r = run_cli({"search", "--model", model_dir(), "--embeddings", e, "--corpus", docs, texts[3], texts[14],
                          "--top", "3", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  ASSERT_EQ(json.size(), 2u);
  for (const auto& [q, row] : {std::pair{0, 3}, std::pair{1, 14}}) {
    const auto& hits = json[q]["hits"];
    ASSERT_EQ(hits.size(), 3u);
    EXPECT_EQ(json[q]["query"], texts[row]);
    EXPECT_EQ(hits[0]["row"], row);
    EXPECT_NEAR(hits[0]["score"].get<double>(), 1.0, 1e-5);
    EXPECT_EQ(hits[0]["text"], texts[row]);
    EXPECT_GE(hits[0]["score"].get<double>(), hits[1]["score"].get<double>());
  }
  EXPECT_NE(r.err.find("exact"), std::string::npos) << r.err;

  // --queries FILE and the table; through a forced HNSW index, saved beside the embeddings.
  const auto table = run_cli({"search", "--model", model_dir(), "--embeddings", e, "--queries",
                              dir.write("q.txt", texts[12] + "\n\n"), "--index", "hnsw", "--top", "2"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("Rank"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("1   1.000000        12"), std::string::npos) << table.out;
  EXPECT_TRUE(std::filesystem::exists(e + ".hnsw"));
  EXPECT_NE(table.err.find("HNSW index built"), std::string::npos) << table.err;
  const auto again = run_cli({"search", "--model", model_dir(), "--embeddings", e, texts[12], "--index", "auto",
                              "--hnsw-threshold", "10", "--top", "2", "--format", "csv"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.err.find("built"), std::string::npos) << again.err;
  EXPECT_NE(again.out.find(",1,12,"), std::string::npos) << again.out;
}

TEST(SearchCli, CorpusAndEmbeddingsMustAgree) {
  ScratchDir dir;
  const auto docs = corpus_of(dir);
  const auto e = embed(dir, docs);
  const auto r = run_cli({"search", "--model", model_dir(), "--embeddings", e, "--corpus",
                          dir.write("short.txt", "one\ntwo\n"), "query"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("20 rows but the corpus"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("has 2 documents"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  const auto none = run_cli({"search", "--model", model_dir(), "--embeddings", e});
  EXPECT_EQ(none.exit_code, 2) << none.err;
}

}  // namespace
}  // namespace topica
