// Topics over time, per class and approximate distributions against pandas 1.5.3 + scikit-learn
// 1.2.1 doing BERTopic's steps (tests/fixtures/topic_slices: read its script for the corpus and
// the few places where it follows topica's documented choices instead of BERTopic's bugs).
// English stop words and bigrams exercise the real vectorizer and tokenizer.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "topica/analyzer.hpp"
#include "topica/time_values.hpp"
#include "topica/topic_distribution.hpp"
#include "topica/topic_model.hpp"
#include "topica/topics_over_time.hpp"
#include "topica/topics_per_class.hpp"

namespace topica {
namespace {

struct Reference {
  nlohmann::json json;
  std::vector<std::string> docs;
  TopicModel model;
};

const Reference& reference() {
  static const Reference ref = [] {
    Reference r;
    std::ifstream in(std::string(TOPICA_SOURCE_DIR) + "/tests/fixtures/topic_slices/reference.json");
    r.json = nlohmann::json::parse(in);
    r.docs = r.json["docs"].get<std::vector<std::string>>();
    TopicOptions options;
    options.vectorizer.stop_words = english_stop_words();
    options.vectorizer.ngram_max = 2;
    r.model = build_topics(r.docs, r.json["labels"].get<std::vector<int>>(), Matrix<float>{}, options);
    return r;
  }();
  return ref;
}

void expect_rows(const std::vector<TopicSliceRow>& got, const nlohmann::json& expected, bool times) {
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].topic, expected[i][0]) << "row " << i;
    EXPECT_EQ(got[i].words, expected[i][1]) << "row " << i;
    EXPECT_EQ(got[i].frequency, expected[i][2]) << "row " << i;
    if (times) {
      EXPECT_EQ(parse_iso8601(got[i].slice), parse_iso8601(expected[i][3].get<std::string>())) << got[i].slice;
    } else {
      EXPECT_EQ(got[i].slice, expected[i][3]);
    }
  }
}

TEST(TopicSlicesReference, OverTimeMatchesPandasAndSklearn) {
  const Reference& ref = reference();
  const auto raw = ref.json["times"].get<std::vector<std::string>>();
  const TimeColumn times = parse_time_column(raw, [](std::size_t row) { return std::to_string(row); });
  for (const bool evolution : {false, true}) {
    for (const bool global : {false, true}) {
      OverTimeOptions o;
      o.bins = 5;
      o.evolution_tuning = evolution;
      o.global_tuning = global;
      SCOPED_TRACE(testing::Message() << "evolution " << evolution << " global " << global);
      expect_rows(topics_over_time(ref.model, ref.docs, times, o),
                  ref.json["over_time"][std::to_string(evolution) + "_" + std::to_string(global)], true);
    }
  }
}

TEST(TopicSlicesReference, PerClassMatchesPandasAndSklearn) {
  const Reference& ref = reference();
  expect_rows(topics_per_class(ref.model, ref.docs, ref.json["classes"].get<std::vector<std::string>>(), {}),
              ref.json["per_class"], false);
}

TEST(TopicSlicesReference, DistributionsMatchSklearn) {
  const Reference& ref = reference();
  const TopicDistribution plain = approximate_distribution(ref.model, ref.docs, DistributionOptions{});
  const auto& expected = ref.json["distribution_window4"];
  ASSERT_EQ(plain.documents.rows, expected.size());
  for (std::size_t d = 0; d < plain.documents.rows; ++d) {
    for (std::size_t t = 0; t < plain.documents.cols; ++t) EXPECT_NEAR(plain.documents(d, t), expected[d][t].get<double>(), 1e-12);
  }
  DistributionOptions o;
  o.window = 3;
  o.stride = 2;
  o.min_similarity = 0.05;
  o.padding = true;
  o.tokens = true;
  const TopicDistribution padded = approximate_distribution(ref.model, ref.docs, o);
  const auto& reference_padded = ref.json["distribution_window3_stride2_padding"];
  for (std::size_t d = 0; d < padded.documents.rows; ++d) {
    for (std::size_t t = 0; t < padded.documents.cols; ++t) {
      EXPECT_NEAR(padded.documents(d, t), reference_padded["documents"][d][t].get<double>(), 1e-12);
    }
    const auto& tokens = reference_padded["tokens"][d];
    ASSERT_EQ(padded.tokens[d].tokens, tokens["tokens"].get<std::vector<std::string>>());
    for (std::size_t k = 0; k < padded.tokens[d].tokens.size(); ++k) {
      for (std::size_t t = 0; t < padded.documents.cols; ++t) {
        EXPECT_NEAR(padded.tokens[d].distribution(k, t), tokens["distribution"][k][t].get<double>(), 1e-12);
      }
    }
  }
}

}  // namespace
}  // namespace topica
