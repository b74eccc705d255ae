// `topica visualize`, `topica report` and `topica export projector` through the real CLI: the
// files they write, and one clear error line with nothing written for each kind of bad input.
#include <filesystem>

#include "cli/model_fixture.hpp"

namespace topica::test {
namespace {

namespace fs = std::filesystem;

class VisualizeCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new ScratchDir();
    fitted_ = new FittedModel(fit_fixture_model(*scratch_));
  }
  static void TearDownTestSuite() {
    delete fitted_;
    delete scratch_;
  }
  static inline ScratchDir* scratch_ = nullptr;
  static inline FittedModel* fitted_ = nullptr;
};

TEST_F(VisualizeCli, EveryKindWithItsDataWritesAnOfflinePage) {
  for (const std::string kind : {"barchart", "topics", "hierarchy", "heatmap", "documents", "term-rank"}) {
    const std::string out = scratch_->file(kind + ".html");
    const auto r = run_cli({"visualize", fitted_->dir, "--kind", kind, "--output", out, "--title", "T " + kind});
    ASSERT_EQ(r.exit_code, 0) << kind << ": " << r.err;
    const std::string html = read_file(out);
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(html.find("plotly.js v4.1.2"), std::string::npos) << kind;
    EXPECT_EQ(html.find("<script src"), std::string::npos) << kind << ": fetches a script";
    EXPECT_NE(html.find("\\u003cb>T " + kind + "\\u003c/b>"), std::string::npos) << kind;  // JSON in HTML: < escaped
  }
  EXPECT_TRUE(fs::exists(fitted_->dir + "/documents_2d.npy"));
}

TEST_F(VisualizeCli, BadRequestsGiveOneErrorLineAndNoFile) {
  const std::string out = scratch_->file("bad.html");
  expect_one_line_error(run_cli({"visualize", fitted_->dir, "--kind", "pie", "--output", out}), 2, "unknown chart kind 'pie'");
  expect_one_line_error(run_cli({"visualize", fitted_->dir, "--kind", "over-time", "--output", out}), 1, "topica over-time");
  expect_one_line_error(run_cli({"visualize", fitted_->dir, "--kind", "per-class", "--output", out}), 1, "topica per-class");
  expect_one_line_error(run_cli({"visualize", fitted_->dir, "--kind", "distribution", "--output", out}), 1,
                        "topica distribution");
  expect_one_line_error(run_cli({"visualize", fitted_->dir, "--kind", "barchart", "--topics", "0,99", "--output", out}), 2,
                        "no topic 99");
  expect_one_line_error(run_cli({"visualize", scratch_->file("nowhere"), "--kind", "barchart", "--output", out}), 1,
                        "nowhere");
  expect_one_line_error(run_cli({"visualize", fitted_->dir, "--kind", "documents", "--sample", "2", "--output", out}), 2,
                        "--sample");
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(VisualizeCli, DistributionOfOneDocumentAndItsRowChecked) {
  ScratchDir local;
  const std::string copy = local.file("model");
  fs::copy(fitted_->dir, copy);
  ASSERT_EQ(run_cli({"distribution", copy, "--corpus", fitted_->corpus}).exit_code, 0);
  const std::string out = local.file("d.html");
  EXPECT_EQ(run_cli({"visualize", copy, "--kind", "distribution", "--document", "3", "--output", out}).exit_code, 0);
  EXPECT_TRUE(fs::exists(out));
  expect_one_line_error(run_cli({"visualize", copy, "--kind", "distribution", "--document", "28", "--output", local.file("e.html")}),
                        2, "--document 28");
}

TEST_F(VisualizeCli, ReportHasTheTopicTableLinksAndSaysWhatIsMissing) {
  const std::string out = scratch_->file("report");
  const auto r = run_cli({"report", fitted_->dir, "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string index = read_file(out + "/index.html");
  for (const std::string kind : {"barchart", "topics", "hierarchy", "heatmap", "documents", "term-rank"}) {
    EXPECT_NE(index.find("href=\"" + kind + ".html\""), std::string::npos) << kind;
    EXPECT_TRUE(fs::exists(out + "/" + kind + ".html")) << kind;
  }
  EXPECT_NE(index.find("not available: " + fitted_->dir + "/topics_over_time.csv: not found; run `topica over-time"),
            std::string::npos);
  EXPECT_NE(index.find("cats purr and cats sleep"), std::string::npos);  // a representative document
  EXPECT_FALSE(fs::exists(out + "/over-time.html"));
  // Running again replaces the report; a folder that is not one is refused.
  EXPECT_EQ(run_cli({"report", fitted_->dir, "--out", out}).exit_code, 0);
  scratch_->write("other/keep.txt", "x");
  expect_one_line_error(run_cli({"report", fitted_->dir, "--out", scratch_->file("other")}), 2, "not a topica report");
  EXPECT_TRUE(fs::exists(scratch_->file("other/keep.txt")));
}

TEST_F(VisualizeCli, ProjectorFromAModelHasOneMetadataRowPerTensorRow) {
  const std::string out = scratch_->file("projector");
  ASSERT_EQ(run_cli({"export", "projector", fitted_->dir, "--out", out}).exit_code, 0);
  const std::string tensors = read_file(out + "/tensors.tsv"), metadata = read_file(out + "/metadata.tsv");
  EXPECT_EQ(std::count(tensors.begin(), tensors.end(), '\n'), 28);
  EXPECT_EQ(std::count(metadata.begin(), metadata.end(), '\n'), 29);
  EXPECT_EQ(metadata.rfind("text\ttopic\tlabel\n", 0), 0u);
  // Row 0 is a cat document, in topic 7's renumbered topic; the tensor row is its embedding.
  const std::string first_tensor = tensors.substr(0, tensors.find('\n'));
  EXPECT_EQ(std::stof(first_tensor), fitted_->vectors(0, 0));
  const std::string first_meta = metadata.substr(metadata.find('\n') + 1, metadata.find('\n', metadata.find('\n') + 1) - metadata.find('\n') - 1);
  EXPECT_EQ(first_meta.rfind("cats purr and cats sleep on the warm mat number 0\t", 0), 0u) << first_meta;
}

TEST_F(VisualizeCli, ProjectorFromEmbeddingsChecksTheCorpusRows) {
  const std::string out = scratch_->file("p2");
  ASSERT_EQ(run_cli({"export", "projector", "--embeddings", fitted_->embeddings, "--corpus", fitted_->corpus, "--out", out}).exit_code, 0);
  EXPECT_EQ(read_file(out + "/metadata.tsv").rfind("text\trow\n", 0), 0u);
  const std::string short_corpus = scratch_->write("short.txt", "one\ntwo\n");
  expect_one_line_error(run_cli({"export", "projector", "--embeddings", fitted_->embeddings, "--corpus", short_corpus, "--out",
                                 scratch_->file("p3")}),
                        1, "28 rows but");
  expect_one_line_error(run_cli({"export", "projector", "--out", scratch_->file("p3")}), 2, "--embeddings");
  EXPECT_FALSE(fs::exists(scratch_->file("p3")));
}

TEST_F(VisualizeCli, ProjectorFromWordVectorsLabelsEachRowByItsWord) {
  const std::string vectors = scratch_->write("v.txt", "3 2\ncat 0.5 -1\ndog 0.25 2\n한국 1 0\n");
  const std::string out = scratch_->file("pw");
  ASSERT_EQ(run_cli({"export", "projector", "--vectors", vectors, "--out", out}).exit_code, 0);
  EXPECT_EQ(read_file(out + "/metadata.tsv"), "cat\ndog\n한국\n");  // one column: no header line
  EXPECT_EQ(read_file(out + "/tensors.tsv"), "0.5\t-1\n0.25\t2\n1\t0\n");
  expect_one_line_error(run_cli({"export", "projector", "--vectors", vectors, "--embeddings", fitted_->embeddings, "--out",
                                 scratch_->file("pw2")}),
                        2, "--vectors");
}

}  // namespace
}  // namespace topica::test
