// fit --synonyms at the vectorizer: members of a group count as their concept, so 대일밴드 and
// 반창고 add up in one term, with the Korean analyzer (particles split off first) and with
// scikit-learn's (lowercased first).
#include <gtest/gtest.h>

#include "topica/analyzer.hpp"
#include "topica/synonym_groups.hpp"
#include "topica/vectorizer.hpp"

namespace topica {
namespace {

std::map<std::string, std::int64_t> totals(CountVectorizer& vectorizer, const std::vector<std::string>& docs) {
  const TermCounts counts = vectorizer.fit_transform(docs);
  std::map<std::string, std::int64_t> out;
  for (std::size_t i = 0; i < counts.nnz(); ++i) out[vectorizer.vocabulary()[counts.indices[i]]] += counts.values[i];
  return out;
}

TEST(ConceptAnalyzer, KoreanMembersCountAsTheirConcept) {
  const std::vector<std::string> docs = {"손가락에 대일밴드를 붙였다", "반창고를 샀다", "대일밴드 두 개와 반창고"};
  VectorizerOptions options;
  options.analyzer = choose_analyzer("ko", docs, {"대일밴드", "반창고"});
  CountVectorizer plain(options);
  const auto before = totals(plain, docs);
  ASSERT_EQ(before.at("대일밴드"), 2);
  ASSERT_EQ(before.at("반창고"), 2);
  options.analyzer.concepts = concept_of_words(parse_synonym_groups(R"({"반창고": ["반창고", "대일밴드"]})", "g"));
  CountVectorizer merged(options);
  const auto after = totals(merged, docs);
  EXPECT_EQ(after.count("대일밴드"), 0u);
  EXPECT_EQ(after.at("반창고"), 4);
  EXPECT_EQ(after.size(), before.size() - 1);
}

TEST(ConceptAnalyzer, EnglishMembersAreMatchedLowercased) {
  const std::vector<std::string> docs = {"Prozac helps", "fluoxetine helps", "PROZAC again"};
  VectorizerOptions options;
  options.analyzer.concepts = {{"Prozac", "fluoxetine"}, {"fluoxetine", "fluoxetine"}};
  CountVectorizer merged(options);
  const auto after = totals(merged, docs);
  EXPECT_EQ(after.at("fluoxetine"), 3);
  EXPECT_EQ(after.count("prozac"), 0u);
}

}  // namespace
}  // namespace topica
