// `topica set-labels DIR --labels L.csv | --generate`: custom topic labels on a saved model.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/lsa_model_fixture.hpp"
#include "cli/model_fixture.hpp"
#include "topica/model_store.hpp"

namespace topica {
namespace {
using Json = nlohmann::json;

TEST(SetLabelsCli, LabelsFromAFileShowEverywhere) {
  test::ScratchDir scratch;
  const auto m = test::fit_fixture_model(scratch);
  const auto r = test::run_cli({"set-labels", m.dir, "--labels", scratch.write("l.csv", "topic,label\n0,Cats\n1,\"Dogs, loud\"\n")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Dogs, loud"), std::string::npos) << r.out;
  const TopicModel model = load_topic_model(m.dir);
  EXPECT_EQ(model.topics[0].label, "");
  EXPECT_EQ(model.topics[1].label, "Cats");
  EXPECT_EQ(model.topics[2].label, "Dogs, loud");
  // topics.csv keeps the generated name and adds BERTopic's CustomName column.
  const std::string csv = test::read_file(m.dir + "/topics.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "Topic,Count,Name,CustomName,Representation");
  EXPECT_NE(csv.find("\n0,12," + model.topics[1].name + ",Cats,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n-1,4," + model.topics[0].name + "," + model.topics[0].name + ","), std::string::npos) << csv;
  const auto json = test::run_cli({"topics", m.dir, "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(Json::parse(json.out)[2]["CustomName"], "Dogs, loud");
  const auto one = test::run_cli({"topics", m.dir, "--topic", "0"});
  EXPECT_NE(one.out.find("Label  Cats"), std::string::npos) << one.out;
  // Still a working model: transform with the embeddings it was fitted from.
  EXPECT_EQ(test::run_cli({"transform", m.dir, "--corpus", m.corpus, "--embeddings", m.embeddings, "--output",
                           scratch.file("t.csv")}).exit_code, 0);
}

TEST(SetLabelsCli, GeneratesLabelsFromTheWords) {
  test::ScratchDir scratch;
  const auto m = test::fit_fixture_model(scratch);
  const TopicModel before = load_topic_model(m.dir);
  const auto r = test::run_cli({"set-labels", m.dir, "--generate", "--nr-words", "2", "--separator", " ", "--no-prefix"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const TopicModel after = load_topic_model(m.dir);
  for (std::size_t t = 0; t < after.topics.size(); ++t) {
    EXPECT_EQ(after.topics[t].label, before.topics[t].words[0].word + " " + before.topics[t].words[1].word);
  }
  ASSERT_EQ(test::run_cli({"set-labels", m.dir, "--generate"}).exit_code, 0);
  EXPECT_EQ(load_topic_model(m.dir).topics[1].label, before.topics[1].name);  // four words after the id: the name
}

TEST(SetLabelsCli, BadInputIsAOneLineErrorAndChangesNothing) {
  test::ScratchDir scratch;
  const auto m = test::fit_fixture_model(scratch);
  const auto bytes = test::folder_bytes(m.dir);
  test::expect_one_line_error(
      test::run_cli({"set-labels", m.dir, "--labels", scratch.write("bad.csv", "topic,label\n0,Cats\n9,Nine\n")}), 1,
      "bad.csv: line 3: topic 9 is not in the model");
  test::expect_one_line_error(test::run_cli({"set-labels", m.dir}), 2, "--labels FILE or --generate");
  EXPECT_NE(test::run_cli({"set-labels", m.dir, "--labels", scratch.file("bad.csv"), "--generate"}).exit_code, 0);
  EXPECT_NE(test::run_cli({"set-labels", m.dir, "--nr-words", "2"}).exit_code, 0);  // only with --generate
  test::expect_one_line_error(test::run_cli({"set-labels", m.dir, "--generate", "--aspect", "KeyBERT"}), 2, "no such aspect");
  EXPECT_EQ(test::folder_bytes(m.dir), bytes);
}

}  // namespace
}  // namespace topica
