// `topica embed --precision`: each value runs and lands near PyTorch float32; any other spelling
// is a one-line usage error that writes nothing. Older CPUs are played by oneDNN's
// ONEDNN_MAX_CPU_ISA switch: without AVX512-BF16, bf16 runs emulated; without AVX-512 it is a
// one-line error; without VNNI, int8 runs on 7-bit weights and stays within its bound.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
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

std::string corpus_of(const ScratchDir& dir) { return test::write_encoder_fixture_corpus(dir); }

double worst_cosine(const Matrix<float>& a, const Matrix<float>& b) {
  double worst = 1;
  for (std::size_t r = 0; r < a.rows; ++r) worst = std::min(worst, test::cosine(a.row(r), b.row(r), a.cols));
  return worst;
}

// The least cosine of an embed output (.npy) to PyTorch's float32 rows for the xlmr_max fixture.
double worst_against_pytorch(const std::string& npy) {
  return worst_cosine(read_npy_matrix(npy), read_npy_matrix(model_dir("xlmr_max") + "/expected_pooled.npy"));
}

test::RunResult embed(const ScratchDir& dir, const std::string& precision, const std::string& output) {
  return run_cli({"embed", "--no-cache", "--model", model_dir("xlmr_max"), "--corpus", corpus_of(dir), "--output", dir.file(output),
                  "--precision", precision, "--progress", "--threads", "2"});
}

// Sets an environment variable for the child processes this test starts, and removes it after.
struct ScopedEnv {
  ScopedEnv(const char* name, const char* value) : name_(name) { setenv(name, value, 1); }
  ~ScopedEnv() { unsetenv(name_); }
  const char* name_;
};

TEST(EmbedPrecisionCli, EachPrecisionRunsAndShowsProgress) {
  ScratchDir dir;
  const Matrix<float> expected = read_npy_matrix(model_dir("xlmr_max") + "/expected_pooled.npy");
  for (auto [precision, bound] : {std::pair{"fp32", 0.99999}, {"bf16", 0.999}, {"int8", 0.99}}) {
    const auto r = embed(dir, precision, std::string(precision) + ".npy");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("topica embed: 20 / 20 docs  100%"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(std::string("max length 48, ") + precision), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find('\r'), std::string::npos) << "no carriage returns in a log";
    EXPECT_GE(worst_cosine(read_npy_matrix(dir.file(std::string(precision) + ".npy")), expected), bound) << precision;
  }
}

TEST(EmbedPrecisionCli, UnknownPrecisionIsOneLineAndWritesNothing) {
  ScratchDir dir;
  const auto r = embed(dir, "fp16", "e.npy");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--precision"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("e.npy")));
}

TEST(EmbedPrecisionCli, Bf16WithoutAvx512Bf16IsEmulated) {
  ScratchDir dir;
  const ScopedEnv isa("ONEDNN_MAX_CPU_ISA", "AVX512_CORE_VNNI");
  const auto r = embed(dir, "bf16", "e.npy");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GE(worst_against_pytorch(dir.file("e.npy")), 0.999);
}

TEST(EmbedPrecisionCli, Bf16WithoutAvx512IsOneLineError) {
  ScratchDir dir;
  const ScopedEnv isa("ONEDNN_MAX_CPU_ISA", "AVX2");
  const auto r = embed(dir, "bf16", "e.npy");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("bf16"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("e.npy")));
  const auto int8 = embed(dir, "int8", "i.npy");  // int8 has kernels without AVX-512
  ASSERT_EQ(int8.exit_code, 0) << int8.err;
  EXPECT_GE(worst_against_pytorch(dir.file("i.npy")), 0.99) << "int8 without VNNI";
}

TEST(EmbedPrecisionCli, Int8WithoutVnniStaysWithinTheBound) {
  ScratchDir dir;
  const ScopedEnv isa("ONEDNN_MAX_CPU_ISA", "AVX512_CORE");
  const auto r = embed(dir, "int8", "e.npy");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GE(worst_against_pytorch(dir.file("e.npy")), 0.99);
}

}  // namespace
}  // namespace topica
