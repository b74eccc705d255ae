// `topica export bertopic DIR --out FOLDER`: a saved model in BERTopic's safetensors layout.
// (The layout itself is compared with BERTopic's own in tests/store/bertopic_export_test.cpp.)
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "cli/model_fixture.hpp"
#include "topica/safetensors.hpp"

namespace topica {
namespace {
namespace fs = std::filesystem;
using Json = nlohmann::json;

TEST(ExportBertopicCli, WritesTheFiveFilesOfBertopicsLayout) {
  test::ScratchDir scratch;
  const auto m = test::fit_fixture_model(scratch);
  const auto out = scratch.file("for-python");
  const auto r = test::run_cli({"export", "bertopic", m.dir, "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* f : {"config.json", "topics.json", "topic_embeddings.safetensors", "ctfidf.safetensors", "ctfidf_config.json"}) {
    EXPECT_TRUE(fs::exists(fs::path(out) / f)) << f;
  }
  std::ifstream in(out + "/topics.json");
  const Json topics = Json::parse(in);
  EXPECT_EQ(topics["topic_sizes"]["-1"], 4);
  EXPECT_EQ(topics["topic_sizes"]["0"], 12);
  EXPECT_EQ(topics["topics"].size(), 28u);
  EXPECT_EQ(topics["topics"][0], 0);
  EXPECT_EQ(topics["topics"][27], -1);
  const SafetensorsFile e(out + "/topic_embeddings.safetensors");
  EXPECT_EQ(e.tensor("topic_embeddings").shape, (std::vector<std::uint64_t>{3, 4}));
}

TEST(ExportBertopicCli, BadInputIsAOneLineErrorWithoutAFolder) {
  test::ScratchDir scratch;
  const auto m = test::fit_fixture_model(scratch);
  const auto out = scratch.file("for-python");
  test::expect_one_line_error(test::run_cli({"export", "bertopic", scratch.file("nowhere"), "--out", out}), 1, "nowhere");
  EXPECT_FALSE(fs::exists(out));
  // A folder holding anything but a previous export is never replaced.
  scratch.write("mine/notes.txt", "keep");
  test::expect_one_line_error(test::run_cli({"export", "bertopic", m.dir, "--out", scratch.file("mine")}), 2, "choose another --out");
  EXPECT_TRUE(fs::exists(scratch.file("mine/notes.txt")));
  test::expect_one_line_error(test::run_cli({"export", "bertopic", m.dir}), 2, "--out");
  test::expect_one_line_error(test::run_cli({"export", m.dir}), 2, "");
}

}  // namespace
}  // namespace topica
