// approximate_distribution against its definition, recomputed here: windows of raw-case tokens,
// each window's c-TF-IDF (lowercased counts, L1, times the model's idf), cosine with each
// topic's c-TF-IDF row, similarities under the threshold dropped, summed and normalised.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>

#include "topica/error.hpp"
#include "topica/topic_distribution.hpp"
#include "topica/topic_model.hpp"

namespace topica {
namespace {

using Row = std::map<std::string, double>;

const std::vector<std::string> kTraining = {"apple banana apple", "banana cherry", "kiwi lemon", "apple date",
                                            "lemon mango kiwi",   "cherry fig",    "mango lemon", "apple fig fig"};
const std::vector<int> kLabels = {0, 0, 1, 0, 1, 0, 1, -1};

std::vector<std::string> words_of(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

Row weighted(const TopicModel& m, const std::vector<std::string>& words) {
  Row counts;
  double total = 0;
  for (std::string w : words) {
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (m.vectorizer.column_of(w)) counts[w] += 1, total += 1;
  }
  for (auto& [w, v] : counts) v = v / total * m.ctfidf.idf()[static_cast<std::size_t>(*m.vectorizer.column_of(w))];
  return counts;
}

double cosine(const Row& a, const Row& b) {
  double dot = 0, na = 0, nb = 0;
  for (const auto& [w, v] : a) {
    na += v * v;
    if (b.contains(w)) dot += v * b.at(w);
  }
  for (const auto& [w, v] : b) nb += v * v;
  return na > 0 && nb > 0 ? dot / std::sqrt(na * nb) : 0.0;
}

// The expected documents x topics row and tokens x topics matrix of one document.
std::pair<std::vector<double>, std::vector<std::vector<double>>> expected(const TopicModel& m, const std::string& doc,
                                                                          std::size_t window, double min_similarity) {
  std::vector<Row> topics;
  for (int t : {0, 1}) {
    std::vector<std::string> words;
    for (std::size_t r = 0; r < kTraining.size(); ++r) {
      if (m.assignments[r] == t) {
        for (const auto& w : words_of(kTraining[r])) words.push_back(w);
      }
    }
    topics.push_back(weighted(m, words));
  }
  const auto tokens = words_of(doc);
  std::vector<std::pair<std::size_t, std::size_t>> windows;
  if (tokens.size() < window) windows.push_back({0, tokens.size()});
  for (std::size_t s = 0; tokens.size() >= window && s + window <= tokens.size(); ++s) windows.push_back({s, s + window});
  std::vector<double> doc_row(2, 0.0);
  std::vector<std::vector<double>> token_rows(tokens.size(), std::vector<double>(2, 0.0));
  for (const auto& [b, e] : windows) {
    const Row w = weighted(m, std::vector<std::string>(tokens.begin() + static_cast<std::ptrdiff_t>(b),
                                                       tokens.begin() + static_cast<std::ptrdiff_t>(e)));
    for (std::size_t t = 0; t < 2; ++t) {
      double sim = cosine(w, topics[t]);
      if (sim < min_similarity) sim = 0;
      doc_row[t] += sim;
      for (std::size_t i = b; i < e; ++i) token_rows[i][t] += sim;
    }
  }
  const double sum = doc_row[0] + doc_row[1];
  for (double& v : doc_row) v = sum > 0 ? v / sum : 0;
  return {doc_row, token_rows};
}

TEST(TopicDistribution, MatchesTheDefinitionPerDocumentAndPerToken) {
  const TopicModel m = build_topics(kTraining, kLabels, Matrix<float>{}, TopicOptions{});
  const std::vector<std::string> docs = {"Apple banana KIWI lemon mango cherry fig", "kiwi", "", "zebra apple lemon"};
  DistributionOptions o;
  o.window = 3;
  o.min_similarity = 0.2;
  o.tokens = true;
  const TopicDistribution d = approximate_distribution(m, docs, o);
  EXPECT_EQ(d.topics, (std::vector<int>{0, 1}));  // outliers excluded
  ASSERT_EQ(d.documents.rows, docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const auto [row, tokens] = expected(m, docs[i], 3, 0.2);
    for (std::size_t t = 0; t < 2; ++t) EXPECT_NEAR(d.documents(i, t), row[t], 1e-12) << "doc " << i << " topic " << t;
    ASSERT_EQ(d.tokens[i].tokens, words_of(docs[i]));  // raw case kept
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      for (std::size_t t = 0; t < 2; ++t) EXPECT_NEAR(d.tokens[i].distribution(k, t), tokens[k][t], 1e-12);
    }
  }
  EXPECT_EQ(d.documents(2, 0) + d.documents(2, 1), 0.0);  // no tokens: no distribution

  o.tokens = false;  // full windows only: the same document rows
  const TopicDistribution plain = approximate_distribution(m, docs, o);
  for (std::size_t i = 0; i < plain.documents.values.size(); ++i) {
    EXPECT_NEAR(plain.documents.values[i], d.documents.values[i], 1e-12);
  }
}

TEST(TopicDistribution, PaddingAndStrideFollowBertopic) {
  const TopicModel m = build_topics(kTraining, kLabels, Matrix<float>{}, TopicOptions{});
  DistributionOptions o;
  o.window = 4;
  o.stride = 2;
  o.padding = true;
  o.tokens = true;
  o.min_similarity = 0;
  // 6 tokens: padding windows [0,2); windows [0,4) [2,6) [4,6): token 0 is in 2 windows, token 5 in 2.
  const TopicDistribution d = approximate_distribution(m, std::vector<std::string>{"apple apple apple apple apple apple"}, o);
  const auto& tokens = d.tokens[0].distribution;
  ASSERT_EQ(tokens.rows, 6u);
  const double one = tokens(2, 0);  // tokens 2, 3: windows [0,4) and [2,6)
  EXPECT_GT(one, 0);
  EXPECT_NEAR(tokens(0, 0), one, 1e-12);  // [0,2) and [0,4)
  EXPECT_NEAR(tokens(4, 0), one, 1e-12);  // [2,6) and [4,6)
  EXPECT_THROW(approximate_distribution(m, std::vector<std::string>{"a"}, DistributionOptions{.window = 0}), UsageError);
}

}  // namespace
}  // namespace topica
