// --quiet on the verbs with progress (fit, transform, update): nothing on stderr, the same
// results on stdout and in the files; an error still gets its one line.
#include <gtest/gtest.h>

#include "cli/lsa_model_fixture.hpp"
#include "cli/model_fixture.hpp"
#include "support/test_support.hpp"

namespace topica::test {
namespace {

TEST(QuietCli, FitTransformAndUpdatePrintNothingOnStderr) {
  ScratchDir scratch;
  const std::string corpus = subjects_corpus(scratch, "docs.txt", 20);
  const auto loud = run_cli({"fit", "--corpus", corpus, "--out", scratch.file("loud"), "--min-topic-size", "5"});
  ASSERT_EQ(loud.exit_code, 0) << loud.err;
  EXPECT_NE(loud.err.find("] umap"), std::string::npos) << "fit logs its stages without --quiet: " << loud.err;
  const auto quiet = run_cli({"fit", "--corpus", corpus, "--out", scratch.file("quiet"), "--min-topic-size", "5", "--quiet"});
  ASSERT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.err, "");
  EXPECT_EQ(quiet.out, loud.out) << "the topic table is the same";
  EXPECT_EQ(read_file(scratch.file("quiet/documents.csv")), read_file(scratch.file("loud/documents.csv")));

  const std::string more = subjects_corpus(scratch, "more.txt", 4, 7);
  const auto transform = run_cli({"transform", scratch.file("quiet"), "--corpus", more, "--output", "-", "--quiet"});
  EXPECT_EQ(transform.exit_code, 0);
  EXPECT_EQ(transform.err, "");
  EXPECT_EQ(std::count(transform.out.begin(), transform.out.end(), '\n'), 13) << "header + 12 rows";
  const auto update = run_cli({"update", scratch.file("quiet"), "--corpus", more, "--quiet"});
  EXPECT_EQ(update.exit_code, 0);
  EXPECT_EQ(update.err, "");
  EXPECT_NE(update.out.find("12 documents added"), std::string::npos) << update.out;
}

TEST(QuietCli, ErrorsStillReachStderr) {
  ScratchDir scratch;
  expect_one_line_error(run_cli({"transform", scratch.file("missing"), "--corpus", scratch.write("d.txt", "a\n"), "--output",
                                 "-", "--quiet"}),
                        1, "missing");
}

}  // namespace
}  // namespace topica::test
