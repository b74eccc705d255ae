// export_bertopic: the values it writes, its folder handling, and (reading ../shared) the layout
// of BERTopic 0.17's own save against ../shared/reference/bertopic/model_safetensors/.
#include "topica/bertopic_export.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "support/test_support.hpp"
#include "topica/corpus.hpp"
#include "topica/error.hpp"
#include "topica/safetensors.hpp"

namespace topica {
namespace {
namespace fs = std::filesystem;
using Json = nlohmann::json;

Json read_json(const fs::path& path) {
  std::ifstream in(path);
  return Json::parse(in);
}

TopicModel small_model() {
  const std::vector<std::string> docs{"cats purr and cats sleep", "a cat purrs loudly", "dogs bark loudly",
                                      "the dog barks", "dogs and dogs", "random words here"};
  const std::vector<int> labels{1, 1, 0, 0, 0, -1};
  Matrix<float> emb(6, 3);
  for (std::size_t i = 0; i < emb.values.size(); ++i) emb.values[i] = static_cast<float>(i) * 0.25f;
  TopicOptions options;
  options.vectorizer.ngram_max = 2;
  options.vectorizer.stop_words = english_stop_words();
  TopicModel m = build_topics(docs, labels, emb, options);
  m.topics[1].label = "Dogs";
  return m;
}

// Aspects go to topic_aspects_ as BERTopic's save_topics writes it: {aspect: {topic: [[word, score]]}}.
TEST(BertopicExport, WritesAspectsAsTopicAspects) {
  test::ScratchDir dir;
  TopicModel m = small_model();
  export_bertopic(m, {}, dir.file("plain"));
  EXPECT_EQ(read_json(fs::path(dir.file("plain")) / "topics.json")["topic_aspects"], Json::object());
  m.topics[1].aspects["KeyBERT"] = {{"dogs", 0.75}, {"barks", 0.5}};
  m.topics[2].aspects["KeyBERT"] = {{"cats", 0.25}};
  export_bertopic(m, {}, dir.file("bt"));
  const Json aspects = read_json(fs::path(dir.file("bt")) / "topics.json")["topic_aspects"];
  EXPECT_EQ(aspects, Json::parse(R"({"KeyBERT": {"0": [["dogs", 0.75], ["barks", 0.5]], "1": [["cats", 0.25]]}})"));
}

TEST(BertopicExport, WritesTheModelsValuesInBertopicsKeys) {
  test::ScratchDir dir;
  const TopicModel m = small_model();
  const fs::path out = dir.file("bt");
  export_bertopic(m, {"precomputed: e.npy", R"({"hdbscan": {"min_cluster_size": 7}})"}, out.string());
  for (const char* f : kBertopicFiles) EXPECT_TRUE(fs::exists(out / f)) << f;

  const Json config = read_json(out / "config.json");
  EXPECT_EQ(config["min_topic_size"], 7);
  EXPECT_EQ(config["n_gram_range"], Json::array({1, 2}));
  EXPECT_EQ(config["top_n_words"], 10);

  const Json topics = read_json(out / "topics.json");
  EXPECT_EQ(topics["topics"].get<std::vector<int>>(), m.assignments);
  EXPECT_EQ(topics["_outliers"], 1);
  ASSERT_EQ(topics["topic_sizes"].size(), m.topics.size());
  for (const Topic& t : m.topics) {
    const std::string key = std::to_string(t.id);
    EXPECT_EQ(topics["topic_sizes"][key], t.size);
    EXPECT_EQ(topics["topic_labels"][key], t.name);
    ASSERT_EQ(topics["topic_representations"][key].size(), t.words.size());
    EXPECT_EQ(topics["topic_representations"][key][0][0], t.words[0].word);
    EXPECT_EQ(topics["topic_representations"][key][0][1].get<double>(), t.words[0].score);
  }
  EXPECT_EQ(topics["topic_mapper"][0], Json::array({-1, -1, -1}));
  // custom_labels: one per topic in id order, the generated name where no label was set.
  EXPECT_EQ(topics["custom_labels"], Json::array({m.topics[0].name, "Dogs", m.topics[2].name}));

  const SafetensorsFile c((out / "ctfidf.safetensors").string());
  EXPECT_EQ(c.tensor("indptr").dtype, DType::I32);
  EXPECT_EQ(c.tensor("indices").dtype, DType::I32);
  EXPECT_EQ(c.read_int("indptr"), m.ctfidf_matrix.indptr);
  EXPECT_EQ(c.read_double("data"), m.ctfidf_matrix.values);
  EXPECT_EQ(c.read_double("diag"), m.ctfidf.idf());
  EXPECT_EQ(c.read_int("shape"), (std::vector<std::int64_t>{3, static_cast<std::int64_t>(m.vectorizer.vocabulary().size())}));

  const Json ctfidf = read_json(out / "ctfidf_config.json");
  EXPECT_EQ(ctfidf["vectorizer_model"]["params"]["stop_words"], "english");
  const auto& vocabulary = m.vectorizer.vocabulary();
  ASSERT_EQ(ctfidf["vectorizer_model"]["vocab"].size(), vocabulary.size());
  for (std::size_t i = 0; i < vocabulary.size(); ++i) EXPECT_EQ(ctfidf["vectorizer_model"]["vocab"][vocabulary[i]], i);
}

TEST(BertopicExport, ReplacesAPreviousExportButNoOtherFolder) {
  test::ScratchDir dir;
  const TopicModel m = small_model();
  const std::string out = dir.file("bt");
  export_bertopic(m, {}, out);
  export_bertopic(m, {}, out);  // a previous export is replaced
  EXPECT_TRUE(fs::exists(fs::path(out) / "topics.json"));

  const std::string other = dir.file("mine");
  dir.write("mine/notes.txt", "keep me");
  EXPECT_THROW(export_bertopic(m, {}, other), UsageError);
  EXPECT_EQ(test::read_file(other + "/notes.txt"), "keep me");
  EXPECT_FALSE(fs::exists(fs::path(other) / "topics.json"));
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();  // no staging left
  }
}

// Same JSON shape: equal key sets for objects, equal lengths for arrays, the same kind of value
// (integer and float told apart) everywhere below.
void expect_same_structure(const Json& ours, const Json& ref, const std::string& where) {
  const auto kind = [](const Json& j) { return j.is_number_integer() ? std::string("integer") : std::string(j.type_name()); };
  ASSERT_EQ(kind(ours), kind(ref)) << where;
  if (ref.is_object()) {
    std::vector<std::string> our_keys, ref_keys;
    for (const auto& [k, v] : ours.items()) our_keys.push_back(k);
    for (const auto& [k, v] : ref.items()) ref_keys.push_back(k);
    ASSERT_EQ(our_keys, ref_keys) << where;  // nlohmann::json keeps keys sorted
    for (const auto& [k, v] : ref.items()) expect_same_structure(ours[k], v, where + "/" + k);
  } else if (ref.is_array()) {
    ASSERT_EQ(ours.size(), ref.size()) << where;
    for (std::size_t i = 0; i < ref.size(); ++i) expect_same_structure(ours[i], ref[i], where + "/" + std::to_string(i));
  }
}

// Reads ../shared: the c-TF-IDF fixture's documents and labels (the `default` model that
// BERTopic saved) and BERTopic's saved folder, whose layout the export must reproduce.
TEST(BertopicExport, MatchesBertopicsSavedLayoutOnTheReferenceModel) {
  const auto shared = test::shared_dir();
  if (!shared) GTEST_SKIP() << "../shared is absent";
  const fs::path ref = *shared / "reference" / "bertopic" / "model_safetensors";
  const fs::path fixture = *shared / "reference" / "ctfidf";

  std::vector<std::string> docs;
  CorpusOptions corpus;
  corpus.path = (fixture / "docs.jsonl").string();
  auto reader = open_corpus(corpus);
  for (Document d; reader->next(d);) docs.push_back(d.text);
  std::vector<int> labels;
  std::ifstream in(fixture / "labels.txt");
  for (int label; in >> label;) labels.push_back(label);
  ASSERT_EQ(labels.size(), docs.size());
  // Any embeddings of BERTopic's width will do: only the layout is compared.
  const std::size_t width = SafetensorsFile((ref / "topic_embeddings.safetensors").string()).tensor("topic_embeddings").shape.at(1);
  Matrix<float> embeddings(docs.size(), width);
  for (std::size_t i = 0; i < embeddings.values.size(); ++i) embeddings.values[i] = static_cast<float>((i * 7919) % 1000) / 1000.0f;
  const TopicModel m = build_topics(docs, labels, embeddings, TopicOptions{});

  test::ScratchDir dir;
  const fs::path out = dir.file("bt");
  export_bertopic(m, {}, out.string());

  std::vector<std::string> ours, theirs;
  for (const auto& e : fs::directory_iterator(out)) ours.push_back(e.path().filename().string());
  for (const auto& e : fs::directory_iterator(ref)) theirs.push_back(e.path().filename().string());
  std::sort(ours.begin(), ours.end());
  std::sort(theirs.begin(), theirs.end());
  ASSERT_EQ(ours, theirs);

  for (const char* f : {"config.json", "topics.json", "ctfidf_config.json"}) {
    expect_same_structure(read_json(out / f), read_json(ref / f), f);
  }
  for (const char* f : {"topic_embeddings.safetensors", "ctfidf.safetensors"}) {
    const SafetensorsFile a((out / f).string()), b((ref / f).string());
    ASSERT_EQ(a.tensors().size(), b.tensors().size()) << f;
    for (const TensorInfo& t : b.tensors()) {
      ASSERT_TRUE(a.contains(t.name)) << f << ": " << t.name;
      EXPECT_EQ(dtype_name(a.tensor(t.name).dtype), std::string(dtype_name(t.dtype))) << f << ": " << t.name;
      EXPECT_EQ(a.tensor(t.name).shape, t.shape) << f << ": " << t.name;
    }
  }
}

}  // namespace
}  // namespace topica
