// `topica classify train|predict|test` and `topica wordvec train --algo glove` as a user runs them.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"
#include "topica/random.hpp"

namespace topica {
namespace {

using test::run_cli;
using test::ScratchDir;

// A CSV of reviews whose label follows from their words (the first always carries it), with a
// shared filler vocabulary.
std::string labeled_csv(std::size_t rows, std::uint64_t seed) {
  Random random(seed);
  std::string csv = "review,sentiment\n";
  for (std::size_t r = 0; r < rows; ++r) {
    const bool good = random.below(2) == 0;
    std::string text;
    for (int t = 0; t < 6; ++t) {
      const char* word = t == 0 || random.below(2) == 0 ? (good ? "great lovely superb brilliant" : "awful boring dreadful tedious")
                                              : "the film plot actors scenes";
      std::istringstream words(word);
      std::vector<std::string> choices{std::istream_iterator<std::string>(words), {}};
      text += choices[random.below(choices.size())] + " ";
    }
    csv += "\"" + text + "\"," + (good ? "good" : "bad") + "\n";
  }
  return csv;
}

TEST(ClassifyCli, TrainTestPredict) {
  ScratchDir dir;
  const auto train = dir.write("train.csv", labeled_csv(200, 1));
  const auto held_out = dir.write("test.csv", labeled_csv(60, 2));
  const auto model = dir.file("model.bin");
  const auto trained = run_cli({"classify", "train", "--corpus", train, "--text-column", "review", "--label-column",
                                "sentiment", "--output", model, "--dim", "10", "--epochs", "10", "--lr", "0.5",
                                "--threads", "1", "--seed", "3"});
  ASSERT_EQ(trained.exit_code, 0) << trained.err;
  EXPECT_NE(trained.err.find("2 labels"), std::string::npos) << trained.err;

  const auto scored = run_cli({"classify", "test", model, "--corpus", held_out, "--text-column", "review",
                               "--label-column", "sentiment", "--format", "json"});
  ASSERT_EQ(scored.exit_code, 0) << scored.err;
  const auto report = nlohmann::json::parse(scored.out);
  EXPECT_EQ(report["documents"], 60);
  EXPECT_EQ(report["accuracy"].get<double>(), 1.0);
  ASSERT_EQ(report["classes"].size(), 2u);
  EXPECT_EQ(report["classes"][0]["label"], "bad");
  EXPECT_EQ(report["macro"]["f1"].get<double>(), 1.0);
  const auto text = run_cli({"classify", "test", model, "--corpus", held_out, "--text-column", "review",
                             "--label-column", "sentiment"});
  EXPECT_NE(text.out.find("accuracy   1.0000"), std::string::npos) << text.out;

  const auto predictions = dir.file("predictions.csv");
  const auto predicted = run_cli({"classify", "predict", model, "--corpus", "-", "--top", "2", "--output", predictions},
                                 "what a brilliant superb film\ntedious and dreadful\n");
  ASSERT_EQ(predicted.exit_code, 0) << predicted.err;
  std::ifstream in(predictions);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "row,label,probability");
  EXPECT_EQ(lines[1].substr(0, 7), "0,good,");
  EXPECT_EQ(lines[2].substr(0, 6), "0,bad,");
  EXPECT_EQ(lines[3].substr(0, 6), "1,bad,");
  EXPECT_GT(std::stod(lines[1].substr(7)), 0.5);
  // Standard output by default, one row per document with --top 1.
  const auto plain = run_cli({"classify", "predict", model, "--corpus", "-"}, "superb\n");
  EXPECT_EQ(plain.out.substr(0, 30).find("row,label,probability\n0,good,"), 0u) << plain.out;
}

TEST(ClassifyCli, BadInputGivesOneLineErrors) {
  ScratchDir dir;
  const auto train = dir.write("train.csv", labeled_csv(40, 1));
  const auto model = dir.file("model.bin");
  const auto missing = run_cli({"classify", "train", "--corpus", train, "--text-column", "review", "--label-column",
                                "stars", "--output", model});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("train.csv: --label-column 'stars' is not a column"), std::string::npos) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(model));

  const auto empty = run_cli({"classify", "train", "--corpus", dir.write("empty.csv", "review,sentiment\n"),
                              "--text-column", "review", "--label-column", "sentiment", "--output", model});
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("no documents"), std::string::npos) << empty.err;

  const auto one = run_cli({"classify", "train", "--corpus", dir.write("one.csv", "review,sentiment\nnice,good\nfine,good\n"),
                            "--text-column", "review", "--label-column", "sentiment", "--output", model});
  EXPECT_EQ(one.exit_code, 1);
  EXPECT_NE(one.err.find("one.csv: --label-column 'sentiment': every document has the label 'good'"), std::string::npos)
      << one.err;
  EXPECT_FALSE(std::filesystem::exists(model));

  const auto blank = run_cli({"classify", "train", "--corpus", dir.write("blank.csv", "review,sentiment\nnice,good\nbad,\n"),
                              "--text-column", "review", "--label-column", "sentiment", "--output", model});
  EXPECT_EQ(blank.exit_code, 1);
  EXPECT_NE(blank.err.find("line 3"), std::string::npos) << blank.err;

  ASSERT_EQ(run_cli({"classify", "train", "--corpus", train, "--text-column", "review", "--label-column", "sentiment",
                     "--output", model, "--dim", "4", "--epochs", "1"})
                .exit_code,
            0);
  const std::string bytes = test::read_file(model);
  const auto cut = dir.write("cut.bin", bytes.substr(0, bytes.size() / 2));
  const auto truncated = run_cli({"classify", "predict", cut, "--corpus", "-"}, "superb\n");
  EXPECT_EQ(truncated.exit_code, 1);
  EXPECT_NE(truncated.err.find("cut.bin: truncated"), std::string::npos) << truncated.err;
  EXPECT_EQ(std::count(truncated.err.begin(), truncated.err.end(), '\n'), 1);
  const auto not_model = run_cli({"classify", "test", train, "--corpus", train, "--label-column", "sentiment"});
  EXPECT_EQ(not_model.exit_code, 1);
  EXPECT_NE(not_model.err.find("not a topica classifier"), std::string::npos) << not_model.err;
  EXPECT_EQ(run_cli({"classify", "predict", model, "--corpus", "-", "--top", "0"}, "x\n").exit_code, 2);
}

TEST(GloveCli, WordvecTrainAlgoGloveWritesVectors) {
  ScratchDir dir;
  Random random(4);
  std::string corpus;
  for (int d = 0; d < 200; ++d) {
    for (int t = 0; t < 10; ++t) corpus += (d % 2 ? "north" : "south") + std::to_string(random.below(8)) + " ";
    corpus += "\n";
  }
  const auto input = dir.write("corpus.txt", corpus);
  const auto output = dir.file("vectors.txt");
  const auto r = run_cli({"wordvec", "train", "--algo", "glove", "--corpus", input, "--output", output, "--dim", "6",
                          "--window", "3", "--min-count", "1", "--epochs", "4", "--threads", "1", "--x-max", "10",
                          "--glove-alpha", "0.75", "--seed", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("glove epoch 4: loss"), std::string::npos) << r.err;
  std::ifstream in(output);
  std::string header;
  ASSERT_TRUE(std::getline(in, header));
  EXPECT_EQ(header, "16 6");  // word2vec text, as every wordvec train writes (--binary for binary)
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line); ++lines) {
    std::istringstream fields(line);
    std::string word;
    fields >> word;
    EXPECT_TRUE(word.rfind("north", 0) == 0 || word.rfind("south", 0) == 0) << line;
    std::size_t values = 0;
    for (double v; fields >> v;) ++values;
    EXPECT_EQ(values, 6u) << line;
  }
  EXPECT_EQ(lines, 16u);
  // The same seed on one thread writes the same file.
  const auto again = dir.file("again.txt");
  ASSERT_EQ(run_cli({"wordvec", "train", "--algo", "glove", "--corpus", input, "--output", again, "--dim", "6",
                     "--window", "3", "--min-count", "1", "--epochs", "4", "--threads", "1", "--x-max", "10", "--seed", "2"})
                .exit_code,
            0);
  EXPECT_EQ(test::read_file(again), test::read_file(output));

  const auto rare = run_cli({"wordvec", "train", "--algo", "glove", "--corpus", input, "--output", dir.file("none.txt"),
                             "--min-count", "100000"});
  EXPECT_EQ(rare.exit_code, 1);
  EXPECT_NE(rare.err.find("min_count"), std::string::npos) << rare.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("none.txt")));
  const auto empty = run_cli({"wordvec", "train", "--algo", "glove", "--corpus", dir.write("empty.txt", ""), "--output",
                              dir.file("e.txt")});
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("empty.txt: the corpus has no documents"), std::string::npos) << empty.err;
}

}  // namespace
}  // namespace topica
