// `topica fit --seed-topics`, `topica fit --zero-shot` and `topica merge-models` as a user runs
// them: saved models that load and transform, zero-shot topics checked against the model's own
// embedder here, determinism across thread counts, and one-line errors for bad input.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "cli/model_fixture.hpp"
#include "support/test_support.hpp"
#include "topica/npy.hpp"
#include "topica/saved_model.hpp"

namespace topica {
namespace {

using test::expect_one_line_error;
using test::run_cli;
using test::ScratchDir;

// Three themes of 20 documents each, varied enough for the built-in LSA embedder.
std::string themed_corpus(const ScratchDir& dir) {
  const char* themes[3][6] = {{"cats", "purr", "whiskers", "kitten", "mice", "litter"},
                              {"dogs", "bark", "leash", "puppy", "bones", "fetch"},
                              {"taxes", "forms", "refund", "income", "audit", "deadline"}};
  std::string text;
  for (int i = 0; i < 60; ++i) {
    const auto& t = themes[i % 3];
    text += std::string(t[0]) + " " + t[1 + i % 5] + " " + t[1 + (i / 3) % 5] + " and " + t[1 + (i / 7) % 5] + " again\n";
  }
  return dir.write("themes.txt", text);
}

const std::vector<std::string> kSmallFit = {"--min-topic-size", "5", "--n-neighbors", "8", "--seed", "3"};

std::vector<std::string> fit_args(std::vector<std::string> args) {
  args.insert(args.begin(), "fit");
  args.insert(args.end(), kSmallFit.begin(), kSmallFit.end());
  return args;
}

TEST(GuidedCli, SeedTopicsFitSavesTheSeedsAndIsTheSameOnOneOrTwoThreads) {
  ScratchDir dir;
  const auto docs = themed_corpus(dir);
  const auto seeds = dir.write("seeds.json", R"([["cats", "kitten"], ["taxes", "refund", "audit"]])");
  const auto one = run_cli(fit_args({"--corpus", docs, "--seed-topics", seeds, "--out", dir.file("m1"), "--threads", "1"}));
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const auto two = run_cli(fit_args({"--corpus", docs, "--seed-topics", seeds, "--out", dir.file("m2"), "--threads", "2"}));
  ASSERT_EQ(two.exit_code, 0) << two.err;
  EXPECT_EQ(test::read_file(dir.file("m1") + "/documents.csv"), test::read_file(dir.file("m2") + "/documents.csv"));
  EXPECT_EQ(one.out, two.out);

  const SavedModel saved = load_model(dir.file("m1"));
  EXPECT_EQ(saved.model.options.seed_words, (std::vector<std::string>{"cats", "kitten", "taxes", "refund", "audit"}));
  EXPECT_NE(saved.provenance.settings_json.find("\"seed_topics\""), std::string::npos);
  ASSERT_TRUE(saved.transform.has_value());
  // The saved model places documents: its own corpus again through UMAP transform + HDBSCAN.
  const auto placed = run_cli({"transform", dir.file("m1"), "--corpus", docs, "--output", dir.file("t.csv")});
  ASSERT_EQ(placed.exit_code, 0) << placed.err;
  EXPECT_EQ(test::read_file(dir.file("t.csv")).rfind("row,topic,probability\n", 0), 0u);
  // BERTopic's config of the exported model names the seed topics.
  const auto exported = run_cli({"export", "bertopic", dir.file("m1"), "--out", dir.file("bt")});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const auto config = nlohmann::json::parse(test::read_file(dir.file("bt") + "/config.json"));
  EXPECT_EQ(config["seed_topic_list"], nlohmann::json::parse(test::read_file(seeds)));
}

TEST(GuidedCli, BadSeedTopicsAreOneLineErrorsNamingTheField) {
  ScratchDir dir;
  const auto docs = themed_corpus(dir);
  const auto out = dir.file("model");
  auto r = run_cli(fit_args({"--corpus", docs, "--seed-topics", dir.write("a.json", R"([["cats"], ["dogs", 3]])"), "--out", out}));
  expect_one_line_error(r, 1, "a.json: [1][1]: expected a seed word");
  r = run_cli(fit_args({"--corpus", docs, "--seed-topics", dir.write("b.json", R"({"cats": 1})"), "--out", out}));
  expect_one_line_error(r, 1, "b.json: expected a non-empty list of seed word lists");
  r = run_cli(fit_args({"--corpus", docs, "--seed-topics", dir.write("c.json", R"([["cats"], []])"), "--out", out}));
  expect_one_line_error(r, 1, "c.json: [1]: expected a non-empty list of seed words");
  r = run_cli(fit_args({"--corpus", docs, "--seed-topics", dir.write("d.json", "[[\"cats\""), "--out", out}));
  expect_one_line_error(r, 1, "d.json: not JSON");
  // Precomputed embeddings leave nothing to embed the seed words with.
  const auto npy = dir.file("e.npy");
  Matrix<float> e(60, 3);
  for (std::size_t i = 0; i < e.values.size(); ++i) e.values[i] = static_cast<float>(i % 7);
  write_npy(npy, e);
  r = run_cli(fit_args({"--corpus", docs, "--embeddings", npy, "--seed-topics", dir.file("a.json"), "--out", out}));
  expect_one_line_error(r, 2, "--seed-topics needs the embedder itself");
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(GuidedCli, ZeroShotDocumentsTakeTheNamedTopicsAboveTheThreshold) {
  ScratchDir dir;
  const auto docs = themed_corpus(dir);
  const std::vector<std::string> names = {"cats kitten whiskers", "bicycles", "taxes refund income"};
  const auto z = dir.write("names.txt", names[0] + "\n\n" + names[1] + "\n" + names[2] + "\n");
  const auto out = dir.file("model");
  const auto r = run_cli(fit_args({"--corpus", docs, "--zero-shot", z, "--zero-shot-min-similarity", "0.4", "--out", out}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const SavedModel saved = load_model(out);
  EXPECT_FALSE(saved.transform.has_value());
  ASSERT_TRUE(saved.embedder.has_value());
  EXPECT_EQ(saved.documents.size(), 60u);  // topic operations recompute from these
  EXPECT_EQ(saved.embeddings.rows, 60u);

  // Recompute the claims with the model's own embedder: best name at cosine >= 0.4.
  std::vector<std::string> texts;
  {
    std::istringstream in(test::read_file(docs));
    for (std::string line; std::getline(in, line);) texts.push_back(line);
  }
  const Matrix<float> d = saved.embedder->embed(texts), n = saved.embedder->embed(names);
  std::size_t claimed = 0;
  for (std::size_t i = 0; i < d.rows; ++i) {
    double best = -2;
    std::size_t best_name = 0;
    for (std::size_t k = 0; k < n.rows; ++k) {
      const double s = test::cosine(test::row_of(d, i), test::row_of(n, k));
      if (s > best) best = s, best_name = k;
    }
    const int topic = saved.model.assignments[i];
    const auto index = saved.model.index_of(topic);
    ASSERT_TRUE(index.has_value());
    if (best >= 0.4) {
      ++claimed;
      EXPECT_EQ(saved.model.topics[*index].label, names[best_name]) << "document " << i;
    } else {
      EXPECT_TRUE(topic < 0 || saved.model.topics[*index].label.empty()) << "document " << i << " took a zero-shot topic";
    }
  }
  EXPECT_GT(claimed, 10u);
  EXPECT_LT(claimed, d.rows) << "some documents are left to clustering";
  EXPECT_NE(r.out.find(names[0]), std::string::npos) << r.out;  // the label names the topic in the table
  const auto placed = run_cli({"transform", out, "--corpus", docs, "--output", dir.file("t.csv")});
  ASSERT_EQ(placed.exit_code, 0) << placed.err;
  const auto exported = run_cli({"export", "bertopic", out, "--out", dir.file("bt")});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const auto config = nlohmann::json::parse(test::read_file(dir.file("bt") + "/config.json"));
  EXPECT_EQ(config["zeroshot_topic_list"], nlohmann::json(names));
  EXPECT_DOUBLE_EQ(config["zeroshot_min_similarity"].get<double>(), 0.4);
}

TEST(GuidedCli, ZeroShotBadInput) {
  ScratchDir dir;
  const auto docs = themed_corpus(dir);
  const auto out = dir.file("model");
  auto r = run_cli(fit_args({"--corpus", docs, "--zero-shot", dir.write("empty.txt", "\n  \n"), "--out", out}));
  expect_one_line_error(r, 1, "empty.txt: no zero-shot topic names");
  r = run_cli(fit_args({"--corpus", docs, "--zero-shot", dir.write("z.txt", "cats\n"), "--zero-shot-min-similarity", "2",
                        "--out", out}));
  expect_one_line_error(r, 2, "--zero-shot-min-similarity 2");
  r = run_cli(fit_args({"--corpus", docs, "--zero-shot", dir.file("z.txt"), "--seed-topics",
                        dir.write("s.json", R"([["cats"]])"), "--out", out}));
  expect_one_line_error(r, 2, "cannot be combined");
  EXPECT_FALSE(std::filesystem::exists(out));
}

// Fits a model with --labels from known embeddings in `dir`; returns its folder.
std::string fit_labelled(const ScratchDir& dir, const std::string& text, const std::string& labels, const Matrix<float>& e) {
  write_npy(dir.file("e.npy"), e);
  const auto r = run_cli({"fit", "--corpus", dir.write("docs.txt", text), "--labels", dir.write("labels.txt", labels),
                          "--embeddings", dir.file("e.npy"), "--out", dir.file("model")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return dir.file("model");
}

TEST(MergeModelsCli, MergedModelSavesAndTransforms) {
  ScratchDir a_dir, b_dir;
  const test::FittedModel a = test::fit_fixture_model(a_dir);
  // A second model over the same embedding space: cats again (folds) and a new direction.
  std::string text, labels;
  Matrix<float> e(20, 4);
  for (int i = 0; i < 20; ++i) {
    text += i < 10 ? "kittens nap in sunny windows " + std::to_string(i) + "\n" : "rockets launch from the pad " + std::to_string(i) + "\n";
    labels += i < 10 ? "0\n" : "1\n";
    const float row[4] = {i < 10 ? 1.0f : 0.0f, 0.0f, i < 10 ? 0.0f : 0.3f, i < 10 ? 0.02f * static_cast<float>(i % 3) : 1.0f};
    for (std::size_t j = 0; j < 4; ++j) e(static_cast<std::size_t>(i), j) = row[j];
  }
  const std::string b = fit_labelled(b_dir, text, labels, e);
  const auto out = a_dir.file("merged");
  const auto r = run_cli({"merge-models", a.dir, b, "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("1 topics added, 1 folded"), std::string::npos) << r.err;
  const SavedModel merged = load_model(out);
  EXPECT_EQ(merged.model.assignments.size(), 28u + 20u);
  EXPECT_FALSE(merged.transform.has_value());
  const auto topics = run_cli({"topics", out});
  ASSERT_EQ(topics.exit_code, 0) << topics.err;
  EXPECT_NE(topics.out.find("rockets"), std::string::npos) << topics.out;
  // New documents along the rocket direction take the added topic.
  const auto placed = run_cli({"transform", out, "--corpus", b_dir.file("docs.txt"), "--embeddings", b_dir.file("e.npy"),
                               "--output", a_dir.file("t.csv")});
  ASSERT_EQ(placed.exit_code, 0) << placed.err;
  const std::string csv = test::read_file(a_dir.file("t.csv"));
  const int rocket_topic = merged.model.assignments[28 + 15];
  EXPECT_NE(csv.find("\n15," + std::to_string(rocket_topic) + ","), std::string::npos) << csv;
}

TEST(MergeModelsCli, IncomparableModelsAndBadArgumentsAreOneLineErrors) {
  ScratchDir a_dir, b_dir;
  const test::FittedModel a = test::fit_fixture_model(a_dir);
  Matrix<float> e(10, 3);
  std::string text, labels;
  for (int i = 0; i < 10; ++i) {
    text += "rockets launch " + std::to_string(i) + "\n";
    labels += "0\n";
    e(static_cast<std::size_t>(i), 0) = 1.0f;
    e(static_cast<std::size_t>(i), 2) = 0.1f * static_cast<float>(i);
  }
  const std::string b = fit_labelled(b_dir, text, labels, e);
  const auto out = a_dir.file("merged");
  auto r = run_cli({"merge-models", a.dir, b, "--out", out});
  expect_one_line_error(r, 2, "has 4-dimensional topic embeddings but");
  r = run_cli({"merge-models", a.dir, "--out", out});
  expect_one_line_error(r, 2, "at least two model folders");
  r = run_cli({"merge-models", a.dir, a.dir, "--out", out, "--min-similarity", "1.5"});
  expect_one_line_error(r, 2, "--min-similarity 1.5");
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace topica

namespace topica {
namespace {

// With --model the topic names go through the sentence encoder: the claims agree with cosines
// of `topica embed` vectors computed here.
TEST(GuidedCli, ZeroShotNamesAreEmbeddedByTheSentenceEncoder) {
  ScratchDir dir;
  const std::string encoder = std::string(TOPICA_SOURCE_DIR) + "/tests/fixtures/encoder/bert_mean";
  const char* themes[] = {"cats purr and sleep on the warm mat", "dogs bark at the postman and fetch sticks",
                          "stocks fell as markets priced in higher rates"};
  std::string text;
  for (int i = 0; i < 20; ++i) text += std::string(themes[i % 3]) + " on day " + std::to_string(i) + "\n";
  const auto docs = dir.write("docs.txt", text);
  const std::vector<std::string> names = {"cats sleeping", "stock markets"};
  const auto z = dir.write("names.txt", names[0] + "\n" + names[1] + "\n");
  for (const auto& [input, output] : {std::pair{docs, dir.file("d.npy")}, std::pair{z, dir.file("n.npy")}}) {
    const auto r = run_cli({"embed", "--model", encoder, "--max-length", "16", "--no-cache", "--corpus", input, "--output", output});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  const Matrix<float> d = read_npy_matrix(dir.file("d.npy")), n = read_npy_matrix(dir.file("n.npy"));
  std::vector<double> best(d.rows, -2);
  std::vector<std::size_t> best_name(d.rows, 0);
  for (std::size_t i = 0; i < d.rows; ++i) {
    for (std::size_t k = 0; k < n.rows; ++k) {
      const double s = test::cosine(test::row_of(d, i), test::row_of(n, k));
      if (s > best[i]) best[i] = s, best_name[i] = k;
    }
  }
  std::vector<double> sorted = best;
  std::sort(sorted.begin(), sorted.end());
  // Midway between two distinct similarities near the median (documents may tie), so rounding in
  // the last bits cannot move a document across it.
  std::size_t m = sorted.size() / 2;
  while (m + 1 < sorted.size() && sorted[m] - sorted[m - 1] < 1e-6) ++m;
  ASSERT_LT(m + 1, sorted.size()) << "no gap between the similarities";
  const double threshold = (sorted[m] + sorted[m - 1]) / 2;
  const auto out = dir.file("model");
  const auto r = run_cli({"fit", "--corpus", docs, "--model", encoder, "--max-length", "16", "--no-cache", "--zero-shot", z,
                          "--zero-shot-min-similarity", fmt::format("{:.17g}", threshold), "--out", out,
                          "--min-topic-size", "3", "--n-neighbors", "5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const SavedModel saved = load_model(out);
  for (std::size_t i = 0; i < d.rows; ++i) {
    const Topic& t = saved.model.topics[*saved.model.index_of(saved.model.assignments[i])];
    EXPECT_EQ(t.label, best[i] >= threshold ? names[best_name[i]] : "") << "document " << i << " at " << best[i];
  }
}

}  // namespace
}  // namespace topica
