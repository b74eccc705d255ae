#include "topica/synonym_groups.hpp"

#include <gtest/gtest.h>

#include "topica/error.hpp"

namespace topica {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_synonym_groups(text, "groups.txt");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(SynonymGroups, JsonObjectForm) {
  const auto groups = parse_synonym_groups(R"({"반창고": ["반창고", "대일밴드"], "fluoxetine": ["fluoxetine", "Prozac"]})", "g");
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].name, "반창고");
  EXPECT_EQ(groups[0].words, (std::vector<std::string>{"반창고", "대일밴드"}));
  EXPECT_EQ(groups[0].weights, (std::vector<double>{1, 1}));
  EXPECT_EQ(groups[1].words[1], "Prozac");
}

TEST(SynonymGroups, JsonArrayFormWithWeights) {
  const auto groups = parse_synonym_groups(
      R"([{"concept": "약", "words": ["약", "의약품"], "weights": [2, 0.5]}, {"concept": "pc", "words": ["PC", "컴퓨터"]}])", "g");
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].weights, (std::vector<double>{2, 0.5}));
  EXPECT_EQ(groups[1].weights, (std::vector<double>{1, 1}));
}

TEST(SynonymGroups, CsvWithAndWithoutWeights) {
  const auto groups = parse_synonym_groups("concept,word,weight\n반창고,반창고,2\n약,약,\n반창고, 대일밴드 ,1\n약,\"의약,품\",3\n", "g");
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].words, (std::vector<std::string>{"반창고", "대일밴드"}));
  EXPECT_EQ(groups[0].weights, (std::vector<double>{2, 1}));
  EXPECT_EQ(groups[0].line, 2u);
  EXPECT_EQ(groups[1].words[1], "의약,품");
  EXPECT_EQ(parse_synonym_groups("concept,word\na,b\na,c\n", "g")[0].words.size(), 2u);
}

TEST(SynonymGroups, CsvRoundTrip) {
  const auto groups = parse_synonym_groups("concept,word,weight\n반창고,반창고,1\n반창고,대일밴드,0.5\nx,\"a,b\",1\nx,c,1\n", "g");
  const auto again = parse_synonym_groups(synonym_groups_csv(groups), "g");
  ASSERT_EQ(again.size(), groups.size());
  for (std::size_t i = 0; i < groups.size(); ++i) {
    EXPECT_EQ(again[i].words, groups[i].words);
    EXPECT_EQ(again[i].weights, groups[i].weights);
  }
}

TEST(SynonymGroups, BadInputNamesTheFileAndTheGroup) {
  EXPECT_EQ(error_of(""), "groups.txt: no synonym groups (the file is empty)");
  EXPECT_EQ(error_of("  \n"), "groups.txt: no synonym groups (the file is empty)");
  EXPECT_EQ(error_of("{}"), "groups.txt: no synonym groups");
  EXPECT_EQ(error_of(R"({"반창고": ["대일밴드"]})"), "groups.txt: group '반창고' has 1 word; a group needs two or more");
  EXPECT_EQ(error_of("concept,word\n반창고,대일밴드\n"),
            "groups.txt: group '반창고' (line 2) has 1 word; a group needs two or more");
  EXPECT_EQ(error_of(R"({"a": ["x", "y"], "b": ["y", "z"]})"), "groups.txt: 'y' is in two groups: group 'a' and group 'b'");
  EXPECT_EQ(error_of(R"({"a": ["x", "x"]})"), "groups.txt: group 'a': 'x' is listed twice");
  EXPECT_NE(error_of(R"({"a": ["x", "y"])").find("groups.txt: not valid JSON"), std::string::npos);
  EXPECT_EQ(error_of("word,concept\na,b\n"), "groups.txt: line 1: expected the header concept,word or concept,word,weight");
  EXPECT_EQ(error_of("concept,word\na,\"b\n"), "groups.txt: line 2: unclosed quote");
  EXPECT_EQ(error_of("concept,word,weight\na,b,x\na,c,1\n"), "groups.txt: line 2: weight 'x' is not a positive number");
  EXPECT_EQ(error_of("concept,word,weight\na,b,0\na,c,1\n"), "groups.txt: line 2: weight '0' is not a positive number");
  EXPECT_EQ(error_of("concept,word\na,\na,c\n"), "groups.txt: line 2: empty word");
  EXPECT_EQ(error_of(R"([{"concept": "a", "words": ["x", "y"], "weights": [1]}])"),
            "groups.txt: group 'a': \"weights\" must hold one number per word");
  EXPECT_EQ(error_of("[1]"), "groups.txt: group #1: expected {\"concept\": \"...\", \"words\": [...]}");
}

TEST(SynonymGroups, ConceptOfWords) {
  const auto map = concept_of_words(parse_synonym_groups(R"({"반창고": ["반창고", "대일밴드"]})", "g"));
  EXPECT_EQ(map.at("대일밴드"), "반창고");
  EXPECT_EQ(map.at("반창고"), "반창고");
}

}  // namespace
}  // namespace topica
