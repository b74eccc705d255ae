// `topica reduce` run as a user runs it: the real binary, real .npy files, exit codes, messages.
#include <gtest/gtest.h>

#include <cmath>

#include "support/test_support.hpp"
#include "topica/npy.hpp"
#include "topica/random.hpp"

namespace topica {
namespace {

using test::run_cli;
using test::ScratchDir;

// Three Gaussian blobs of `per` rows in `dim` dimensions.
Matrix<float> blobs(std::size_t per, std::size_t dim) {
  Random rng(11);
  Matrix<float> m(3 * per, dim);
  for (std::size_t i = 0; i < m.rows; ++i) {
    for (std::size_t d = 0; d < dim; ++d) m(i, d) = static_cast<float>((d == i / per ? 8.0 : 0.0) + rng.normal());
  }
  return m;
}

std::string write_input(const ScratchDir& dir, const std::string& name, const Matrix<float>& m) {
  const std::string path = dir.file(name);
  write_npy(path, m);
  return path;
}

TEST(ReduceCli, WritesFiveColumnsByDefaultAndReportsTheStages) {
  ScratchDir dir;
  const auto in = write_input(dir, "x.npy", blobs(60, 8));
  const auto r = run_cli({"reduce", "--input", in, "--output", dir.file("y.npy"), "--threads", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Matrix<float> y = read_npy_matrix(dir.file("y.npy"));
  EXPECT_EQ(y.rows, 180u);
  EXPECT_EQ(y.cols, 5u);
  for (float v : y.values) EXPECT_TRUE(std::isfinite(v));
  EXPECT_NE(r.err.find("spectral init"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(cosine, 15 neighbours, 500 epochs)"), std::string::npos) << r.err;
}

TEST(ReduceCli, SameBytesForAnyThreadCount) {
  ScratchDir dir;
  const auto in = write_input(dir, "x.npy", blobs(50, 6));
  const std::vector<std::string> common{"reduce", "--input", in, "--n-components", "2", "--min-dist", "0.1",
                                        "--metric", "euclidean", "--n-epochs", "120", "--seed", "3"};
  auto one = common, three = common;
  one.insert(one.end(), {"--output", dir.file("one.npy"), "--threads", "1"});
  three.insert(three.end(), {"--output", dir.file("three.npy"), "--threads", "3"});
  ASSERT_EQ(run_cli(one).exit_code, 0);
  ASSERT_EQ(run_cli(three).exit_code, 0);
  const std::string a = test::read_file(dir.file("one.npy"));
  EXPECT_EQ(read_npy_matrix(dir.file("one.npy")).cols, 2u);
  EXPECT_EQ(a, test::read_file(dir.file("three.npy")));
}

TEST(ReduceCli, NonFiniteRowIsNamed) {
  ScratchDir dir;
  Matrix<float> m = blobs(10, 4);
  m(12, 3) = std::nanf("");
  const auto r = run_cli({"reduce", "--input", write_input(dir, "nan.npy", m), "--output", dir.file("y.npy")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("row 12"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("y.npy")));
}

TEST(ReduceCli, FewerRowsThanNeighboursWarnsAndStillReduces) {
  ScratchDir dir;
  const auto r = run_cli({"reduce", "--input", write_input(dir, "small.npy", blobs(3, 4)), "--output", dir.file("y.npy")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: n_neighbors (15)"), std::string::npos) << r.err;
  EXPECT_EQ(read_npy_matrix(dir.file("y.npy")).rows, 9u);
}

TEST(ReduceCli, ZeroOrOneRowIsAClearError) {
  ScratchDir dir;
  for (std::size_t rows : {0, 1}) {
    const auto r = run_cli({"reduce", "--input", write_input(dir, "tiny.npy", Matrix<float>(rows, 4)), "--output", dir.file("y.npy")});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("at least 2 rows"), std::string::npos) << r.err;
  }
}

TEST(ReduceCli, DuplicateRowsDoNotBreakIt) {
  ScratchDir dir;
  Matrix<float> m(120, 5);
  for (std::size_t i = 0; i < m.rows; ++i) {
    for (std::size_t d = 0; d < 5; ++d) m(i, d) = static_cast<float>((i % 3) + d);  // three points, 40 copies each
  }
  const auto r = run_cli({"reduce", "--input", write_input(dir, "dup.npy", m), "--output", dir.file("y.npy"), "--n-epochs", "50"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (float v : read_npy_matrix(dir.file("y.npy")).values) EXPECT_TRUE(std::isfinite(v));
}

TEST(ReduceCli, BadOptionsAreUsageErrors) {
  ScratchDir dir;
  const auto in = write_input(dir, "x.npy", blobs(10, 4));
  EXPECT_EQ(run_cli({"reduce", "--input", in, "--output", dir.file("y.npy"), "--metric", "manhattan"}).exit_code, 2);
  EXPECT_EQ(run_cli({"reduce", "--input", in, "--output", dir.file("y.npy"), "--min-dist", "2"}).exit_code, 2);
  EXPECT_EQ(run_cli({"reduce", "--input", in, "--output", dir.file("y.npy"), "--n-neighbors", "1"}).exit_code, 2);
  EXPECT_EQ(run_cli({"reduce", "--input", in}).exit_code, 2);
  const auto missing = run_cli({"reduce", "--input", dir.file("missing.npy"), "--output", dir.file("y.npy")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("missing.npy"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace topica
