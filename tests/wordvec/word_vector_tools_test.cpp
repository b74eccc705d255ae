// most_similar, analogy, similarity and doesnt_match against values computed here directly.
#include <gtest/gtest.h>

#include <cmath>

#include "topica/error.hpp"
#include "topica/random.hpp"
#include "topica/word_vector_tools.hpp"

namespace topica {
namespace {

WordVectors random_vectors(std::size_t words, std::size_t dim, std::uint64_t seed) {
  WordVectors v;
  Random random(seed);
  v.vectors = Matrix<float>(words, dim);
  for (float& x : v.vectors.values) x = static_cast<float>(random.normal());
  for (std::size_t w = 0; w < words; ++w) v.words.push_back("w" + std::to_string(w));
  v.reindex();
  return v;
}

std::vector<double> unit(const float* v, std::size_t n) {
  double norm = 0;
  for (std::size_t j = 0; j < n; ++j) norm += double(v[j]) * v[j];
  std::vector<double> u(n);
  for (std::size_t j = 0; j < n; ++j) u[j] = v[j] / std::sqrt(norm);
  return u;
}

std::vector<float> row(const WordVectors& v, std::size_t r) { return {v.vectors.row(r), v.vectors.row(r) + v.dimension()}; }

TEST(WordVectorTools, AnalogyIsThreeCosAddOverUnitVectors) {
  const WordVectors v = random_vectors(200, 16, 7);
  const WordVectorIndex index(v);
  const std::size_t a = 3, b = 10, c = 42;
  const auto hits = index.most_similar({row(v, b), row(v, c)}, {row(v, a)}, 5, {a, b, c});
  // Brute force: cos(w, ub - ua + uc) for every other word.
  const auto ua = unit(v.vectors.row(a), 16), ub = unit(v.vectors.row(b), 16), uc = unit(v.vectors.row(c), 16);
  std::vector<double> q(16);
  for (int j = 0; j < 16; ++j) q[j] = ub[j] - ua[j] + uc[j];
  std::vector<std::pair<double, std::size_t>> all;
  for (std::size_t w = 0; w < v.size(); ++w) {
    if (w == a || w == b || w == c) continue;
    const auto uw = unit(v.vectors.row(w), 16);
    double dot = 0, qq = 0;
    for (int j = 0; j < 16; ++j) {
      dot += uw[j] * q[j];
      qq += q[j] * q[j];
    }
    all.emplace_back(dot / std::sqrt(qq), w);
  }
  std::sort(all.rbegin(), all.rend());
  ASSERT_EQ(hits.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(hits[i].row, all[i].second);
    EXPECT_EQ(hits[i].word, v.words[all[i].second]);
    EXPECT_NEAR(hits[i].similarity, all[i].first, 1e-5);
  }
}

TEST(WordVectorTools, MostSimilarOfOneWordIsItsCosineNeighbours) {
  const WordVectors v = random_vectors(50, 8, 3);
  const auto hits = WordVectorIndex(v).most_similar({row(v, 0)}, {}, 49, {0});
  ASSERT_EQ(hits.size(), 49u);
  for (std::size_t i = 0; i < hits.size(); ++i) {
    EXPECT_NE(hits[i].row, 0u);
    EXPECT_NEAR(hits[i].similarity, cosine_similarity(row(v, 0), row(v, hits[i].row)), 1e-6);
    if (i > 0) {
      EXPECT_GE(hits[i - 1].similarity, hits[i].similarity);
    }
  }
  // restrict_vocab: only the first rows are candidates.
  for (const WordHit& h : WordVectorIndex(v).most_similar({row(v, 0)}, {}, 10, {0}, 5)) EXPECT_LT(h.row, 5u);
}

TEST(WordVectorTools, DoesntMatchPicksTheOddOneOut) {
  // Three vectors near the x axis and one along y.
  const std::vector<std::vector<float>> words = {{1, 0.1f, 0}, {2, -0.1f, 0.1f}, {0.1f, 3, 0}, {1, 0, -0.2f}};
  EXPECT_EQ(doesnt_match(words), 2u);
  EXPECT_THROW(doesnt_match({{1, 0, 0}}), UsageError);
  EXPECT_NEAR(cosine_similarity({1, 0}, {1, 1}), 1 / std::sqrt(2.0), 1e-12);
  EXPECT_EQ(cosine_similarity({0, 0}, {1, 1}), 0.0);
}

TEST(WordVectorTools, AnUnknownWordIsAnErrorNamingIt) {
  WordVectorSource source(random_vectors(5, 4, 1));
  EXPECT_EQ(source.vector("w2"), row(source.vectors(), 2));
  try {
    source.vector("zebra");
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown word 'zebra'"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace topica
