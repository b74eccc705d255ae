// `topica distribution` on the fixture model: the matrix as the library computes it in .npy, CSV
// and JSON lines, token distributions with --tokens, the copies in the model folder, bad options.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "cli/model_fixture.hpp"
#include "topica/model_store.hpp"
#include "topica/topic_distribution.hpp"

namespace topica {
namespace {

TEST(DistributionCli, WritesTheLibrarysMatrixInEveryForm) {
  test::ScratchDir scratch;
  const auto m = test::fit_fixture_model(scratch);
  const auto npy = scratch.file("d.npy");
  const auto r = test::run_cli({"distribution", m.dir, "--corpus", m.corpus, "--output", npy, "--window", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> texts;
  std::ifstream in(m.corpus);
  for (std::string line; std::getline(in, line);) texts.push_back(line);
  DistributionOptions o;
  o.window = 3;
  const TopicDistribution d = approximate_distribution(load_topic_model(m.dir), texts, o);
  const Matrix<float> got = read_npy_matrix(npy);
  ASSERT_EQ(got.rows, 28u);
  ASSERT_EQ(got.cols, 2u);
  for (std::size_t i = 0; i < got.values.size(); ++i) EXPECT_EQ(got.values[i], static_cast<float>(d.documents.values[i]));
  EXPECT_EQ(read_npy_matrix(m.dir + "/topic_distributions.npy").values, got.values);
  EXPECT_GT(d.documents(0, 0), 0.5);  // a cat document leans to the cat topic

  const auto csv = test::run_cli({"distribution", m.dir, "--corpus", m.corpus, "--window", "3"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  std::istringstream lines(csv.out);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "Document,0,1");
  std::getline(lines, line);
  EXPECT_EQ(line, fmt::format("0,{},{}", d.documents(0, 0), d.documents(0, 1)));

  const auto json = test::run_cli({"distribution", m.dir, "--corpus", m.corpus, "--tokens", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  std::istringstream json_lines(json.out);
  std::getline(json_lines, line);
  const auto first = nlohmann::json::parse(line);
  EXPECT_EQ(first["row"], 0);
  EXPECT_EQ(first["tokens"][0]["token"], "cats");
  EXPECT_EQ(first["tokens"][0]["distribution"].size(), 2u);
  EXPECT_EQ(json.out, test::read_file(m.dir + "/topic_token_distributions.jsonl"));
}

TEST(DistributionCli, RefusesBadWindows) {
  test::ScratchDir scratch;
  const auto m = test::fit_fixture_model(scratch);
  test::expect_one_line_error(test::run_cli({"distribution", m.dir, "--corpus", m.corpus, "--stride", "0"}), 2,
                              "--stride must be at least 1");
  test::expect_one_line_error(
      test::run_cli({"distribution", m.dir, "--corpus", m.corpus, "--min-similarity", "1.5"}), 2, "outside [0, 1]");
}

}  // namespace
}  // namespace topica
