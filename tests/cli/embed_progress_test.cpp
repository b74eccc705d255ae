// transform and update count the documents they embed (cli/query_vector.hpp's embed_in_blocks
// through the shared progress line): blocks give the rows one call gives, every block is
// counted, and on a terminal the line shows "N / N docs".
#include <gtest/gtest.h>

#include <utility>

#include "cli/model_fixture.hpp"
#include "cli/query_vector.hpp"
#include "support/test_support.hpp"
#include "topica/embedder.hpp"

namespace topica::test {
namespace {

std::vector<std::string> subject_documents(std::size_t n) {
  const char* subjects[] = {"python library parsing json files", "video codec audio stream player",
                            "rust crate serde feature", "perl module cpan subroutine"};
  std::vector<std::string> docs;
  for (std::size_t i = 0; i < n; ++i) docs.push_back(std::string(subjects[i % 4]) + " number" + std::to_string(i % 7));
  return docs;
}

TEST(EmbedInBlocks, GivesTheRowsOfOneCallAndCountsEveryBlock) {
  LsaOptions options;
  options.dimensions = 6;
  LsaEmbedder embedder(options);
  const auto docs = subject_documents(40);
  embedder.fit_embed(docs);
  const Matrix<float> whole = embedder.embed(docs);
  std::vector<std::pair<std::size_t, std::size_t>> told;
  const Matrix<float> blocks = cli::embed_in_blocks(embedder, docs, [&](std::size_t done, std::size_t total) {
    told.emplace_back(done, total);
  }, 7);
  ASSERT_EQ(blocks.rows, whole.rows);
  ASSERT_EQ(blocks.cols, whole.cols);
  for (std::size_t i = 0; i < whole.values.size(); ++i) EXPECT_NEAR(blocks.values[i], whole.values[i], 1e-6) << i;
  const std::vector<std::pair<std::size_t, std::size_t>> expected{{7, 40}, {14, 40}, {21, 40}, {28, 40}, {35, 40}, {40, 40}};
  EXPECT_EQ(told, expected);
}

// On a terminal (util-linux `script` gives the CLI one), transform and update draw the count of
// documents embedded; the final count stays on screen.
TEST(EmbedProgressCli, TransformAndUpdateCountTheDocumentsOnATerminal) {
  if (run_shell("script -qec true /dev/null").exit_code != 0) GTEST_SKIP() << "util-linux script is not available";
  ScratchDir scratch;
  const std::string corpus = subjects_corpus(scratch, "docs.txt", 20);
  const std::string model = scratch.file("model");
  ASSERT_EQ(run_cli({"fit", "--corpus", corpus, "--out", model, "--min-topic-size", "5"}).exit_code, 0);
  const std::string more = subjects_corpus(scratch, "more.txt", 4, 7);  // 12 documents
  const auto on_terminal = [&](const std::string& args) {
    return run_shell("script -qec '" + std::string(TOPICA_CLI) + " " + args + "' /dev/null");
  };
  const auto transform = on_terminal("transform " + model + " --corpus " + more + " --output " + scratch.file("out.csv"));
  ASSERT_EQ(transform.exit_code, 0) << transform.out;
  EXPECT_NE(transform.out.find("embedding  12 / 12 docs  100%"), std::string::npos) << transform.out;
  const auto update = on_terminal("update " + model + " --corpus " + more);
  ASSERT_EQ(update.exit_code, 0) << update.out;
  EXPECT_NE(update.out.find("embedding  12 / 12 docs  100%"), std::string::npos) << update.out;
  EXPECT_NE(update.out.find("12 documents added"), std::string::npos) << update.out;
}

}  // namespace
}  // namespace topica::test
