#include "topica/topic_labels.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

TopicModel model_with_words() {
  TopicModel m;
  const std::vector<std::pair<int, std::vector<TopicWord>>> topics{
      {-1, {{"the", 0.3}, {"and", 0.2}}},
      {0, {{"cats", 0.9}, {"purr", 0.8}, {"", 0.00001}, {"mats", 0.7}, {"nap", 0.6}, {"warm", 0.5}}},
      {1, {{"d\xc3\xa9j\xc3\xa0vu", 0.9}, {"dogs", 0.8}}}};
  for (const auto& [id, words] : topics) {
    Topic t;
    t.id = id;
    t.words = words;
    t.name = topic_name(id, words);
    m.topics.push_back(t);
  }
  m.topics[1].aspects["KeyBERT"] = {{"feline", 0.7}, {"kitten", 0.6}};
  m.topics[2].aspects["KeyBERT"] = {{"canine", 0.8}};
  m.topics[0].aspects["KeyBERT"] = {};
  return m;
}

TEST(GenerateTopicLabels, AsBertopicsGenerateTopicLabels) {
  const TopicModel m = model_with_words();
  GeneratedLabelOptions o;
  // The default: four words (empty filler skipped) after the id, joined by "_".
  EXPECT_EQ(generate_topic_labels(m, o),
            (std::map<int, std::string>{{-1, "-1_the_and"}, {0, "0_cats_purr_mats_nap"}, {1, "1_d\xc3\xa9j\xc3\xa0vu_dogs"}}));
  o.nr_words = 2;
  o.separator = ", ";
  o.topic_prefix = false;
  o.word_length = 3;  // characters, not bytes: "déj" is four bytes
  EXPECT_EQ(generate_topic_labels(m, o),
            (std::map<int, std::string>{{-1, "the, and"}, {0, "cat, pur"}, {1, "d\xc3\xa9j, dog"}}));
  o = {};
  o.aspect = "KeyBERT";
  EXPECT_EQ(generate_topic_labels(m, o), (std::map<int, std::string>{{-1, "-1_"}, {0, "0_feline_kitten"}, {1, "1_canine"}}));
  o.aspect = "MMR";
  EXPECT_THROW(generate_topic_labels(m, o), UsageError);
  o = {};
  o.nr_words = 0;
  EXPECT_THROW(generate_topic_labels(m, o), UsageError);
}

TEST(TopicLabelsFile, ReadsQuotedLabelsAndSetsThem) {
  test::ScratchDir dir;
  TopicModel m = model_with_words();
  m.topics[2].label = "kept";
  const std::string path = dir.write("labels.csv", "topic,label\n0,\"Cats, mostly\"\n-1,Noise\n");
  const auto labels = read_topic_labels(path, m);
  EXPECT_EQ(labels, (std::map<int, std::string>{{-1, "Noise"}, {0, "Cats, mostly"}}));
  set_topic_labels(m, labels);
  EXPECT_EQ(m.topics[0].label, "Noise");
  EXPECT_EQ(m.topics[1].label, "Cats, mostly");
  EXPECT_EQ(m.topics[2].label, "kept");  // not in the file: unchanged
  EXPECT_THROW(set_topic_labels(m, {{7, "x"}}), UsageError);
}

TEST(TopicLabelsFile, ErrorsNameTheLine) {
  test::ScratchDir dir;
  const TopicModel m = model_with_words();
  const auto message = [&](const std::string& content) {
    try {
      read_topic_labels(dir.write("l.csv", content), m);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no InputError");
  };
  EXPECT_NE(message("topic,label\n0,a\n12,b\n").find("l.csv: line 3: topic 12 is not in the model (its topics are -1 to 1)"),
            std::string::npos);
  EXPECT_NE(message("topic,label\nzero,a\n").find("line 2: topic 'zero' is not an integer"), std::string::npos);
  EXPECT_NE(message("topic,label\n1,a\n0,b\n1,c\n").find("line 4: topic 1 was already given a label on line 2"), std::string::npos);
  EXPECT_THROW(read_topic_labels(dir.write("h.csv", "id,name\n0,a\n"), m), UsageError);  // no topic,label header
}

}  // namespace
}  // namespace topica
