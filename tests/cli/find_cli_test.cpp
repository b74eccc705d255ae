// `topica find DIR --query-vector Q.npy`: BERTopic's find_topics on a saved model.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/model_fixture.hpp"

namespace topica {
namespace {
using Json = nlohmann::json;

// The mean embedding of the documents labelled `label`: what a topic's embedding is.
std::vector<double> mean_of(const test::FittedModel& m, int label) {
  std::vector<double> mean(m.vectors.cols, 0.0);
  double n = 0;
  for (std::size_t i = 0; i < m.labels.size(); ++i) {
    if (m.labels[i] != label) continue;
    for (std::size_t j = 0; j < mean.size(); ++j) mean[j] += m.vectors(i, j);
    ++n;
  }
  for (double& v : mean) v /= n;
  return mean;
}

std::string write_query(const test::ScratchDir& scratch, const std::string& name, const std::vector<float>& q) {
  Matrix<float> m(1, q.size());
  m.values = q;
  write_npy(scratch.file(name), m);
  return scratch.file(name);
}

TEST(FindCli, RanksTopicsByCosineSimilarityWithoutTheOutlierTopic) {
  test::ScratchDir scratch;
  const auto m = test::fit_fixture_model(scratch);
  // The outliers' direction: topic -1 would be the best match, but find_topics leaves it out.
  const std::vector<float> q{0.1f, 0.0f, 1.0f, 0.3f};
  const auto r = test::run_cli({"find", m.dir, "--query-vector", write_query(scratch, "q.npy", q), "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json hits = Json::parse(r.out);
  ASSERT_EQ(hits.size(), 2u) << r.out;
  const std::vector<double> query(q.begin(), q.end());
  const double cats = test::cosine(query, mean_of(m, 7)), dogs = test::cosine(query, mean_of(m, 3));
  ASSERT_GT(cats, dogs);  // the fixture's geometry
  EXPECT_EQ(hits[0]["topic"], 0);
  EXPECT_NEAR(hits[0]["similarity"].get<double>(), cats, 1e-6);
  EXPECT_EQ(hits[1]["topic"], 1);
  EXPECT_NEAR(hits[1]["similarity"].get<double>(), dogs, 1e-6);
  EXPECT_EQ(hits[0]["name"].get<std::string>().rfind("0_cats", 0), 0u);

  // A query equal to the dog topic's mean, as a 1-row array, with --top 1 and the text table.
  const auto dog_mean = mean_of(m, 3);
  const std::vector<float> dq(dog_mean.begin(), dog_mean.end());
  const auto top = test::run_cli({"find", m.dir, "--query-vector", write_query(scratch, "d.npy", dq), "--top", "1"});
  ASSERT_EQ(top.exit_code, 0) << top.err;
  EXPECT_NE(top.out.find("1    1.000000  1_dogs"), std::string::npos) << top.out;
  EXPECT_EQ(std::count(top.out.begin(), top.out.end(), '\n'), 2) << top.out;  // header + 1 topic
}

TEST(FindCli, BadInputIsAOneLineError) {
  test::ScratchDir scratch;
  const auto m = test::fit_fixture_model(scratch);
  // Wrong width: the model's topic embeddings have 4 dimensions.
  test::expect_one_line_error(test::run_cli({"find", m.dir, "--query-vector", write_query(scratch, "w.npy", {1, 2, 3})}), 2,
                              "3 values but the model's topic embeddings have 4 dimensions");
  // Two rows are two queries, not one.
  Matrix<float> two(2, 4);
  write_npy(scratch.file("two.npy"), two);
  test::expect_one_line_error(test::run_cli({"find", m.dir, "--query-vector", scratch.file("two.npy")}), 2, "shape (2, 4)");
  // A text query on a model fitted from --embeddings asks for the query's vector.
  test::expect_one_line_error(test::run_cli({"find", m.dir, "cats"}), 2, "--query-vector");
  test::expect_one_line_error(test::run_cli({"find", m.dir}), 2, "QUERY or --query-vector");
  test::expect_one_line_error(test::run_cli({"find", scratch.file("nowhere"), "--query-vector", scratch.file("w.npy")}), 1,
                              "nowhere");
}

TEST(FindCli, ATextQueryIsEmbeddedByTheModelsBuiltInEmbedder) {
  test::ScratchDir scratch;
  std::string text;
  for (int i = 0; i < 20; ++i) {
    text += "cats purr and cats sleep on the warm mat with kittens " + std::to_string(i % 5) + "\n";
    text += "compilers parse source code and emit machine instructions " + std::to_string(i % 5) + "\n";
  }
  const auto model = scratch.file("model");
  const auto fit = test::run_cli({"fit", "--corpus", scratch.write("docs.txt", text), "--out", model, "--stop-words", "english"});
  ASSERT_EQ(fit.exit_code, 0) << fit.err;
  const auto r = test::run_cli({"find", model, "kittens sleep", "--top", "1", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json hits = Json::parse(r.out);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_NE(hits[0]["name"].get<std::string>().find("cats"), std::string::npos) << r.out;
  EXPECT_GT(hits[0]["similarity"].get<double>(), 0.5);
}

}  // namespace
}  // namespace topica
