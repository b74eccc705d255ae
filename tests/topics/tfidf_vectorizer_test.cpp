// TfidfVectorizer against scikit-learn's own idf and TF-IDF values
// (tests/fixtures/vectorizer/README.md). float32 output: values within 1e-6.
#include "topica/tfidf.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

namespace topica {
namespace {

TEST(TfidfVectorizer, MatchesScikitLearn) {
  std::ifstream in(std::string(TOPICA_SOURCE_DIR) + "/tests/fixtures/vectorizer/sklearn_tfidf_vectorizer.json");
  const auto f = nlohmann::json::parse(in);
  const auto docs = f["docs"].get<std::vector<std::string>>();
  for (const auto& [name, setting] : f["settings"].items()) {
    const auto& p = setting["params"];
    TfidfOptions options;
    options.sublinear_tf = p.value("sublinear_tf", false);
    options.smooth_idf = p.value("smooth_idf", true);
    if (p.contains("min_df")) options.vectorizer.min_df = DocumentFrequency::count(p["min_df"].get<double>());
    if (p.contains("stop_words")) options.vectorizer.stop_words = english_stop_words();
    TfidfVectorizer tfidf(options);
    const CsrMatrix x = tfidf.fit_transform(docs);
    ASSERT_EQ(tfidf.vocabulary(), setting["vocabulary"].get<std::vector<std::string>>()) << name;
    const auto idf = setting["idf"].get<std::vector<double>>();
    for (std::size_t c = 0; c < idf.size(); ++c) EXPECT_NEAR(tfidf.idf()[c], idf[c], 1e-12) << name;
    const auto want = setting["tfidf"].get<std::vector<std::vector<double>>>();
    std::vector<std::vector<double>> got(x.rows, std::vector<double>(x.cols, 0.0));
    for (std::size_t r = 0; r < x.rows; ++r) {
      for (auto k = x.indptr[r]; k < x.indptr[r + 1]; ++k) {
        got[r][static_cast<std::size_t>(x.indices[static_cast<std::size_t>(k)])] = x.values[static_cast<std::size_t>(k)];
      }
    }
    for (std::size_t r = 0; r < want.size(); ++r) {
      for (std::size_t c = 0; c < want[r].size(); ++c) EXPECT_NEAR(got[r][c], want[r][c], 1e-6) << name << " " << r << "," << c;
    }
  }
}

}  // namespace
}  // namespace topica
