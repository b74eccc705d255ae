// `topica embed` as a user runs it, on the bert_mean fixture model (tests/fixtures/encoder, made
// by scripts/make_encoder_fixtures.py): PyTorch's pooled embeddings to cosine 0.99999, the same
// bytes for any thread count, and one-line errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/encoder_fixtures.hpp"
#include "support/test_support.hpp"
#include "topica/npy.hpp"

namespace topica {
namespace {

using test::run_cli;
using test::ScratchDir;

std::string model_dir(const std::string& name) { return test::encoder_fixture(name).string(); }

// The fixture sentences one per line (sentence 6 is empty and keeps its row).
std::string corpus_of(const ScratchDir& dir) { return test::write_encoder_fixture_corpus(dir); }

double cosine(const float* a, const float* b, std::size_t n) {
  double ab = 0, aa = 0, bb = 0;
  for (std::size_t i = 0; i < n; ++i) ab += double(a[i]) * b[i], aa += double(a[i]) * a[i], bb += double(b[i]) * b[i];
  return ab / std::sqrt(aa * bb);
}

TEST(EmbedCli, WritesPyTorchsEmbeddings) {
  ScratchDir dir;
  const auto docs = corpus_of(dir);
  // --no-cache: the encoder itself is under test, not rows a previous run stored.
  const auto r = run_cli({"embed", "--model", model_dir("bert_mean"), "--corpus", docs, "--output", dir.file("e.npy"),
                          "--batch-size", "4", "--threads", "2", "--no-cache"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Matrix<float> e = read_npy_matrix(dir.file("e.npy"));
  const Matrix<float> expected = read_npy_matrix(model_dir("bert_mean") + "/expected_pooled.npy");
  ASSERT_EQ(e.rows, expected.rows);
  ASSERT_EQ(e.cols, expected.cols);
  for (std::size_t i = 0; i < e.rows; ++i) EXPECT_GE(cosine(e.row(i), expected.row(i), e.cols), 0.99999) << "row " << i;
  EXPECT_NE(r.err.find("20 documents x 32 dimensions"), std::string::npos) << r.err;
}

TEST(EmbedCli, SameBytesForAnyThreadCountAndNormalizeGivesUnitRows) {
  ScratchDir dir;
  const auto docs = corpus_of(dir);
  const std::vector<std::string> common{"embed", "--model", model_dir("roberta_cls"), "--corpus", docs, "--normalize",
                                        "--max-length", "16", "--no-cache"};
  auto one = common, two = common;
  one.insert(one.end(), {"--output", dir.file("one.npy"), "--threads", "1"});
  two.insert(two.end(), {"--output", dir.file("two.npy"), "--threads", "2"});
  ASSERT_EQ(run_cli(one).exit_code, 0);
  ASSERT_EQ(run_cli(two).exit_code, 0);
  EXPECT_EQ(test::read_file(dir.file("one.npy")), test::read_file(dir.file("two.npy")));
  const Matrix<float> e = read_npy_matrix(dir.file("one.npy"));
  ASSERT_EQ(e.rows, 20u);
  for (std::size_t i = 0; i < e.rows; ++i) {
    double norm = 0;
    for (std::size_t j = 0; j < e.cols; ++j) norm += double(e(i, j)) * e(i, j);
    EXPECT_NEAR(norm, 1.0, 1e-5) << "row " << i;
  }
}

TEST(EmbedCli, BadModelIsOneLineAndWritesNothing) {
  ScratchDir dir;
  const auto docs = corpus_of(dir);
  const auto r = run_cli({"embed", "--model", dir.path().string(), "--corpus", docs, "--output", dir.file("e.npy")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("config.json"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("e.npy")));
  const auto usage = run_cli({"embed", "--model", model_dir("bert_mean"), "--corpus", docs, "--output",
                              dir.file("e.npy"), "--max-length", "100"});
  EXPECT_EQ(usage.exit_code, 2) << usage.err;
}

}  // namespace
}  // namespace topica
