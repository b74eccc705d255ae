// `topica topics DIR`: the topic table and one topic's details of a saved model.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "cli/model_fixture.hpp"

namespace topica {
namespace {
using Json = nlohmann::json;

TEST(TopicsCli, PrintsTheTopicTableInEveryFormat) {
  test::ScratchDir scratch;
  const auto m = test::fit_fixture_model(scratch);
  const auto table = test::run_cli({"topics", m.dir});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("Representation"), std::string::npos);
  EXPECT_NE(table.out.find("0_cats_"), std::string::npos) << table.out;  // equal sizes: first seen is topic 0

  const auto json = test::run_cli({"topics", m.dir, "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const Json rows = Json::parse(json.out);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["Topic"], -1);
  EXPECT_EQ(rows[0]["Count"], 4);
  EXPECT_EQ(rows[1]["Topic"], 0);
  EXPECT_EQ(rows[1]["Count"], 12);
  EXPECT_EQ(rows[2]["Count"], 12);
  EXPECT_EQ(rows[1]["Representation"][0], "cats");

  const auto csv = test::run_cli({"topics", m.dir, "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  // The same table topica fit wrote next to the model.
  EXPECT_EQ(csv.out, test::read_file(m.dir + "/topics.csv"));
}

TEST(TopicsCli, ShowsOneTopicsWordsScoresAndDocuments) {
  test::ScratchDir scratch;
  const auto m = test::fit_fixture_model(scratch);
  const auto r = test::run_cli({"topics", m.dir, "--topic", "1", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json topic = Json::parse(r.out);
  std::ifstream in(m.dir + "/topics.json");
  const Json saved = Json::parse(in);
  const Json& dogs = saved[2];  // -1, 0, 1
  ASSERT_EQ(dogs["id"], 1);
  EXPECT_EQ(topic["topic"], 1);
  EXPECT_EQ(topic["count"], 12);
  EXPECT_EQ(topic["words"], dogs["words"]);
  EXPECT_EQ(topic["words"][0][0], "dogs");
  EXPECT_EQ(topic["representative_docs"], dogs["representative_docs"]);
  EXPECT_EQ(topic["representative_docs"].size(), 3u);

  const auto text = test::run_cli({"topics", m.dir, "--topic", "1"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("dogs"), std::string::npos);
  EXPECT_NE(text.out.find("Representative documents"), std::string::npos);
  const auto csv = test::run_cli({"topics", m.dir, "--topic", "0", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("rank,word,score\n1,cats,", 0), 0u) << csv.out;
}

TEST(TopicsCli, BadInputIsAOneLineError) {
  test::ScratchDir scratch;
  const auto m = test::fit_fixture_model(scratch);
  test::expect_one_line_error(test::run_cli({"topics", m.dir, "--topic", "99"}), 2, "--topic 99");
  test::expect_one_line_error(test::run_cli({"topics", scratch.file("nowhere")}), 1, "nowhere");
  test::expect_one_line_error(test::run_cli({"topics", m.dir, "--format", "xml"}), 2, "--format");
}

}  // namespace
}  // namespace topica
