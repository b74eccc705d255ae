// `topica cluster` run as a user runs it: the real binary, real .npy files, CSV out, exit codes.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <sstream>

#include "support/test_support.hpp"
#include "topica/cluster_metrics.hpp"
#include "topica/npy.hpp"

namespace topica {
namespace {

using test::run_cli;
using test::ScratchDir;

struct Row {
  std::int64_t label;
  double probability, outlier_score;
};

std::vector<Row> read_csv(const std::string& path, std::string* header = nullptr) {
  std::istringstream in(test::read_file(path));
  std::string line;
  std::getline(in, line);
  if (header) *header = line;
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    Row r{};
    char comma1 = 0, comma2 = 0;
    std::istringstream fields(line);
    fields >> r.label >> comma1 >> r.probability >> comma2 >> r.outlier_score;
    EXPECT_TRUE(fields && comma1 == ',' && comma2 == ',') << line;
    rows.push_back(r);
  }
  return rows;
}

// Three round Gaussian groups of 40 points in 3-d, 50 apart, and 10 scattered points; row i
// belongs to group i % 3.
Matrix<float> three_groups() {
  std::uint64_t state = 12345;
  const auto uniform = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (static_cast<double>(state >> 11) + 0.5) / 9007199254740992.0;
  };
  Matrix<float> m(130, 3);
  for (std::size_t i = 0; i < m.rows; ++i) {
    for (std::size_t j = 0; j < 3; ++j) {
      const double g = std::sqrt(-2 * std::log(uniform())) * std::cos(6.283185307179586 * uniform());
      m(i, j) = i >= 120 ? static_cast<float>(uniform() * 200 - 100)
                         : static_cast<float>((j == i % 3 ? 50.0 : 0.0) + 0.5 * g);
    }
  }
  return m;
}

TEST(ClusterCli, WritesOneCsvRowPerInputRow) {
  ScratchDir dir;
  const std::string input = dir.file("y.npy"), output = dir.file("labels.csv"), membership = dir.file("m.npy");
  write_npy(input, three_groups());
  const auto r = run_cli({"cluster", "--input", input, "--output", output, "--membership", membership});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string header;
  const auto rows = read_csv(output, &header);
  EXPECT_EQ(header, "label,probability,outlier_score");
  ASSERT_EQ(rows.size(), 130u);
  std::int64_t max_label = -1;
  for (const Row& row : rows) {
    max_label = std::max(max_label, row.label);
    EXPECT_GE(row.probability, 0.0);
    EXPECT_LE(row.probability, 1.0);
    EXPECT_GE(row.outlier_score, 0.0);
    EXPECT_LE(row.outlier_score, 1.0);
  }
  EXPECT_EQ(max_label, 2);  // three clusters
  EXPECT_EQ(rows[0].label, rows[3].label);
  EXPECT_NE(rows[0].label, rows[1].label);
  const Matrix<float> m = read_npy_matrix(membership);
  EXPECT_EQ(m.rows, 130u);
  EXPECT_EQ(m.cols, 3u);
  EXPECT_NE(r.err.find("3 clusters"), std::string::npos) << r.err;
}

TEST(ClusterCli, SameOutputForAnyThreadCount) {
  ScratchDir dir;
  const std::string input = dir.file("y.npy");
  write_npy(input, three_groups());
  ASSERT_EQ(run_cli({"cluster", "--input", input, "--output", dir.file("1.csv"), "--threads", "1",
                     "--min-cluster-size", "5", "--selection", "leaf"}).exit_code, 0);
  ASSERT_EQ(run_cli({"cluster", "--input", input, "--output", dir.file("3.csv"), "--threads", "3",
                     "--min-cluster-size", "5", "--selection", "leaf"}).exit_code, 0);
  EXPECT_EQ(test::read_file(dir.file("1.csv")), test::read_file(dir.file("3.csv")));
}

TEST(ClusterCli, MatchesTheHdbscanLibraryOnItsFixture) {
  const auto shared = test::shared_dir();
  if (!shared) GTEST_SKIP() << "../shared is absent";
  const auto ref = *shared / "reference" / "hdbscan";
  if (!std::filesystem::exists(ref / "blobs2d_train.npy")) GTEST_SKIP() << "no hdbscan fixtures";
  ScratchDir dir;
  const auto r = run_cli({"cluster", "--input", (ref / "blobs2d_train.npy").string(), "--output", dir.file("l.csv"),
                          "--min-cluster-size", "15", "--min-samples", "5", "--selection", "leaf"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = read_csv(dir.file("l.csv"));
  const auto expected = read_npy_labels((ref / "blobs2d_train_mcs15_ms5_leaf.labels.npy").string());
  const Matrix<float> probabilities = read_npy_matrix((ref / "blobs2d_train_mcs15_ms5_leaf.probabilities.npy").string());
  ASSERT_EQ(rows.size(), expected.size());
  std::vector<std::int64_t> labels;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    labels.push_back(rows[i].label);
    EXPECT_NEAR(rows[i].probability, probabilities.values[i], 1e-4);
  }
  EXPECT_GE(adjusted_rand_index(expected, labels), 0.999);
}

TEST(ClusterCli, NonFiniteValueNamesTheRow) {
  ScratchDir dir;
  Matrix<float> m = three_groups();
  m(42, 1) = std::nanf("");
  const std::string input = dir.file("bad.npy");
  write_npy(input, m);
  const auto r = run_cli({"cluster", "--input", input, "--output", dir.file("l.csv")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("row 42"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad.npy"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("l.csv")));
}

TEST(ClusterCli, TooFewRows) {
  ScratchDir dir;
  for (const std::size_t n : {0, 1}) {
    const std::string input = dir.file(std::to_string(n) + ".npy");
    write_npy(input, Matrix<float>(n, 5));
    const auto r = run_cli({"cluster", "--input", input, "--output", dir.file("l.csv")});
    EXPECT_EQ(r.exit_code, 1) << n;
    EXPECT_NE(r.err.find("at least 2 rows"), std::string::npos) << r.err;
  }
  // Fewer rows than a cluster needs: a warning, and every row is noise.
  const std::string input = dir.file("4.npy");
  Matrix<float> four(4, 2);
  for (std::size_t i = 0; i < 8; ++i) four.values[i] = static_cast<float>(i);
  write_npy(input, four);
  const auto r = run_cli({"cluster", "--input", input, "--output", dir.file("l.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("fewer than --min-cluster-size 10"), std::string::npos) << r.err;
  for (const Row& row : read_csv(dir.file("l.csv"))) EXPECT_EQ(row.label, -1);
}

TEST(ClusterCli, DuplicatesAndOneBlobFinish) {
  ScratchDir dir;
  Matrix<float> same(200, 5);
  for (float& v : same.values) v = 1.5f;
  write_npy(dir.file("same.npy"), same);
  EXPECT_EQ(run_cli({"cluster", "--input", dir.file("same.npy"), "--output", dir.file("a.csv")}).exit_code, 0);
  Matrix<float> blob(500, 5);
  for (std::size_t i = 0; i < blob.values.size(); ++i) blob.values[i] = static_cast<float>((i * 2654435761u) % 1000) / 1000.0f;
  write_npy(dir.file("blob.npy"), blob);
  EXPECT_EQ(run_cli({"cluster", "--input", dir.file("blob.npy"), "--output", dir.file("b.csv"), "--allow-single-cluster"})
                .exit_code,
            0);
  EXPECT_EQ(read_csv(dir.file("b.csv")).size(), 500u);
}

TEST(ClusterCli, UsageErrorsExitTwo) {
  ScratchDir dir;
  write_npy(dir.file("y.npy"), three_groups());
  EXPECT_EQ(run_cli({"cluster", "--input", dir.file("y.npy"), "--output", dir.file("l.csv"), "--selection", "best"}).exit_code, 2);
  EXPECT_EQ(run_cli({"cluster", "--input", dir.file("y.npy"), "--output", dir.file("l.csv"), "--min-cluster-size", "1"}).exit_code, 2);
  EXPECT_EQ(run_cli({"cluster", "--input", dir.file("y.npy")}).exit_code, 2);  // --output is required
  const auto help = run_cli({"cluster", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--min-cluster-size"), std::string::npos);
  EXPECT_NE(help.out.find("10"), std::string::npos);
  EXPECT_NE(run_cli({"cluster", "--input", dir.file("missing.npy"), "--output", dir.file("l.csv")}).exit_code, 0);
}

}  // namespace
}  // namespace topica
