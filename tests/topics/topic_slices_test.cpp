// topics_over_time and topics_per_class against their definition, recomputed here on a small
// corpus of single-space lowercase words: per slice and topic, term counts of the slice's
// documents of the topic, L1-normalised and multiplied by the model's idf, then (normalised
// again) averaged with the previous bin's row and with the topic's global row.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "topica/error.hpp"
#include "topica/topic_model.hpp"
#include "topica/topics_over_time.hpp"
#include "topica/topics_per_class.hpp"

namespace topica {
namespace {

using Row = std::map<std::string, double>;

const std::vector<std::string> kDocs = {
    "apple banana apple", "banana cherry",      "kiwi lemon",        "apple date",         "lemon mango kiwi",
    "cherry fig",         "mango lemon",        "apple fig fig",     "kiwi grape",         "banana grape",
};
const std::vector<int> kLabels = {0, 0, 1, 0, 1, 0, 1, 0, 1, 0};

TopicModel model() { return build_topics(kDocs, kLabels, Matrix<float>{}, TopicOptions{}); }

Row l1(Row r) {
  double sum = 0;
  for (const auto& [w, v] : r) sum += v;
  for (auto& [w, v] : r) v = sum > 0 ? v / sum : 0;
  return r;
}

Row mean(const Row& a, const Row& b) {
  Row out;
  for (const Row* r : {&a, &b}) {
    for (const auto& [w, v] : *r) out[w] = ((a.contains(w) ? a.at(w) : 0.0) + (b.contains(w) ? b.at(w) : 0.0)) / 2;
  }
  return out;
}

// Counts of the given rows' words, weighted by the model's idf.
Row ctfidf(const TopicModel& m, const std::vector<std::size_t>& rows) {
  Row counts;
  for (std::size_t r : rows) {
    std::istringstream words(kDocs[r]);
    for (std::string w; words >> w;) counts[w] += 1;
  }
  Row out = l1(counts);
  for (auto& [w, v] : out) v *= m.ctfidf.idf()[static_cast<std::size_t>(*m.vectorizer.column_of(w))];
  return out;
}

Row global(const TopicModel& m, int topic) {
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < kDocs.size(); ++r) {
    if (m.assignments[r] == topic) rows.push_back(r);
  }
  return l1(ctfidf(m, rows));
}

// The top `n` words, highest first, equal scores in vocabulary (alphabetical) order, "" past the end.
std::string top(const Row& r, std::size_t n) {
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto& [w, v] : r) {
    if (v > 0) ranked.emplace_back(-v, w);
  }
  std::sort(ranked.begin(), ranked.end());
  std::string out;
  for (std::size_t i = 0; i < n; ++i) (out += i ? ", " : "") += i < ranked.size() ? ranked[i].second : "";
  return out;
}

std::vector<std::size_t> rows_of(const TopicModel& m, int topic, std::size_t begin, std::size_t end) {
  std::vector<std::size_t> rows;
  for (std::size_t r = begin; r < end; ++r) {
    if (m.assignments[r] == topic) rows.push_back(r);
  }
  return rows;
}

TimeColumn seconds_0_to_9() {
  TimeColumn t;
  for (int i = 0; i < 10; ++i) t.seconds.push_back(i);
  return t;
}

TEST(TopicsOverTime, MatchesTheDefinitionWithEveryTuning) {
  const TopicModel m = model();
  const int fruit = m.assignments[0], other = m.assignments[2];
  // Two bins over 0..9: (-0.009, 4.5] holds rows 0-4, (4.5, 9] rows 5-9.
  for (const bool evolution : {true, false}) {
    for (const bool global_tuning : {true, false}) {
      OverTimeOptions o;
      o.bins = 2;
      o.evolution_tuning = evolution;
      o.global_tuning = global_tuning;
      o.top_n_words = 4;
      const auto rows = topics_over_time(m, kDocs, seconds_0_to_9(), o);
      ASSERT_EQ(rows.size(), 4u);
      std::map<int, Row> previous;
      for (std::size_t bin = 0; bin < 2; ++bin) {
        for (std::size_t k = 0; k < 2; ++k) {
          const auto& got = rows[bin * 2 + k];
          const int topic = std::min(fruit, other) + static_cast<int>(k);
          Row r = ctfidf(m, rows_of(m, topic, bin * 5, bin * 5 + 5));
          if (evolution || global_tuning) r = l1(r);
          if (evolution && bin == 1) r = mean(r, previous[topic]);
          if (global_tuning) r = mean(global(m, topic), r);
          EXPECT_EQ(got.topic, topic);
          EXPECT_EQ(got.slice, bin == 0 ? "-0.009" : "4.5");
          EXPECT_EQ(got.frequency, rows_of(m, topic, bin * 5, bin * 5 + 5).size());
          EXPECT_EQ(got.words, top(r, 4)) << "evolution " << evolution << " global " << global_tuning << " bin " << bin;
          previous[topic] = r;
        }
      }
    }
  }
}

TEST(TopicsOverTime, IsDeterministicForAnyThreadCountAndChecksTheCorpus) {
  const TopicModel m = model();
  OverTimeOptions o;
  o.bins = 3;
  o.threads = 1;
  const auto one = topics_over_time(m, kDocs, seconds_0_to_9(), o);
  o.threads = 4;
  const auto four = topics_over_time(m, kDocs, seconds_0_to_9(), o);
  ASSERT_EQ(one.size(), four.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].words, four[i].words);
    EXPECT_EQ(one[i].slice, four[i].slice);
  }
  const std::vector<std::string> fewer(kDocs.begin(), kDocs.end() - 1);
  EXPECT_THROW(topics_over_time(m, fewer, seconds_0_to_9(), o), UsageError);
}

TEST(TopicsPerClass, MatchesTheDefinitionAndRefusesOneClass) {
  const TopicModel m = model();
  const std::vector<std::string> classes = {"b", "a", "b", "a", "b", "b", "a", "a", "b", "b"};
  for (const bool global_tuning : {true, false}) {
    PerClassOptions o;
    o.global_tuning = global_tuning;
    const auto rows = topics_per_class(m, kDocs, classes, o);
    std::size_t i = 0;
    for (const std::string cls : {"a", "b"}) {
      for (int topic : {0, 1}) {
        std::vector<std::size_t> members;
        for (std::size_t r = 0; r < kDocs.size(); ++r) {
          if (classes[r] == cls && m.assignments[r] == topic) members.push_back(r);
        }
        if (members.empty()) continue;
        Row r = ctfidf(m, members);
        if (global_tuning) r = mean(global(m, topic), l1(r));
        ASSERT_LT(i, rows.size());
        EXPECT_EQ(rows[i].slice, cls);
        EXPECT_EQ(rows[i].topic, topic);
        EXPECT_EQ(rows[i].frequency, members.size());
        EXPECT_EQ(rows[i].words, top(r, 5)) << cls << " " << topic;
        ++i;
      }
    }
    EXPECT_EQ(i, rows.size());
  }
  const std::vector<std::string> one(kDocs.size(), "only");
  EXPECT_THROW(topics_per_class(m, kDocs, one, PerClassOptions{}), UsageError);
}

}  // namespace
}  // namespace topica
