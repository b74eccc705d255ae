// `topica represent DIR --method keybert|mmr`: BERTopic's KeyBERTInspired and
// MaximalMarginalRelevance on a saved model, checked against the definitions recomputed here.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>

#include "cli/lsa_model_fixture.hpp"
#include "cli/model_fixture.hpp"
#include "support/encoder_fixtures.hpp"
#include "topica/encoder.hpp"
#include "topica/saved_model.hpp"

namespace topica {
namespace {
using Json = nlohmann::json;

std::vector<std::string> words_of(const std::vector<TopicWord>& words) {
  std::vector<std::string> out;
  for (const auto& w : words) out.push_back(w.word);
  return out;
}

// KeyBERTInspired recomputed: every topic here has at most five documents, so all are
// representative and the topic embedding is the mean of their embeddings; the candidates (the
// 100 best c-TF-IDF words) are ranked by cosine to it, 0 for a word the embedder maps to zero.
void expect_keybert_words(const TopicModel& model, const std::vector<std::string>& docs, std::size_t top_n,
                          const std::function<Matrix<float>(const std::vector<std::string>&)>& embed) {
  const auto candidates = top_words(model.ctfidf_matrix, model.vectorizer.vocabulary(), 100, 100);
  for (std::size_t t = 0; t < model.topics.size(); ++t) {
    const Topic& topic = model.topics[t];
    std::vector<std::string> members;
    for (std::size_t i = 0; i < docs.size(); ++i) {
      if (model.assignments[i] == topic.id) members.push_back(docs[i]);
    }
    ASSERT_LE(members.size(), 5u);
    const Matrix<float> doc_embeddings = embed(members);
    std::vector<double> mean(doc_embeddings.cols, 0.0);
    for (std::size_t i = 0; i < doc_embeddings.rows; ++i) {
      for (std::size_t j = 0; j < mean.size(); ++j) mean[j] += doc_embeddings(i, j);
    }
    for (double& v : mean) v = static_cast<float>(v / static_cast<double>(doc_embeddings.rows));
    std::vector<std::pair<double, std::string>> ranked;
    for (const TopicWord& w : candidates[t]) {
      if (w.word.empty()) continue;
      const auto v = test::row_of(embed({w.word}), 0);
      const bool zero = std::all_of(v.begin(), v.end(), [](double x) { return x == 0; });
      ranked.emplace_back(zero ? 0.0 : test::cosine(v, mean), w.word);  // scikit-learn: 0 for a zero vector
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    ASSERT_EQ(topic.words.size(), std::min(top_n, ranked.size())) << topic.id;
    for (std::size_t i = 0; i < topic.words.size(); ++i) {
      EXPECT_EQ(topic.words[i].word, ranked[i].second) << "topic " << topic.id << " rank " << i;
      EXPECT_NEAR(topic.words[i].score, ranked[i].first, 1e-5);
    }
    EXPECT_EQ(topic.name, topic_name(topic.id, topic.words));
  }
}

TEST(RepresentCli, KeyBertRanksCandidatesByTheRepresentativeDocuments) {
  test::ScratchDir scratch;
  const auto m = test::fit_lsa_model(scratch);
  const auto before = test::run_cli({"transform", m.dir, "--corpus", m.corpus, "--output", scratch.file("before.csv")});
  ASSERT_EQ(before.exit_code, 0) << before.err;

  const auto r = test::run_cli({"represent", m.dir, "--method", "keybert", "--top-n-words", "5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const SavedModel saved = load_model(m.dir);
  ASSERT_TRUE(saved.embedder.has_value());
  expect_keybert_words(saved.model, m.docs, 5, [&](const std::vector<std::string>& texts) { return saved.embedder->embed(texts); });
  EXPECT_NE(r.out.find(saved.model.topics[1].name), std::string::npos) << r.out;

  // The folder still transforms (the same topics as before) and answers find.
  const auto after = test::run_cli({"transform", m.dir, "--corpus", m.corpus, "--output", scratch.file("after.csv")});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(test::read_file(scratch.file("after.csv")), test::read_file(scratch.file("before.csv")));
  EXPECT_EQ(test::run_cli({"find", m.dir, "cats"}).exit_code, 0);
}

// A model fitted with a sentence encoder (fit --model) embeds words with that encoder.
TEST(RepresentCli, KeyBertUsesTheSentenceEncoderOfFitModel) {
  test::ScratchDir scratch;
  const auto lsa = test::fit_lsa_model(scratch);
  const std::string dir = scratch.file("encoded");
  const auto fit = test::run_cli({"fit", "--corpus", lsa.corpus, "--labels", scratch.file("lsa_labels.txt"), "--model",
                                  test::encoder_fixture("bert_mean").string(), "--max-length", "16", "--no-cache",
                                  "--stop-words", "english", "--out", dir});
  ASSERT_EQ(fit.exit_code, 0) << fit.err;
  const auto r = test::run_cli({"represent", dir, "--method", "keybert", "--top-n-words", "4"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const SavedModel saved = load_model(dir);
  ASSERT_TRUE(saved.encoder.has_value());
  const SentenceEncoder encoder = SentenceEncoder::load(saved.encoder->folder, saved.encoder->options);
  expect_keybert_words(saved.model, lsa.docs, 4, [&](const std::vector<std::string>& texts) { return encoder.encode(texts); });
}

TEST(RepresentCli, MmrChainsOnKeyBertAndAspectsStandBeside) {
  test::ScratchDir scratch;
  const auto m = test::fit_lsa_model(scratch);
  ASSERT_EQ(test::run_cli({"represent", m.dir, "--method", "keybert"}).exit_code, 0);
  const TopicModel keybert = load_topic_model(m.dir);
  const auto r = test::run_cli({"represent", m.dir, "--method", "mmr", "--diversity", "0.5", "--top-n-words", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const TopicModel chained = load_topic_model(m.dir);
  for (std::size_t t = 0; t < chained.topics.size(); ++t) {
    // A subset of the keybert words, in their order, with their scores.
    const auto& from = keybert.topics[t].words;
    const auto& to = chained.topics[t].words;
    EXPECT_EQ(to.size(), std::min<std::size_t>(3, from.size()));
    auto at = from.begin();
    for (const TopicWord& w : to) {
      at = std::find_if(at, from.end(), [&](const TopicWord& f) { return f.word == w.word && f.score == w.score; });
      ASSERT_NE(at, from.end()) << "topic " << chained.topics[t].id << ": " << w.word;
    }
  }

  // An aspect leaves the main words alone, shows in topics.csv and in `topics --aspect`.
  ASSERT_EQ(test::run_cli({"represent", m.dir, "--method", "mmr", "--aspect", "MMR", "--top-n-words", "4"}).exit_code, 0);
  const TopicModel with_aspect = load_topic_model(m.dir);
  for (std::size_t t = 0; t < with_aspect.topics.size(); ++t) {
    EXPECT_EQ(words_of(with_aspect.topics[t].words), words_of(chained.topics[t].words));
    EXPECT_EQ(with_aspect.topics[t].aspects.at("MMR").size(), 4u);
  }
  const std::string csv = test::read_file(m.dir + "/topics.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "Topic,Count,Name,Representation,MMR");
  const auto shown = test::run_cli({"topics", m.dir, "--aspect", "MMR", "--format", "json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const Json rows = Json::parse(shown.out);
  EXPECT_EQ(rows[1]["Representation"].get<std::vector<std::string>>(), words_of(with_aspect.topics[1].aspects.at("MMR")));
  const auto one = test::run_cli({"topics", m.dir, "--aspect", "MMR", "--topic", "0"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_NE(one.out.find(with_aspect.topics[1].aspects.at("MMR")[0].word), std::string::npos);
  test::expect_one_line_error(test::run_cli({"topics", m.dir, "--aspect", "KeyBERT"}), 2, "no such aspect (it has MMR)");
  EXPECT_EQ(test::run_cli({"transform", m.dir, "--corpus", m.corpus, "--output", scratch.file("t.csv")}).exit_code, 0);
}

TEST(RepresentCli, BadInputIsAOneLineErrorAndChangesNothing) {
  test::ScratchDir scratch;
  const auto fixture = test::fit_fixture_model(scratch);  // fitted from --embeddings
  const auto bytes = test::folder_bytes(fixture.dir);
  test::expect_one_line_error(test::run_cli({"represent", fixture.dir, "--method", "keybert"}), 2,
                              "fitted from --embeddings");
  test::expect_one_line_error(test::run_cli({"represent", fixture.dir, "--method", "mmr", "--aspect", "a b"}), 2,
                              "--aspect 'a b'");
  test::expect_one_line_error(test::run_cli({"represent", fixture.dir, "--method", "keybert", "--diversity", "0.3"}), 2,
                              "--diversity");
  EXPECT_EQ(test::folder_bytes(fixture.dir), bytes);
  const auto m = test::fit_lsa_model(scratch);
  test::expect_one_line_error(test::run_cli({"represent", m.dir, "--method", "mmr", "--diversity", "2"}), 2, "between 0 and 1");
  EXPECT_NE(test::run_cli({"represent", m.dir, "--method", "tfidf"}).exit_code, 0);
}

}  // namespace
}  // namespace topica
