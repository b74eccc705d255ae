// The supervised classifier: a separable task learned to 100%, word bigrams telling apart what
// a bag of words cannot, save/load giving identical predictions, bad models and bad input.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "topica/error.hpp"
#include "topica/random.hpp"
#include "topica/text_classifier.hpp"

namespace topica {
namespace {

struct Labeled {
  std::vector<std::vector<std::string>> documents;
  std::vector<std::string> labels;
};

// Three classes, each with its own ten words, plus twenty words every class shares.
Labeled three_classes(std::size_t documents, std::uint64_t seed) {
  Random random(seed);
  const std::vector<std::string> classes{"sports", "politics", "science"};
  Labeled out;
  for (std::size_t d = 0; d < documents; ++d) {
    const std::size_t c = random.below(3);
    out.labels.push_back(classes[c]);
    out.documents.emplace_back();
    for (int t = 0; t < 8; ++t) {  // the first word always names the class: separable
      out.documents.back().push_back(t == 0 || random.below(2) == 0 ? classes[c] + std::to_string(random.below(10))
                                                          : "common" + std::to_string(random.below(20)));
    }
  }
  return out;
}

ClassifierOptions small_options() {
  ClassifierOptions o;
  o.dimension = 16;
  o.epochs = 10;
  o.learning_rate = 0.5;
  o.threads = 1;
  o.seed = 5;
  return o;
}

double accuracy(const TextClassifier& model, const Labeled& data) {
  std::size_t right = 0;
  for (std::size_t i = 0; i < data.documents.size(); ++i) {
    right += model.labels()[model.predict(data.documents[i]).front().label] == data.labels[i];
  }
  return static_cast<double>(right) / static_cast<double>(data.documents.size());
}

TEST(TextClassifier, LearnsASeparableTaskCompletely) {
  const Labeled train = three_classes(300, 1), held_out = three_classes(100, 2);
  ClassifierOptions o = small_options();
  std::vector<double> losses;
  o.on_epoch = [&](std::size_t, double loss, double) { losses.push_back(loss); };
  const TextClassifier model = TextClassifier::train(train.documents, train.labels, o);
  EXPECT_EQ(model.labels(), (std::vector<std::string>{"politics", "science", "sports"}));
  EXPECT_EQ(accuracy(model, train), 1.0);
  EXPECT_EQ(accuracy(model, held_out), 1.0);
  ASSERT_EQ(losses.size(), o.epochs);
  EXPECT_LT(losses.back(), 0.2 * losses.front());

  const std::vector<float> p = model.probabilities({"science3", "common1"});
  float sum = 0;
  for (float x : p) sum += x;
  EXPECT_NEAR(sum, 1.0f, 1e-5f);
  const std::vector<LabelScore> top = model.predict({"science3", "common1"}, 5);
  ASSERT_EQ(top.size(), 3u);  // k is capped at the number of labels
  EXPECT_EQ(model.labels()[top[0].label], "science");
  EXPECT_GE(top[0].probability, top[1].probability);
  EXPECT_GE(top[1].probability, top[2].probability);
}

// "alpha beta" and "beta alpha" have the same bag of words: only bigrams tell them apart.
TEST(TextClassifier, WordBigramsSeeWordOrder) {
  Labeled data;
  for (int i = 0; i < 40; ++i) {
    data.documents.push_back({"alpha", "beta"});
    data.labels.push_back("forward");
    data.documents.push_back({"beta", "alpha"});
    data.labels.push_back("backward");
  }
  ClassifierOptions o = small_options();
  o.epochs = 30;
  EXPECT_EQ(accuracy(TextClassifier::train(data.documents, data.labels, o), data), 0.5);
  o.word_ngrams = 2;
  o.buckets = 1000;
  EXPECT_EQ(accuracy(TextClassifier::train(data.documents, data.labels, o), data), 1.0);
}

TEST(TextClassifier, OneThreadIsBitDeterministic) {
  const Labeled train = three_classes(100, 3);
  const ClassifierOptions o = small_options();
  const TextClassifier a = TextClassifier::train(train.documents, train.labels, o);
  const TextClassifier b = TextClassifier::train(train.documents, train.labels, o);
  for (const auto& doc : train.documents) ASSERT_EQ(a.probabilities(doc), b.probabilities(doc));
}

TEST(TextClassifier, SaveLoadRoundTripGivesIdenticalPredictions) {
  test::ScratchDir dir;
  const Labeled train = three_classes(150, 4);
  ClassifierOptions o = small_options();
  o.word_ngrams = 2;
  o.buckets = 500;
  TextClassifier model = TextClassifier::train(train.documents, train.labels, o);
  model.analyzer.language = "ko";
  model.analyzer.user_words = {"한국어"};
  model.analyzer.lexicon = {{"영화", 0.75f}};
  const std::string path = dir.file("model.bin");
  model.save(path);
  const TextClassifier loaded = TextClassifier::load(path);
  EXPECT_EQ(loaded.labels(), model.labels());
  EXPECT_EQ(loaded.words(), model.words());
  EXPECT_EQ(loaded.analyzer, model.analyzer);
  for (const auto& doc : three_classes(50, 9).documents) ASSERT_EQ(loaded.probabilities(doc), model.probabilities(doc));
}

void expect_load_error(const std::string& path, const std::string& fragment) {
  try {
    TextClassifier::load(path);
    FAIL() << "expected an error mentioning " << fragment;
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find(fragment), std::string::npos) << message;
  }
}

TEST(TextClassifier, DamagedModelFilesGiveClearErrors) {
  test::ScratchDir dir;
  const Labeled train = three_classes(60, 5);
  const std::string path = dir.file("model.bin");
  TextClassifier::train(train.documents, train.labels, small_options()).save(path);
  const std::string bytes = test::read_file(path);
  expect_load_error(dir.write("short.bin", bytes.substr(0, bytes.size() - 3)), "truncated");
  expect_load_error(dir.write("long.bin", bytes + "xx"), "trailing bytes");
  expect_load_error(dir.write("header.bin", bytes.substr(0, bytes.find('\n') + 10)), "truncated classifier header");
  expect_load_error(dir.write("json.bin", "topica-classifier 1\n{\"dimension\": 4}\n"), "malformed classifier header");
  expect_load_error(dir.write("other.bin", "P5\n3 2\n"), "not a topica classifier");
  expect_load_error(dir.write("future.bin", "topica-classifier 9\n{}\n"), "unsupported classifier format");
  expect_load_error(dir.file("missing.bin"), "cannot open");
}

TEST(TextClassifier, BadTrainingInputGivesClearErrors) {
  const ClassifierOptions o = small_options();
  EXPECT_THROW(TextClassifier::train({}, {}, o), InputError);
  EXPECT_THROW(TextClassifier::train({{"a"}, {"b"}}, {"x"}, o), InputError);
  EXPECT_THROW(TextClassifier::train({{"a"}, {"b"}}, {"x", ""}, o), InputError);
  try {
    TextClassifier::train({{"a"}, {"b"}}, {"same", "same"}, o);
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("at least two classes"), std::string::npos) << e.what();
  }
  ClassifierOptions bad = o;
  bad.dimension = 0;
  EXPECT_THROW(TextClassifier::train({{"a"}, {"b"}}, {"x", "y"}, bad), UsageError);
}

}  // namespace
}  // namespace topica
