// Rebuilding topics by adding up the saved per-topic term counts (topics/topic_counts.hpp) must
// give the very model a full recount gives (BERTopic refits its vectorizer on the merged
// documents): the saved files are compared byte for byte, for merges, deletions and outlier
// reassignment, on a model that went through save and load.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.hpp"
#include "topica/error.hpp"
#include "topica/random.hpp"
#include "topica/safetensors.hpp"
#include "topica/topic_edit.hpp"
#include "topics/topic_counts.hpp"

namespace topica {
namespace {

constexpr int kTopics = 12;

// Documents of kTopics word pools that overlap (every fourth word is shared), with stop words,
// capitals, punctuation, Hangul, one empty document inside a topic, and outliers.
SavedModel varied_model(const TopicOptions& options = {}) {
  SavedModel saved;
  Random random(7);
  const std::vector<std::string> common{"the", "and", "Data", "system", "데이터", "of", "runs"};
  std::vector<int> labels;
  const std::size_t documents = 480;
  Matrix<float> e(documents, 6);
  for (std::size_t i = 0; i < documents; ++i) {
    const int topic = i % 10 == 9 ? -1 : static_cast<int>(random.below(kTopics));
    std::string text;
    const std::size_t words = 3 + random.below(12);
    for (std::size_t w = 0; w < words; ++w) {
      if (random.below(4) == 0) {
        text += common[random.below(common.size())];
      } else {
        const int pool = topic < 0 ? static_cast<int>(random.below(kTopics)) : topic;
        text += (random.below(5) == 0 ? "Word" : "word") + std::to_string(pool * 7 + static_cast<int>(random.below(9)));
      }
      text += random.below(6) == 0 ? ", " : " ";
    }
    saved.documents.push_back(i == 4 ? std::string() : text);
    for (std::size_t d = 0; d < e.cols; ++d) e(i, d) = static_cast<float>(random.normal() + (topic >= 0 && d == static_cast<std::size_t>(topic) % 6 ? 3 : 0));
    labels.push_back(topic);
  }
  saved.model = build_topics(saved.documents, labels, e, options);
  saved.model.probabilities.assign(documents, 0.5f);
  saved.embeddings = std::move(e);
  saved.provenance.embedder = "precomputed: test";
  return saved;
}

// relabel_topics on a copy of `saved` with and without its saved counts; both folders written.
void relabel_both_ways(const SavedModel& saved, const std::vector<int>& labels, const std::map<int, int>& label_of_old,
                       const test::ScratchDir& dir) {
  SavedModel fast = saved, slow = saved;
  slow.model.topic_term_counts = TermCounts();
  relabel_topics(fast, labels, label_of_old);
  relabel_topics(slow, labels, label_of_old);
  save_model(fast, dir.file("fast"));
  save_model(slow, dir.file("slow"));
}

void expect_same_files(const test::ScratchDir& dir) {
  for (const char* file : {"topics.json", "topics.csv", "ctfidf.safetensors", "vocabulary.txt", "documents.csv",
                           "topic_embeddings.safetensors"}) {
    EXPECT_EQ(test::read_file(dir.file(std::string("fast/") + file)), test::read_file(dir.file(std::string("slow/") + file)))
        << file;
  }
}

SavedModel saved_and_loaded(const SavedModel& saved, const test::ScratchDir& dir) {
  save_model(saved, dir.file("model"));
  return load_model(dir.file("model"));
}

std::vector<int> mapped(const std::vector<int>& assignments, const std::map<int, int>& label_of_old) {
  std::vector<int> labels;
  for (const int t : assignments) labels.push_back(t < 0 ? -1 : label_of_old.at(t));
  return labels;
}

TEST(TopicCounts, MergedTopicsAddUpToTheFullRecountByteForByte) {
  test::ScratchDir dir;
  const SavedModel saved = saved_and_loaded(varied_model(), dir);
  ASSERT_EQ(saved.model.topic_term_counts.rows, saved.model.topics.size());
  std::map<int, int> label_of_old;
  for (int t = 0; t < kTopics; ++t) label_of_old[t] = t % 4;  // twelve topics into four
  const std::vector<int> labels = mapped(saved.model.assignments, label_of_old);
  ASSERT_TRUE(added_up_topic_counts(saved, renumber_by_size(labels), 1));
  relabel_both_ways(saved, labels, label_of_old, dir);
  expect_same_files(dir);
  EXPECT_EQ(load_model(dir.file("fast")).model.topics.size(), 5u);  // four and the outliers
}

TEST(TopicCounts, DeletedTopicsAndReassignedOutliersAddUpToTheFullRecount) {
  test::ScratchDir dir;
  const SavedModel saved = saved_and_loaded(varied_model(), dir);
  std::map<int, int> label_of_old;
  for (int t = 0; t < kTopics; ++t) label_of_old[t] = t == 3 || t == 5 ? -1 : t;  // deleted
  relabel_both_ways(saved, mapped(saved.model.assignments, label_of_old), label_of_old, dir);
  expect_same_files(dir);

  // Outliers spread over three topics: the outlier topic is split, its documents counted anew.
  std::vector<int> labels(saved.model.assignments);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0 && i % 4 != 0) labels[i] = static_cast<int>(i % 3);
  }
  std::map<int, int> same;
  for (int t = 0; t < kTopics; ++t) same[t] = t;
  ASSERT_TRUE(added_up_topic_counts(saved, renumber_by_size(labels), 2));
  test::ScratchDir dir2;
  relabel_both_ways(saved, labels, same, dir2);
  expect_same_files(dir2);
}

TEST(TopicCounts, SettingsThatChangeTheRefitTakeTheFullRecount) {
  std::map<int, int> label_of_old;
  for (int t = 0; t < kTopics; ++t) label_of_old[t] = t % 3;
  TopicOptions bigrams;
  bigrams.vectorizer.ngram_max = 2;  // n-grams cross the joins of the documents
  TopicOptions pruned;
  pruned.vectorizer.min_df = DocumentFrequency::count(2);  // document frequencies change with merges
  for (const TopicOptions& options : {bigrams, pruned}) {
    const SavedModel saved = varied_model(options);
    EXPECT_FALSE(added_up_topic_counts(saved, renumber_by_size(mapped(saved.model.assignments, label_of_old)), 1));
  }
  // A topic of one empty document was counted as "emptydoc"; after a merge it is not.
  SavedModel saved = varied_model();
  std::vector<int> labels(saved.model.assignments);
  labels[4] = 99;
  saved.model = build_topics(saved.documents, labels, saved.embeddings, TopicOptions{});
  EXPECT_FALSE(added_up_topic_counts(saved, renumber_by_size(saved.model.assignments), 1));
  // Counts that no longer match the documents (as after `topica update` appends some).
  SavedModel appended = varied_model();
  appended.documents.push_back("word1 word2");
  appended.model.assignments.push_back(0);
  EXPECT_FALSE(added_up_topic_counts(appended, renumber_by_size(appended.model.assignments), 1));
  // Counts that do not produce the saved c-TF-IDF.
  SavedModel stale = varied_model();
  stale.model.topic_term_counts.values[0] += 1;
  EXPECT_FALSE(added_up_topic_counts(stale, renumber_by_size(stale.model.assignments), 1));
}

TEST(TopicCounts, AFolderWithoutCountsLoadsAndRecounts) {
  test::ScratchDir dir;
  const SavedModel saved = saved_and_loaded(varied_model(), dir);
  // Rewrite ctfidf.safetensors as topica wrote it before the counts were kept.
  const std::string path = dir.file("model/ctfidf.safetensors");
  {
    const SafetensorsFile old(path);
    SafetensorsWriter w;
    const auto data = old.read_double("data"), idf = old.read_double("idf");
    const auto indices = old.read_int("indices"), indptr = old.read_int("indptr"), shape = old.read_int("shape");
    std::vector<std::int32_t> narrow(indices.begin(), indices.end());
    w.add("data", {data.size()}, std::span<const double>(data));
    w.add("indices", {narrow.size()}, std::span<const std::int32_t>(narrow));
    w.add("indptr", {indptr.size()}, std::span<const std::int64_t>(indptr));
    w.add("shape", {2}, std::span<const std::int64_t>(shape));
    w.add("idf", {idf.size()}, std::span<const double>(idf));
    w.write(path + ".old");
  }
  std::filesystem::rename(path + ".old", path);
  SavedModel old = load_model(dir.file("model"));
  EXPECT_EQ(old.model.topic_term_counts.rows, 0u);
  std::vector<int> labels(old.model.assignments);
  for (int& l : labels) l = l == 1 ? 0 : l;
  relabel_topics(old, labels, {{0, 0}, {1, 0}});
  EXPECT_EQ(old.model.topic_term_counts.rows, old.model.topics.size());  // counted afresh, kept again
}

TEST(TopicCounts, BrokenCountsAreRefusedNamingTheFile) {
  test::ScratchDir dir;
  save_model(varied_model(), dir.file("model"));
  const std::string path = dir.file("model/ctfidf.safetensors");
  SafetensorsWriter w;
  {
    const SafetensorsFile f(path);
    for (const char* name : {"data", "idf"}) {
      const auto v = f.read_double(name);
      w.add(name, {v.size()}, std::span<const double>(v));
    }
    for (const char* name : {"indptr", "shape", "term_counts.indptr", "term_counts.data"}) {
      const auto v = f.read_int(name);
      w.add(name, {v.size()}, std::span<const std::int64_t>(v));
    }
    auto indices = f.read_int("indices");
    std::vector<std::int32_t> narrow(indices.begin(), indices.end());
    w.add("indices", {narrow.size()}, std::span<const std::int32_t>(narrow));
    auto counts = f.read_int("term_counts.indices");
    counts[3] = static_cast<std::int64_t>(f.read_int("shape")[1]);  // one past the last column
    std::vector<std::int32_t> bad(counts.begin(), counts.end());
    w.add("term_counts.indices", {bad.size()}, std::span<const std::int32_t>(bad));
  }
  w.write(path + ".bad");
  std::filesystem::rename(path + ".bad", path);
  try {
    load_model(dir.file("model"));
    FAIL() << "loaded broken counts";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("ctfidf.safetensors: term_counts.indices"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace topica
