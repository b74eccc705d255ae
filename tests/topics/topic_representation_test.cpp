#include "topica/topic_representation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <sstream>

#include "support/test_support.hpp"
#include "topica/error.hpp"
#include "topica/npy.hpp"

namespace topica {
namespace {

// A stand-in embedder that is easy to reason about: every whitespace token has a fixed
// pseudo-random 8-d vector (from an FNV-1a hash of its text), and a text is the sum of its tokens.
std::vector<double> token_vector(const std::string& token) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : token) h = (h ^ c) * 1099511628211ull;
  std::vector<double> v(8);
  for (double& x : v) {
    h = h * 6364136223846793005ull + 1442695040888963407ull;
    x = static_cast<double>(h >> 11) / 9007199254740992.0 - 0.5;
  }
  return v;
}

std::vector<double> text_vector(const std::string& text) {
  std::vector<double> sum(8, 0.0);
  std::istringstream words(text);
  for (std::string w; words >> w;) {
    const auto v = token_vector(w);
    for (std::size_t j = 0; j < 8; ++j) sum[j] += v[j];
  }
  return sum;
}

std::size_t embedded_texts = 0;

Matrix<float> fake_embed(std::span<const std::string> texts) {
  embedded_texts += texts.size();
  Matrix<float> m(texts.size(), 8);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto v = text_vector(texts[i]);
    for (std::size_t j = 0; j < 8; ++j) m(i, j) = static_cast<float>(v[j]);
  }
  return m;
}

double cosine(const std::vector<double>& a, const std::vector<double>& b) {
  double dot = 0, na = 0, nb = 0;
  for (std::size_t j = 0; j < a.size(); ++j) dot += a[j] * b[j], na += a[j] * a[j], nb += b[j] * b[j];
  return na > 0 && nb > 0 ? dot / std::sqrt(na * nb) : 0.0;
}

// The float rounding the embedder applies, so test and library compare the same vectors.
std::vector<double> as_float(std::vector<double> v) {
  for (double& x : v) x = static_cast<float>(x);
  return v;
}

// Three topics of four documents each (so every document is representative) and two outliers.
struct Corpus {
  std::vector<std::string> docs;
  std::vector<int> labels;
};

Corpus small_corpus() {
  Corpus c;
  const char* themes[3][4] = {{"cats purr softly on warm mats", "kittens purr and cats nap", "cats chase mice at night",
                               "a cat naps on the sofa"},
                              {"dogs bark at the postman", "puppies fetch sticks and dogs run", "dogs guard the yard",
                               "a dog barks at night"},
                              {"tax forms arrive in spring", "file tax returns before april", "tax refunds take weeks",
                               "forms for tax offices"}};
  for (int t = 0; t < 3; ++t) {
    for (const char* d : themes[t]) {
      c.docs.push_back(d);
      c.labels.push_back(t);
    }
  }
  c.docs.push_back("weather is nice");
  c.labels.push_back(-1);
  c.docs.push_back("trains run late");
  c.labels.push_back(-1);
  return c;
}

TopicModel fitted(const Corpus& c) { return build_topics(c.docs, c.labels, {}, TopicOptions{}); }

// The same words with the same scores, in the same order.
void expect_words(const std::vector<TopicWord>& got, const std::vector<TopicWord>& want, int topic) {
  ASSERT_EQ(got.size(), want.size()) << "topic " << topic;
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i].word, want[i].word) << "topic " << topic << " rank " << i;
    EXPECT_EQ(got[i].score, want[i].score) << "topic " << topic << " rank " << i;
  }
}

TEST(Mmr, SelectsGreedilyAsWorkedOutByHand) {
  // Document (1, 0, 0). Relevance (cosine to it): w0 .9939, w1 .9701, w2 .6000, w3 .5774.
  // Cosines between words: w0-w1 .9910, w0-w2 .5963, w0-w3 .6376, w1-w2 .5821, w1-w3 .7001,
  // w2-w3 .8083.
  Matrix<float> words(4, 3);
  const float rows[4][3] = {{0.9f, 0.1f, 0}, {0.8f, 0.2f, 0}, {0.6f, 0, 0.8f}, {0.5f, 0.5f, 0.5f}};
  for (std::size_t i = 0; i < 4; ++i) std::copy(rows[i], rows[i] + 3, words.row(i));
  const std::vector<float> doc{1, 0, 0};
  // Diversity 0: relevance order.
  EXPECT_EQ(mmr_select(words, doc, 0.0, 4), (std::vector<std::size_t>{0, 1, 2, 3}));
  // Diversity 0.5: w0 first; then w1 .5*.9701-.5*.9910 = -.0104, w2 .5*.6-.5*.5963 = +.0018,
  // w3 .5*.5774-.5*.6376 = -.0301, so w2; then w1 -.0104 beats w3 .5*.5774-.5*.8083 = -.1155.
  EXPECT_EQ(mmr_select(words, doc, 0.5, 4), (std::vector<std::size_t>{0, 2, 1, 3}));
  // Diversity 0.9: after w0 and w2, w3 (.1*.5774-.9*.8083 = -.6697) beats w1 (.1*.9701-.9*.9910 = -.7949).
  EXPECT_EQ(mmr_select(words, doc, 0.9, 4), (std::vector<std::size_t>{0, 2, 3, 1}));
  // top_n stops early; more than there are gives them all.
  EXPECT_EQ(mmr_select(words, doc, 0.5, 2), (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(mmr_select(words, doc, 0.5, 10).size(), 4u);
  EXPECT_THROW(mmr_select(words, std::vector<float>{1, 0}, 0.5, 2), UsageError);
}

// The same selection as BERTopic's mmr() done with scikit-learn's cosine_similarity and numpy's
// argmax (in float64), on 40 random words in 16 dimensions, for several diversities.
TEST(Mmr, MatchesScikitLearnAndNumpy) {
  if (test::run_shell("/usr/bin/python3 -c 'import numpy, sklearn' 2>/dev/null").exit_code != 0) {
    GTEST_SKIP() << "numpy or scikit-learn is missing (scripts/install-deps installs them)";
  }
  test::ScratchDir dir;
  std::mt19937_64 rng(7);
  std::normal_distribution<float> normal;
  Matrix<float> words(40, 16), doc(1, 16);
  for (float& v : words.values) v = normal(rng);
  for (float& v : doc.values) v = normal(rng);
  write_npy(dir.file("w.npy"), words);
  write_npy(dir.file("d.npy"), doc);
  const auto r = test::run_shell(
      "/usr/bin/python3 -c \"import numpy as np, sys\n"
      "from sklearn.metrics.pairwise import cosine_similarity as cos\n"
      "d = sys.argv[1]; W = np.load(d + '/w.npy').astype('f8'); D = np.load(d + '/d.npy').astype('f8')\n"
      "rel = cos(W, D); S = cos(W); out = []\n"
      "for div in (0.0, 0.1, 0.5, 0.9):\n"
      "    chosen = [int(np.argmax(rel))]; left = [i for i in range(len(W)) if i != chosen[0]]\n"
      "    for _ in range(9):\n"
      "        v = (1 - div) * rel[left, :] - div * np.max(S[left][:, chosen], axis=1).reshape(-1, 1)\n"
      "        k = left[int(np.argmax(v))]; chosen.append(k); left.remove(k)\n"
      "    out += chosen\n"
      "np.save(d + '/i.npy', np.array(out, dtype='i8'))\" '" + dir.path().string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::int64_t> expected = read_npy_labels(dir.file("i.npy"));
  ASSERT_EQ(expected.size(), 40u);
  // Diversity changes the picks here, so matching all four is not matching one ranking.
  ASSERT_FALSE(std::equal(expected.begin(), expected.begin() + 10, expected.begin() + 30));
  const double diversities[] = {0.0, 0.1, 0.5, 0.9};
  for (std::size_t d = 0; d < 4; ++d) {
    const auto chosen = mmr_select(words, std::span<const float>(doc.values), diversities[d], 10);
    ASSERT_EQ(chosen.size(), 10u);
    for (std::size_t k = 0; k < 10; ++k) {
      EXPECT_EQ(chosen[k], static_cast<std::size_t>(expected[d * 10 + k])) << "diversity " << diversities[d] << " pick " << k;
    }
  }
}

TEST(Mmr, KeepsTheIncomingOrderAndScoresOfTheChosenWords) {
  const std::vector<std::vector<TopicWord>> topics{
      {{"cats", 0.9}, {"", 0.00001}, {"kittens", 0.5}, {"purr", 0.4}, {"tax", 0.1}},
      {{"dogs", 0.8}, {"bark", 0.7}}};
  embedded_texts = 0;
  const auto out = mmr_words(topics, fake_embed, MmrOptions{0.3, 3});
  ASSERT_EQ(out.size(), 2u);
  // The definition recomputed: words against their joined text, greedy, by this test's cosine.
  const std::vector<std::string> words{"cats", "kittens", "purr", "tax"};
  const auto topic = as_float(text_vector("cats kittens purr tax"));
  std::vector<std::size_t> chosen, left{0, 1, 2, 3};
  while (chosen.size() < 3) {
    std::size_t best = left[0];
    double best_value = -1e300;
    for (std::size_t i : left) {
      double redundancy = -1e300;
      for (std::size_t c : chosen) redundancy = std::max(redundancy, cosine(as_float(token_vector(words[i])), as_float(token_vector(words[c]))));
      const double relevance = cosine(as_float(token_vector(words[i])), topic);
      const double value = chosen.empty() ? relevance : 0.7 * relevance - 0.3 * redundancy;
      if (value > best_value) best = i, best_value = value;
    }
    chosen.push_back(best);
    left.erase(std::find(left.begin(), left.end(), best));
  }
  std::sort(chosen.begin(), chosen.end());
  ASSERT_EQ(out[0].size(), 3u);
  const std::map<std::string, double> score{{"cats", 0.9}, {"kittens", 0.5}, {"purr", 0.4}, {"tax", 0.1}};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(out[0][i].word, words[chosen[i]]);
    EXPECT_EQ(out[0][i].score, score.at(words[chosen[i]]));  // the incoming score, not a similarity
  }
  ASSERT_EQ(out[1].size(), 2u);  // fewer words than top_n: all of them
  EXPECT_EQ(out[1][0].word, "dogs");
  // Each distinct word once, plus one joined text per topic.
  EXPECT_EQ(embedded_texts, 6u + 2u);
}

TEST(KeyBert, RanksCandidatesBySimilarityToTheRepresentativeDocuments) {
  const Corpus c = small_corpus();
  const TopicModel m = fitted(c);
  KeyBertOptions options;
  options.top_n_words = 4;
  const auto out = keybert_words(m, c.docs, fake_embed, options);
  ASSERT_EQ(out.size(), m.topics.size());
  const auto candidates = top_words(m.ctfidf_matrix, m.vectorizer.vocabulary(), 100, 100);
  for (std::size_t t = 0; t < m.topics.size(); ++t) {
    // Every topic has at most five documents, so all of them are representative: the topic
    // embedding is the mean of its documents' embeddings.
    std::vector<double> topic(8, 0.0);
    std::size_t members = 0;
    for (std::size_t row = 0; row < c.docs.size(); ++row) {
      if (m.assignments[row] != m.topics[t].id) continue;
      const auto v = as_float(text_vector(c.docs[row]));
      for (std::size_t j = 0; j < 8; ++j) topic[j] += v[j];
      ++members;
    }
    ASSERT_LE(members, 5u);
    for (double& x : topic) x = static_cast<float>(x / static_cast<double>(members));
    std::vector<std::pair<double, std::string>> ranked;
    for (const TopicWord& w : candidates[t]) {
      if (!w.word.empty()) ranked.emplace_back(cosine(as_float(token_vector(w.word)), topic), w.word);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    ASSERT_EQ(out[t].size(), std::min<std::size_t>(4, ranked.size())) << "topic " << m.topics[t].id;
    for (std::size_t i = 0; i < out[t].size(); ++i) {
      EXPECT_EQ(out[t][i].word, ranked[i].second) << "topic " << m.topics[t].id << " rank " << i;
      EXPECT_NEAR(out[t][i].score, ranked[i].first, 1e-6);
    }
  }
}

RepresentOptions represent_options(RepresentationMethod method, std::size_t top_n, std::string aspect = {},
                                   double diversity = 0.1) {
  RepresentOptions o;
  o.method = method;
  o.top_n_words = top_n;
  o.aspect = std::move(aspect);
  o.diversity = diversity;
  return o;
}

TEST(Represent, KeyBertThenMmrChainsOnTheMainWords) {
  const Corpus c = small_corpus();
  TopicModel m = fitted(c);
  represent_topics(m, c.docs, fake_embed, represent_options(RepresentationMethod::KeyBert, 6));
  TopicModel expected = fitted(c);
  KeyBertOptions k;
  k.top_n_words = 6;
  const auto words = keybert_words(expected, c.docs, fake_embed, k);
  for (std::size_t t = 0; t < m.topics.size(); ++t) {
    expect_words(m.topics[t].words, words[t], m.topics[t].id);
    EXPECT_EQ(m.topics[t].name, topic_name(m.topics[t].id, words[t]));  // renamed from the new words
  }
  // mmr now refines the keybert words, not c-TF-IDF's.
  represent_topics(m, {}, fake_embed, represent_options(RepresentationMethod::Mmr, 3, {}, 0.5));
  const auto chained = mmr_words(std::vector<std::vector<TopicWord>>(words.begin(), words.end()), fake_embed, MmrOptions{0.5, 3});
  // (with keybert's similarities as the scores)
  for (std::size_t t = 0; t < m.topics.size(); ++t) expect_words(m.topics[t].words, chained[t], m.topics[t].id);
}

TEST(Represent, MmrOnFreshTopicsStartsFromTheCtfidfCandidates) {
  const Corpus c = small_corpus();
  TopicModel m = fitted(c);
  represent_topics(m, {}, fake_embed, represent_options(RepresentationMethod::Mmr, 5));
  const TopicModel fresh = fitted(c);
  const auto candidates = ctfidf_candidates(fresh, 5);
  ASSERT_GE(candidates[0].size(), 30u);  // BERTopic hands representation models at least 30 words
  const auto expected = mmr_words(candidates, fake_embed, MmrOptions{0.1, 5});
  for (std::size_t t = 0; t < m.topics.size(); ++t) expect_words(m.topics[t].words, expected[t], m.topics[t].id);
}

TEST(Represent, AnAspectLeavesTheMainWordsAndChainsOnItself) {
  const Corpus c = small_corpus();
  TopicModel m = fitted(c);
  const TopicModel fresh = m;
  represent_topics(m, c.docs, fake_embed, represent_options(RepresentationMethod::KeyBert, 5, "KeyBERT"));
  represent_topics(m, {}, fake_embed, represent_options(RepresentationMethod::Mmr, 2, "KeyBERT"));
  KeyBertOptions k;
  k.top_n_words = 5;
  const auto keybert_result = keybert_words(fresh, c.docs, fake_embed, k);
  const auto expected = mmr_words(keybert_result, fake_embed, MmrOptions{0.1, 2});
  for (std::size_t t = 0; t < m.topics.size(); ++t) {
    EXPECT_EQ(m.topics[t].name, fresh.topics[t].name);
    expect_words(m.topics[t].words, fresh.topics[t].words, m.topics[t].id);
    expect_words(m.topics[t].aspects.at("KeyBERT"), expected[t], m.topics[t].id);
  }
}

TEST(Represent, RejectsBadOptions) {
  const Corpus c = small_corpus();
  TopicModel m = fitted(c);
  RepresentOptions o;
  o.aspect = "bad name";
  EXPECT_THROW(represent_topics(m, c.docs, fake_embed, o), UsageError);
  o.aspect = "Representation";  // a column of the topic table
  EXPECT_THROW(represent_topics(m, c.docs, fake_embed, o), UsageError);
  o.aspect.clear();
  o.top_n_words = 0;
  EXPECT_THROW(represent_topics(m, c.docs, fake_embed, o), UsageError);
  o.top_n_words = 10;
  o.method = RepresentationMethod::Mmr;
  o.diversity = 1.5;
  EXPECT_THROW(represent_topics(m, c.docs, fake_embed, o), UsageError);
  o.method = RepresentationMethod::KeyBert;
  o.diversity = 0.1;
  EXPECT_THROW(represent_topics(m, {}, fake_embed, o), UsageError);  // keybert needs the documents
}

}  // namespace
}  // namespace topica
