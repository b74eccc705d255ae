// `topica fit --model DIR`: the corpus embedded by a sentence encoder through the cache, and a
// saved model that embeds text queries (find) and new documents (transform) the same way.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace topica {
namespace {

using test::run_cli;
using test::ScratchDir;

std::string model_dir() { return std::string(TOPICA_SOURCE_DIR) + "/tests/fixtures/encoder/bert_mean"; }

// A few hundred short documents on four themes, each line different.
std::string corpus_of(const ScratchDir& dir, std::size_t per_theme) {
  const char* themes[] = {"cats purr and sleep on the warm mat", "dogs bark at the postman and fetch sticks",
                          "stocks fell as markets priced in higher rates", "the team won the final match at home"};
  std::string text;
  for (std::size_t i = 0; i < per_theme; ++i) {
    for (const char* t : themes) text += std::string(t) + " on day " + std::to_string(i) + "\n";
  }
  return dir.write("docs.txt", text);
}

TEST(FitModelCli, EmbedsOnceAndFindsWithTheSameEncoder) {
  ScratchDir dir;
  const std::size_t per_theme = test::kSanitized ? 25 : 60;
  const std::string docs = corpus_of(dir, per_theme), n = std::to_string(4 * per_theme);
  const std::string cache = dir.file("cache.sqlite"), model = dir.file("model");
  const auto first = run_cli({"fit", "--corpus", docs, "--model", model_dir(), "--max-length", "16", "--cache", cache,
                              "--out", model, "--min-topic-size", "5", "--n-neighbors", "10"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("cache: 0 hit, " + n + " embedded"), std::string::npos) << first.err;
  EXPECT_TRUE(std::filesystem::exists(model + "/encoder.json"));

  // Other parameters, same corpus and encoder: nothing is embedded again.
  const auto second = run_cli({"fit", "--corpus", docs, "--model", model_dir(), "--max-length", "16", "--cache", cache,
                               "--out", dir.file("model2"), "--min-topic-size", "8", "--n-neighbors", "12"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("cache: " + n + " hit, 0 embedded"), std::string::npos) << second.err;

  // find with text embeds it as `topica embed` with the model's encoder options does.
  const std::string query = "a cat sleeps on a mat";
  const auto embedded = run_cli({"embed", "--model", model_dir(), "--max-length", "16", "--no-cache", "--corpus",
                                 dir.write("q.txt", query + "\n"), "--output", dir.file("q.npy")});
  ASSERT_EQ(embedded.exit_code, 0) << embedded.err;
  const auto by_text = run_cli({"find", model, query, "--format", "json", "--top", "3"});
  const auto by_vector = run_cli({"find", model, "--query-vector", dir.file("q.npy"), "--format", "json", "--top", "3"});
  ASSERT_EQ(by_text.exit_code, 0) << by_text.err;
  ASSERT_EQ(by_vector.exit_code, 0) << by_vector.err;
  EXPECT_EQ(by_text.out, by_vector.out);
  EXPECT_TRUE(nlohmann::json::parse(by_text.out).is_array());

  // transform embeds new documents with the encoder too.
  const auto placed = run_cli({"transform", model, "--corpus", dir.write("new.txt", query + "\ndogs bark loudly\n"),
                               "--output", "-"});
  ASSERT_EQ(placed.exit_code, 0) << placed.err;
  EXPECT_EQ(placed.out.rfind("row,topic,probability\n0,", 0), 0u) << placed.out;
}

TEST(FitModelCli, ModelAndEmbeddingsExcludeEachOther) {
  ScratchDir dir;
  const std::string docs = corpus_of(dir, 3);
  const auto r = run_cli({"fit", "--corpus", docs, "--model", model_dir(), "--embeddings", dir.file("e.npy"), "--out",
                          dir.file("m")});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("m")));
  const auto missing = run_cli({"fit", "--corpus", docs, "--model", dir.file("nowhere"), "--no-cache", "--out", dir.file("m")});
  EXPECT_EQ(missing.exit_code, 1) << missing.err;
  EXPECT_NE(missing.err.find("nowhere"), std::string::npos) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("m")));
}

}  // namespace
}  // namespace topica
