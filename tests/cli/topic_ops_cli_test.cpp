// reduce-topics, merge-topics, delete-topics, hierarchy and fit --nr-topics through the real
// CLI: a changed model loads, `topica transform` puts the training documents in the topics the
// change gave them, and bad input gets one clear line.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/model_fixture.hpp"
#include "support/test_support.hpp"

namespace topica {
namespace {

using test::expect_one_line_error;
using test::run_cli;
using test::ScratchDir;

// Four subjects, 15 documents each, fitted with UMAP + HDBSCAN and the built-in embedder.
struct Fitted {
  ScratchDir dir;
  std::string docs, model;
  Fitted() {
    std::string text;
    const char* subjects[] = {"cats purr and cats sleep on the warm mat with kittens",
                              "dogs bark at the postman and dogs fetch sticks in parks",
                              "compilers parse source code and emit machine instructions",
                              "farmers plant wheat and harvest barley in autumn fields"};
    for (int i = 0; i < 15; ++i) {
      for (const char* s : subjects) text += std::string(s) + " " + std::to_string(i % 5) + "\n";
    }
    docs = dir.write("docs.txt", text);
    model = dir.file("model");
    const auto r = run_cli({"fit", "--corpus", docs, "--out", model, "--stop-words", "english", "--threads", "2",
                            "--min-topic-size", "5"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }
};

// Topic of each document row from a documents.csv or transform output (row,topic,probability).
std::vector<int> topics_of(const std::string& csv) { return test::topic_column_of(csv); }

std::size_t topic_rows(const std::string& model) {  // topics.csv rows, outliers included
  const std::string csv = test::read_file(model + "/topics.csv");
  return static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) - 1;
}

// The training documents transformed by the changed model land where the change put them.
void expect_transform_agrees(const Fitted& f, const std::string& model) {
  const std::string out = f.dir.file("placed_" + std::filesystem::path(model).filename().string() + ".csv");
  const auto r = run_cli({"transform", model, "--corpus", f.docs, "--output", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto fitted = topics_of(test::read_file(model + "/documents.csv"));
  const auto placed = topics_of(test::read_file(out));
  ASSERT_EQ(fitted.size(), placed.size());
  std::size_t agree = 0;
  for (std::size_t i = 0; i < fitted.size(); ++i) agree += fitted[i] == placed[i];
  EXPECT_GE(agree, fitted.size() * 9 / 10);
}

TEST(TopicOpsCli, ReduceMergeAndDeleteKeepTransformConsistent) {
  Fitted f;
  const std::size_t rows = topic_rows(f.model);
  ASSERT_GE(rows, 3u) << test::read_file(f.model + "/topics.csv");

  const auto reduced = f.dir.file("reduced");
  auto r = run_cli({"reduce-topics", f.model, "--nr-topics", std::to_string(rows - 1), "--out", reduced});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(topic_rows(reduced), rows - 1);
  EXPECT_NE(r.out.find("Topic"), std::string::npos);
  expect_transform_agrees(f, reduced);

  const auto merged = f.dir.file("merged");
  r = run_cli({"merge-topics", f.model, "0", "1", "--out", merged});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(topic_rows(merged), rows - 1);
  const auto before = topics_of(test::read_file(f.model + "/documents.csv"));
  const auto after = topics_of(test::read_file(merged + "/documents.csv"));
  for (std::size_t i = 0; i < before.size(); ++i) {  // topics 0 and 1 are one now
    for (std::size_t j = 0; j < before.size(); ++j) {
      const bool together = before[i] == before[j] || (before[i] >= 0 && before[i] <= 1 && before[j] >= 0 && before[j] <= 1);
      EXPECT_EQ(after[i] == after[j], together);
    }
  }
  expect_transform_agrees(f, merged);

  const auto deleted = f.dir.file("deleted");
  r = run_cli({"delete-topics", f.model, "1", "--out", deleted});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto gone = topics_of(test::read_file(deleted + "/documents.csv"));
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (before[i] == 1) EXPECT_EQ(gone[i], -1);
  }
  expect_transform_agrees(f, deleted);

  // In place: DIR itself is replaced.
  r = run_cli({"merge-topics", f.model, "0", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(topic_rows(f.model), rows - 1);
}

TEST(TopicOpsCli, ReduceToAsManyTopicsChangesNothingAndSaysSo) {
  Fitted f;
  const std::string before = test::read_file(f.model + "/topics.csv");
  const auto r = run_cli({"reduce-topics", f.model, "--nr-topics", "50"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("nothing to reduce"), std::string::npos) << r.err;
  EXPECT_EQ(test::read_file(f.model + "/topics.csv"), before);
  EXPECT_EQ(run_cli({"reduce-topics", f.model, "--nr-topics", "auto"}).exit_code, 0);
}

TEST(TopicOpsCli, FitWithNrTopicsReducesRightAway) {
  Fitted f;
  const auto model = f.dir.file("two");
  const auto r = run_cli({"fit", "--corpus", f.docs, "--out", model, "--stop-words", "english", "--threads", "2",
                          "--min-topic-size", "5", "--nr-topics", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::size_t outliers = test::read_file(model + "/topics.csv").find("\n-1,") != std::string::npos ? 1 : 0;
  EXPECT_EQ(topic_rows(model), 2u) << outliers;
  expect_transform_agrees(f, model);
}

TEST(TopicOpsCli, HierarchyPrintsTheTreeAndSavesTheTable) {
  Fitted f;
  auto r = run_cli({"hierarchy", f.model});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind(".\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("── Topic: 0"), std::string::npos) << r.out;
  const std::string saved = test::read_file(f.model + "/hierarchy.csv");
  EXPECT_EQ(saved.rfind("Parent_ID,Parent_Name,Topics,Child_Left_ID,", 0), 0u);
  EXPECT_TRUE(std::filesystem::exists(f.model + "/hierarchy_linkage.csv"));
  r = run_cli({"hierarchy", f.model, "--format", "csv"});
  EXPECT_EQ(r.out, saved);
  const auto json_file = f.dir.file("h.json");
  r = run_cli({"hierarchy", f.model, "--format", "json", "--output", json_file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = nlohmann::json::parse(test::read_file(json_file));
  ASSERT_FALSE(rows.empty());
  EXPECT_TRUE(rows[0].contains("Child_Right_Name"));
  // The model still loads, topics unchanged.
  EXPECT_EQ(run_cli({"topics", f.model}).exit_code, 0);
}

TEST(TopicOpsCli, BadInputGetsOneLine) {
  Fitted f;
  expect_one_line_error(run_cli({"merge-topics", f.model, "0"}), 2, "at least two");
  expect_one_line_error(run_cli({"merge-topics", f.model, "0", "99"}), 2, "topic 99");
  expect_one_line_error(run_cli({"delete-topics", f.model, "99"}), 2, "topic 99");
  expect_one_line_error(run_cli({"reduce-topics", f.model, "--nr-topics", "0"}), 2, "--nr-topics 0");
  expect_one_line_error(run_cli({"fit", "--corpus", f.docs, "--out", f.dir.file("x"), "--nr-topics", "many"}), 2,
                        "--nr-topics many");
  std::filesystem::remove(f.model + "/documents.jsonl");
  expect_one_line_error(run_cli({"merge-topics", f.model, "0", "1"}), 1, "documents.jsonl");
  expect_one_line_error(run_cli({"hierarchy", f.model}), 1, "documents.jsonl");
}

}  // namespace
}  // namespace topica
