// CountVectorizer against scikit-learn's own vocabularies and counts
// (tests/fixtures/vectorizer/README.md).
#include "topica/vectorizer.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "topica/error.hpp"

namespace topica {
namespace {

nlohmann::json fixture() {
  std::ifstream in(std::string(TOPICA_SOURCE_DIR) + "/tests/fixtures/vectorizer/sklearn_count_vectorizer.json");
  return nlohmann::json::parse(in);
}

VectorizerOptions options_from(const nlohmann::json& params) {
  VectorizerOptions o;
  if (params.contains("min_df")) {
    const auto& v = params["min_df"];
    o.min_df = v.is_number_integer() ? DocumentFrequency::count(v.get<double>()) : DocumentFrequency::share(v.get<double>());
  }
  if (params.contains("max_df")) o.max_df = DocumentFrequency::share(params["max_df"].get<double>());
  if (params.contains("max_features")) o.max_features = params["max_features"].get<std::size_t>();
  if (params.contains("ngram_range")) {
    o.ngram_min = params["ngram_range"][0];
    o.ngram_max = params["ngram_range"][1];
  }
  if (params.contains("stop_words")) o.stop_words = english_stop_words();
  return o;
}

std::vector<std::vector<std::int64_t>> dense(const TermCounts& m) {
  std::vector<std::vector<std::int64_t>> rows(m.rows, std::vector<std::int64_t>(m.cols, 0));
  for (std::size_t r = 0; r < m.rows; ++r) {
    for (auto k = m.indptr[r]; k < m.indptr[r + 1]; ++k) {
      rows[r][static_cast<std::size_t>(m.indices[static_cast<std::size_t>(k)])] = m.values[static_cast<std::size_t>(k)];
    }
  }
  return rows;
}

TEST(CountVectorizer, MatchesScikitLearnForEverySetting) {
  const auto f = fixture();
  const auto docs = f["docs"].get<std::vector<std::string>>();
  for (const auto& [name, setting] : f["settings"].items()) {
    CountVectorizer vectorizer(options_from(setting["params"]));
    const TermCounts counts = vectorizer.fit_transform(docs);
    EXPECT_EQ(vectorizer.vocabulary(), setting["vocabulary"].get<std::vector<std::string>>()) << name;
    EXPECT_EQ(dense(counts), setting["counts"].get<std::vector<std::vector<std::int64_t>>>()) << name;
    // transform() with the learned vocabulary gives the same counts.
    EXPECT_EQ(dense(vectorizer.transform(docs)), dense(counts)) << name;
  }
}

TEST(CountVectorizer, DocumentFrequencyParsesLikeScikitLearnTypes) {
  EXPECT_FALSE(DocumentFrequency::parse("2").proportion);
  EXPECT_TRUE(DocumentFrequency::parse("1.0").proportion);
  EXPECT_TRUE(DocumentFrequency::parse("0.05").proportion);
  EXPECT_THROW(DocumentFrequency::parse("1.5"), UsageError);
  EXPECT_THROW(DocumentFrequency::parse("two"), UsageError);
}

TEST(CountVectorizer, EmptyVocabularyAndOverPruningAreErrors) {
  VectorizerOptions stop;
  stop.stop_words = english_stop_words();
  CountVectorizer only_stop_words(stop);
  const std::vector<std::string> docs{"the and of", "a"};
  EXPECT_THROW(only_stop_words.fit_transform(docs), UsageError);
  VectorizerOptions strict;
  strict.min_df = DocumentFrequency::count(3);
  CountVectorizer pruned(strict);
  const std::vector<std::string> two{"alpha beta", "gamma delta"};
  EXPECT_THROW(pruned.fit_transform(two), UsageError);
}

// BERTopic joins a topic's documents with ' ' and counts the joined text; the grouped fit counts
// documents in parallel blocks and must give exactly that, for any thread count.
std::vector<std::string> joined_by_group(const std::vector<std::string>& docs, const std::vector<std::size_t>& group,
                                         std::size_t groups) {
  std::vector<std::string> joined(groups);
  std::vector<bool> started(groups, false);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (started[group[i]]) joined[group[i]] += ' ';
    started[group[i]] = true;
    joined[group[i]] += docs[i];
  }
  for (auto& text : joined) {
    if (text.empty()) text = "emptydoc";
  }
  return joined;
}

TEST(CountVectorizer, GroupedFitEqualsTheFitOfJoinedDocumentsForAnyThreadCount) {
  const std::vector<std::string> pieces{"Alpha beta", "ΣΟΦΟΣ sophos", "", "the cat sat", "로봇이 로봇을 만든다",
                                        "x", "!!!", "gamma\tdelta\nalpha", "Beta BETA beta", "naïve café"};
  std::vector<std::string> docs;
  std::vector<std::size_t> group;
  const std::size_t groups = 6;  // group 5 gets only empty documents: "emptydoc"
  for (std::size_t i = 0; i < 2600; ++i) {  // several blocks of 1,024 documents
    const std::size_t g = (i * 7) % 5;
    docs.push_back(pieces[(i * 3) % pieces.size()] + " w" + std::to_string(i % 97));
    group.push_back(g);
    if (i % 500 == 0) {
      docs.emplace_back();
      group.push_back(5);
    }
  }
  for (const bool stop_words : {false, true}) {
    for (const std::size_t ngram_max : {std::size_t{1}, std::size_t{2}}) {
      VectorizerOptions options;
      if (stop_words) options.stop_words = english_stop_words();
      options.ngram_max = ngram_max;
      options.min_df = DocumentFrequency::count(2);
      CountVectorizer reference(options);
      const TermCounts expected = reference.fit_transform(joined_by_group(docs, group, groups));
      for (const std::size_t threads : {std::size_t{1}, std::size_t{3}}) {
        CountVectorizer grouped(options);
        const TermCounts counts = grouped.fit_transform_grouped(docs, group, groups, threads);
        EXPECT_EQ(grouped.vocabulary(), reference.vocabulary()) << stop_words << ngram_max << threads;
        EXPECT_EQ(dense(counts), dense(expected)) << stop_words << ngram_max << threads;
      }
    }
  }
}

}  // namespace
}  // namespace topica
