// Classification scores by scikit-learn's definitions: a confusion worked out by hand, and
// sklearn.metrics itself on random labels when Debian's python3-sklearn is installed.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"
#include "topica/classification_metrics.hpp"
#include "topica/error.hpp"
#include "topica/random.hpp"

namespace topica {
namespace {

// truth  cat cat cat dog dog  bird bird fish
// pred   cat dog cat dog bird bird cat  cat
//   bird: tp 1 fp 1 fn 1 -> P 1/2, R 1/2, F1 1/2      cat: tp 2 fp 2 fn 1 -> P 1/2, R 2/3, F1 4/7
//   dog:  tp 1 fp 1 fn 1 -> 1/2, 1/2, 1/2             fish: tp 0 fp 0 fn 1 -> 0 (zero division), 0, 0
TEST(ClassificationMetrics, MatchesAConfusionWorkedByHand) {
  const ClassificationReport r = classification_report({"cat", "cat", "cat", "dog", "dog", "bird", "bird", "fish"},
                                                       {"cat", "dog", "cat", "dog", "bird", "bird", "cat", "cat"});
  EXPECT_EQ(r.documents, 8u);
  EXPECT_DOUBLE_EQ(r.accuracy, 0.5);
  ASSERT_EQ(r.classes.size(), 4u);
  const std::vector<std::string> labels{"bird", "cat", "dog", "fish"};
  const std::vector<double> precision{0.5, 0.5, 0.5, 0}, recall{0.5, 2.0 / 3, 0.5, 0}, f1{0.5, 4.0 / 7, 0.5, 0};
  const std::vector<std::size_t> support{2, 3, 2, 1};
  for (std::size_t c = 0; c < 4; ++c) {
    EXPECT_EQ(r.classes[c].label, labels[c]);
    EXPECT_DOUBLE_EQ(r.classes[c].precision, precision[c]) << labels[c];
    EXPECT_DOUBLE_EQ(r.classes[c].recall, recall[c]) << labels[c];
    EXPECT_DOUBLE_EQ(r.classes[c].f1, f1[c]) << labels[c];
    EXPECT_EQ(r.classes[c].support, support[c]) << labels[c];
  }
  EXPECT_DOUBLE_EQ(r.macro_precision, 1.5 / 4);
  EXPECT_DOUBLE_EQ(r.macro_recall, (1.0 + 2.0 / 3) / 4);
  EXPECT_DOUBLE_EQ(r.macro_f1, (1.0 + 4.0 / 7) / 4);
}

// A predicted label that never occurs in the truth still counts as a class (sklearn's union).
TEST(ClassificationMetrics, AgreesWithScikitLearn) {
  Random random(17);
  std::vector<std::string> truth, predicted;
  nlohmann::json t = nlohmann::json::array(), p = nlohmann::json::array();
  for (int i = 0; i < 200; ++i) {
    truth.push_back("c" + std::to_string(random.below(5)));
    predicted.push_back(random.below(3) == 0 ? truth.back() : "c" + std::to_string(random.below(6)));
    t.push_back(truth.back());
    p.push_back(predicted.back());
  }
  const std::string script =
      "import json, sys\n"
      "from sklearn.metrics import accuracy_score, precision_recall_fscore_support as prfs\n"
      "t, p = json.load(sys.stdin)\n"
      "per = prfs(t, p, zero_division=0)\n"
      "macro = prfs(t, p, average='macro', zero_division=0)\n"
      "print(json.dumps({'accuracy': accuracy_score(t, p), 'per': [list(map(float, x)) for x in per], 'macro': macro[:3]}))\n";
  test::ScratchDir dir;
  const std::string script_path = dir.write("metrics.py", script);
  const std::string input = dir.write("labels.json", nlohmann::json{t, p}.dump());
  const test::RunResult run = test::run_shell("/usr/bin/python3 " + script_path + " < " + input);
  if (run.exit_code != 0) GTEST_SKIP() << "python3-sklearn is not available: " << run.err;
  const nlohmann::json sklearn = nlohmann::json::parse(run.out);
  const ClassificationReport r = classification_report(truth, predicted);
  EXPECT_DOUBLE_EQ(r.accuracy, sklearn["accuracy"].get<double>());
  ASSERT_EQ(r.classes.size(), sklearn["per"][0].size());
  EXPECT_EQ(r.classes.size(), 6u);
  for (std::size_t c = 0; c < r.classes.size(); ++c) {
    EXPECT_NEAR(r.classes[c].precision, sklearn["per"][0][c].get<double>(), 1e-12);
    EXPECT_NEAR(r.classes[c].recall, sklearn["per"][1][c].get<double>(), 1e-12);
    EXPECT_NEAR(r.classes[c].f1, sklearn["per"][2][c].get<double>(), 1e-12);
    EXPECT_EQ(static_cast<double>(r.classes[c].support), sklearn["per"][3][c].get<double>());
  }
  EXPECT_NEAR(r.macro_precision, sklearn["macro"][0].get<double>(), 1e-12);
  EXPECT_NEAR(r.macro_recall, sklearn["macro"][1].get<double>(), 1e-12);
  EXPECT_NEAR(r.macro_f1, sklearn["macro"][2].get<double>(), 1e-12);
}

TEST(ClassificationMetrics, RejectsMismatchedOrEmptyLists) {
  EXPECT_THROW(classification_report({"a"}, {}), InputError);
  EXPECT_THROW(classification_report({}, {}), InputError);
}

}  // namespace
}  // namespace topica
