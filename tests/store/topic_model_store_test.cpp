#include "topica/model_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.hpp"
#include "topica/error.hpp"
#include "topica/table_writer.hpp"

namespace topica {
namespace {
namespace fs = std::filesystem;

TopicModel small_model() {
  const std::vector<std::string> docs{"cats purr and cats sleep", "a cat purrs, \"loudly\"", "dogs bark loudly",
                                      "the dog barks", "dogs and dogs", "random words here"};
  const std::vector<int> labels{1, 1, 0, 0, 0, -1};
  Matrix<float> emb(6, 3);
  for (std::size_t i = 0; i < emb.values.size(); ++i) emb.values[i] = static_cast<float>(i) * 0.25f;
  TopicOptions options;
  options.vectorizer.ngram_max = 2;
  options.vectorizer.stop_words = english_stop_words();
  TopicModel m = build_topics(docs, labels, emb, options);
  m.probabilities = {0.9f, 0.8f, 1.0f, 0.5f, 0.25f, 0.0f};
  m.topics[1].label = "Dogs";
  return m;
}

TEST(TopicModelStore, SaveAndLoadGiveTheSameModel) {
  test::ScratchDir dir;
  const TopicModel m = small_model();
  const std::string path = dir.file("model");
  save_topic_model(m, {"precomputed: e.npy", R"({"umap": {"n_neighbors": 15}})"}, path);
  ModelProvenance p;
  const TopicModel back = load_topic_model(path, &p);
  EXPECT_EQ(p.embedder, "precomputed: e.npy");
  EXPECT_NE(p.settings_json.find("n_neighbors"), std::string::npos);
  EXPECT_EQ(back.assignments, m.assignments);
  EXPECT_EQ(back.probabilities, m.probabilities);
  ASSERT_EQ(back.topics.size(), m.topics.size());
  for (std::size_t t = 0; t < m.topics.size(); ++t) {
    EXPECT_EQ(back.topics[t].id, m.topics[t].id);
    EXPECT_EQ(back.topics[t].name, m.topics[t].name);
    EXPECT_EQ(back.topics[t].label, m.topics[t].label);
    EXPECT_EQ(back.topics[t].representative_docs, m.topics[t].representative_docs);
    ASSERT_EQ(back.topics[t].words.size(), m.topics[t].words.size());
    for (std::size_t w = 0; w < m.topics[t].words.size(); ++w) {
      EXPECT_EQ(back.topics[t].words[w].word, m.topics[t].words[w].word);
      EXPECT_EQ(back.topics[t].words[w].score, m.topics[t].words[w].score);
    }
  }
  EXPECT_EQ(back.topic_embeddings.values, m.topic_embeddings.values);
  EXPECT_EQ(back.vectorizer.vocabulary(), m.vectorizer.vocabulary());
  EXPECT_EQ(back.ctfidf.idf(), m.ctfidf.idf());
  EXPECT_EQ(back.ctfidf_matrix.values, m.ctfidf_matrix.values);
  EXPECT_EQ(back.options.vectorizer.stop_words, english_stop_words());
  EXPECT_EQ(back.options.vectorizer.ngram_max, 2u);
  // The loaded vectorizer and c-TF-IDF score a document as the fitted ones do.
  const std::vector<std::string> doc{"dogs bark at cats"};
  EXPECT_EQ(back.ctfidf.transform(back.vectorizer.transform(doc)).values,
            m.ctfidf.transform(m.vectorizer.transform(doc)).values);
  for (const char* f : {"config.json", "topics.json", "topics.csv", "documents.csv", "topic_embeddings.safetensors",
                        "ctfidf.safetensors", "vocabulary.txt"}) {
    EXPECT_TRUE(fs::exists(fs::path(path) / f)) << f;
  }
}

TEST(TopicModelStore, ReplacesAModelButRefusesOtherFolders) {
  test::ScratchDir dir;
  const TopicModel m = small_model();
  const std::string path = dir.file("model");
  save_topic_model(m, {}, path);
  save_topic_model(m, {}, path);  // a topica model folder may be replaced
  const std::string other = dir.write("photos/cat.jpg", "not a model");
  EXPECT_THROW(save_topic_model(m, {}, dir.file("photos")), UsageError);
  EXPECT_TRUE(fs::exists(other));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 2u);  // model and photos: no staging folder left behind
}

TEST(TopicModelStore, LoadNamesWhatIsWrong) {
  test::ScratchDir dir;
  EXPECT_THROW(load_topic_model(dir.file("absent")), Error);
  dir.write("notmodel/config.json", "{\"format\": \"other\"}");
  EXPECT_THROW(load_topic_model(dir.file("notmodel")), InputError);
  save_topic_model(small_model(), {}, dir.file("m"));
  dir.write("m/config.json", test::read_file(dir.file("m/config.json")).replace(
                                 test::read_file(dir.file("m/config.json")).find("\"format_version\": 1"), 19,
                                 "\"format_version\": 9"));
  try {
    load_topic_model(dir.file("m"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("format_version 9"), std::string::npos) << e.what();
  }
}


TEST(TopicModelStore, AspectsAndLabelsRoundTripExactly) {
  test::ScratchDir dir;
  TopicModel m = small_model();
  m.topics[0].aspects["KeyBERT"] = {{"random", 0.1234567890123456789}, {"words", -0.5}};
  m.topics[1].aspects["KeyBERT"] = {{"dogs", 0.9876543210987654}};
  m.topics[1].aspects["OpenAI"] = {{"Dogs, barking", 1.0}};
  m.topics[2].label = "Cats \"purring\"";
  save_topic_model(m, {}, dir.file("a"));
  const TopicModel back = load_topic_model(dir.file("a"));
  for (std::size_t t = 0; t < m.topics.size(); ++t) {
    EXPECT_EQ(back.topics[t].label, m.topics[t].label);
    ASSERT_EQ(back.topics[t].aspects.size(), m.topics[t].aspects.size());
    for (const auto& [name, words] : m.topics[t].aspects) {
      const auto& loaded = back.topics[t].aspects.at(name);
      ASSERT_EQ(loaded.size(), words.size());
      for (std::size_t i = 0; i < words.size(); ++i) {
        EXPECT_EQ(loaded[i].word, words[i].word);
        EXPECT_EQ(loaded[i].score, words[i].score);  // bit for bit
      }
    }
  }
  // Saving what was loaded writes the same bytes.
  save_topic_model(back, {}, dir.file("b"));
  for (const char* f : {"topics.json", "topics.csv"}) {
    EXPECT_EQ(test::read_file(dir.file(std::string("a/") + f)), test::read_file(dir.file(std::string("b/") + f))) << f;
  }
  // topics.csv: get_topic_info's columns, CustomName (names where unlabelled) and one per aspect.
  const std::string csv = test::read_file(dir.file("a/topics.csv"));
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "Topic,Count,Name,CustomName,Representation,KeyBERT,OpenAI");
  EXPECT_NE(csv.find("\n1,2," + csv_field(m.topics[2].name) + ",\"Cats \"\"purring\"\"\","), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n0,3," + csv_field(m.topics[1].name) + ",Dogs,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",\"Dogs, barking\"\n"), std::string::npos) << csv;
}

TEST(TopicModelStore, NoAspectsOrLabelsKeepTheOldFiles) {
  test::ScratchDir dir;
  TopicModel m = small_model();
  m.topics[1].label.clear();
  save_topic_model(m, {}, dir.file("m"));
  EXPECT_EQ(test::read_file(dir.file("m/topics.json")).find("aspects"), std::string::npos);
  const std::string csv = test::read_file(dir.file("m/topics.csv"));
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "Topic,Count,Name,Representation");
}

}  // namespace
}  // namespace topica
