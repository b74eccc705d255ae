// c-TF-IDF parity with BERTopic 0.17.4 on ../shared/reference/ctfidf/ (read its README): the same
// 5,000 documents and topic labels through CountVectorizer + ClassTfidfTransformer, three
// settings. Topics are matched through the documents they hold; scores must agree within 1e-6
// relative, and words with tied scores may come in any order among themselves.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <map>

#include "support/test_support.hpp"
#include "topica/ctfidf.hpp"
#include "topica/vectorizer.hpp"

namespace topica {
namespace {

struct Reference {
  std::vector<std::string> docs;
  std::vector<int> labels;  // the input labels (-1 = outlier)
};

Reference load_reference(const std::filesystem::path& dir) {
  Reference ref;
  std::ifstream docs(dir / "docs.jsonl");
  for (std::string line; std::getline(docs, line);) ref.docs.push_back(nlohmann::json::parse(line)["text"]);
  std::ifstream labels(dir / "labels.txt");
  for (int label; labels >> label;) ref.labels.push_back(label);
  return ref;
}

// BERTopic's multilingual preprocessing turns newlines and tabs into spaces; the documents of
// one topic are joined with a space in their original order, one joined document per topic.
void compare_setting(const std::string& setting, const VectorizerOptions& vectorizer_options,
                     const CtfidfOptions& ctfidf_options) {
  const auto shared = test::shared_dir();
  if (!shared) GTEST_SKIP() << "../shared is absent";
  const auto dir = *shared / "reference" / "ctfidf";
  const Reference ref = load_reference(dir);
  ASSERT_EQ(ref.docs.size(), ref.labels.size());

  // Our classes: the input labels, in increasing order (as pandas groupby sorts them).
  std::vector<int> classes;
  std::vector<std::string> class_docs;
  std::map<int, std::vector<std::string>> members;
  for (std::size_t i = 0; i < ref.docs.size(); ++i) {
    std::string doc = ref.docs[i];
    std::replace(doc.begin(), doc.end(), '\n', ' ');
    std::replace(doc.begin(), doc.end(), '\t', ' ');
    members[ref.labels[i]].push_back(std::move(doc));
  }
  for (auto& [label, docs] : members) {
    classes.push_back(label);
    std::string joined;
    for (std::size_t j = 0; j < docs.size(); ++j) joined += (j ? " " : "") + docs[j];
    class_docs.push_back(std::move(joined));
  }

  CountVectorizer vectorizer(vectorizer_options);
  const TermCounts counts = vectorizer.fit_transform(class_docs);
  ClassTfidf ctfidf(ctfidf_options);
  const auto words = top_words(ctfidf.fit_transform(counts), vectorizer.vocabulary());

  // BERTopic's final topic of each of our classes, through any member document.
  std::vector<int> final_topic_of_doc;
  std::ifstream doc_topics(dir / ("doc_topics_" + setting + ".txt"));
  for (int t; doc_topics >> t;) final_topic_of_doc.push_back(t);
  ASSERT_EQ(final_topic_of_doc.size(), ref.docs.size());
  std::map<int, int> final_of_class;
  for (std::size_t i = 0; i < ref.docs.size(); ++i) final_of_class[ref.labels[i]] = final_topic_of_doc[i];

  std::ifstream topics_file(dir / ("topics_" + setting + ".json"));
  const auto expected = nlohmann::json::parse(topics_file);
  std::map<int, nlohmann::json> expected_by_topic;
  for (const auto& t : expected) expected_by_topic[t["topic"].get<int>()] = t;
  ASSERT_EQ(expected_by_topic.size(), classes.size());

  for (std::size_t c = 0; c < classes.size(); ++c) {
    const auto& want = expected_by_topic.at(final_of_class.at(classes[c]))["words"];
    const auto& got = words[c];
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t j = 0; j < got.size(); ++j) {
      const double score = want[j][1].get<double>();
      EXPECT_NEAR(got[j].score, score, 1e-6 * std::abs(score)) << setting << " class " << classes[c] << " word " << j;
      if (got[j].word != want[j][0].get<std::string>()) {
        // Only acceptable where the reference has a tie at this score.
        bool tie = false;
        for (std::size_t k = 0; k < want.size(); ++k) {
          tie = tie || (k != j && want[k][1].get<double>() == score && want[k][0].get<std::string>() == got[j].word);
        }
        // A tie that reaches the last kept word may continue beyond it: any member may appear.
        const double last = want.back()[1].get<double>();
        const bool tail_tie = std::abs(score - last) <= 1e-12 * std::abs(last);
        EXPECT_TRUE(tie || tail_tie) << setting << " class " << classes[c] << " word " << j << ": got '"
                                     << got[j].word << "', want '" << want[j][0].get<std::string>() << "'";
      }
    }
  }
}

TEST(CtfidfReference, DefaultSettingsMatchBertopic) { compare_setting("default", {}, {}); }

TEST(CtfidfReference, BigramsStopWordsMinDfMatchBertopic) {
  VectorizerOptions options;
  options.ngram_max = 2;
  options.min_df = DocumentFrequency::count(2);
  options.stop_words = english_stop_words();
  compare_setting("bigram_stop_mindf2", options, {});
}

TEST(CtfidfReference, Bm25AndReducedFrequentWordsMatchBertopic) {
  compare_setting("bm25_reduce", {}, CtfidfOptions{.bm25_weighting = true, .reduce_frequent_words = true});
}

}  // namespace
}  // namespace topica
