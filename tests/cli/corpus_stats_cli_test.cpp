// `topica corpus stats` run as a user runs it: the real binary, real files, exit codes.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "support/test_support.hpp"

namespace topica {
namespace {

using test::run_cli;
using test::ScratchDir;

nlohmann::json stats_json(const std::vector<std::string>& args, const std::string& stdin_text = "") {
  std::vector<std::string> all{"corpus", "stats"};
  all.insert(all.end(), args.begin(), args.end());
  all.insert(all.end(), {"--format", "json"});
  const auto r = run_cli(all, stdin_text);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

TEST(CorpusStatsCli, CsvWithQuotedNewlineAndDoubledQuote) {
  ScratchDir dir;
  const auto path = dir.write("q.csv", "id,text\n1,\"line one\nline \"\"two\"\"\"\n2,short\n");
  const auto j = stats_json({path});
  EXPECT_EQ(j["documents"], 2);
  EXPECT_EQ(j["whitespace_tokens"], 5);
  EXPECT_EQ(j["characters"], std::string("line one\nline \"two\"").size() + 5);
  EXPECT_EQ(j["format"], "csv");
}

TEST(CorpusStatsCli, JsonlDirectoryAndStdin) {
  ScratchDir dir;
  const auto jsonl = dir.write("d.jsonl", "{\"text\": \"한국어 문장\"}\n{\"text\": \"two words\"}\n{\"text\": \"\"}\n");
  auto j = stats_json({jsonl});
  EXPECT_EQ(j["documents"], 3);
  EXPECT_EQ(j["empty_documents"], 1);
  EXPECT_EQ(j["letters"]["hangul"], 5);
  EXPECT_EQ(j["letters"]["latin"], 8);

  dir.write("docs/1.txt", "alpha beta\n");
  dir.write("docs/2.txt", "gamma\n");
  j = stats_json({dir.file("docs")});
  EXPECT_EQ(j["documents"], 2);
  EXPECT_EQ(j["whitespace_tokens"], 3);
  EXPECT_EQ(j["format"], "dir");

  j = stats_json({"-"}, "one\ntwo three\n\nfour\n");
  EXPECT_EQ(j["documents"], 4);
  EXPECT_EQ(j["empty_documents"], 1);
  EXPECT_EQ(j["path"], "<stdin>");
}

TEST(CorpusStatsCli, ClassColumnIsCounted) {
  ScratchDir dir;
  const auto tsv = dir.write("c.tsv", "text\tsection\na b\tnews\nc\tsport\nd e f\tnews\n");
  const auto j = stats_json({tsv, "--class-column", "section"});
  EXPECT_EQ(j["classes"]["news"], 2);
  EXPECT_EQ(j["classes"]["sport"], 1);
  const auto text = run_cli({"corpus", "stats", tsv, "--class-column", "section"});
  EXPECT_NE(text.out.find("news 66.7%, sport 33.3%"), std::string::npos) << text.out;
}

TEST(CorpusStatsCli, EmptyDocumentsAreCountedInAWarning) {
  ScratchDir dir;
  const auto r = run_cli({"corpus", "stats", dir.write("e.txt", "a\n\nb\n  \n")});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("warning: 2 empty documents"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("rows 1, 3"), std::string::npos) << r.err;
}

TEST(CorpusStatsCli, InvalidUtf8OnLineThreeExitsOne) {
  ScratchDir dir;
  const auto r = run_cli({"corpus", "stats", dir.write("bad.txt", "one\ntwo\nth\xFE" "ree\n")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("topica: error: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("bad.txt: line 3"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(CorpusStatsCli, MissingFileIsAOneLineError) {
  const auto r = run_cli({"corpus", "stats", "/nonexistent/corpus.txt"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "topica: error: /nonexistent/corpus.txt: no such file or directory\n");
}

TEST(CorpusStatsCli, UsageErrorsExitTwo) {
  ScratchDir dir;
  EXPECT_EQ(run_cli({}).exit_code, 2);
  EXPECT_EQ(run_cli({"corpus", "stats"}).exit_code, 2);
  EXPECT_EQ(run_cli({"corpus", "stats", "x.txt", "--format", "yaml"}).exit_code, 2);
  EXPECT_EQ(run_cli({"frobnicate"}).exit_code, 2);
  const auto r = run_cli({"corpus", "stats", dir.write("d.csv", "a,b\n1,2\n")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--text-column"), std::string::npos) << r.err;
}

TEST(CorpusStatsCli, OutputFileIsWrittenWholeOrNotAtAll) {
  ScratchDir dir;
  const auto good = dir.write("good.txt", "a b c\n");
  const auto out = dir.file("stats.json");
  EXPECT_EQ(run_cli({"corpus", "stats", good, "--format", "json", "--output", out}).exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(test::read_file(out))["whitespace_tokens"], 3);

  const auto failed = dir.file("failed.json");
  const auto bad = dir.write("bad.txt", "\xFF\n");
  EXPECT_EQ(run_cli({"corpus", "stats", bad, "--output", failed}).exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(failed));
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp."), std::string::npos) << entry.path();
  }
}

TEST(CorpusStatsCli, EveryVerbHasHelp) {
  for (const std::vector<std::string>& verb :
       {std::vector<std::string>{}, {"corpus"}, {"corpus", "stats"}, {"corpus", "debian"}, {"version"}}) {
    auto args = verb;
    args.push_back("--help");
    const auto r = run_cli(args);
    EXPECT_EQ(r.exit_code, 0) << args.front();
    EXPECT_NE(r.out.find("Usage:"), std::string::npos) << r.out;
  }
}

TEST(CorpusStatsCli, StreamsInBoundedMemory) {
  // 96 MB of short documents: memory must not grow with the file (the 2 GB check is in
  // bench/corpus_stats.sh; this keeps the property under test on every run).
  ScratchDir dir;
  const auto path = dir.file("big.txt");
  {
    std::ofstream out(path, std::ios::binary);
    std::string block;
    for (int i = 0; i < 1000; ++i) block += "document number " + std::to_string(i) + " with 한국어 words and more words\n";
    for (std::size_t written = 0; written < (96u << 20); written += block.size()) out << block;
  }
  const auto r = run_cli({"corpus", "stats", path, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(nlohmann::json::parse(r.out)["documents"].get<long>(), 1'500'000);
  // Under AddressSanitizer the peak includes its shadow memory and the quarantine of freed
  // blocks, so the bound only holds in the normal build.
  if (!test::kSanitized) {
    EXPECT_LT(r.max_rss_kb, 64 * 1024) << "peak RSS " << r.max_rss_kb << " KiB";
  }
  RecordProperty("peak_rss_kib", std::to_string(r.max_rss_kb));
}

}  // namespace
}  // namespace topica
