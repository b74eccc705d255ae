// Document vectors: the mean, and SIF checked against a power iteration done here.
#include <gtest/gtest.h>

#include <cmath>

#include "topica/document_vectors.hpp"
#include "topica/random.hpp"

namespace topica {
namespace {

WordVectors small_vectors() {
  WordVectors v;
  v.words = {"the", "cat", "dog", "sat"};
  v.vectors = Matrix<float>(4, 3);
  v.vectors.values = {1, 1, 1, 2, 0, -1, 0, 3, 1, -1, 2, 0.5f};
  v.reindex();
  return v;
}

TEST(DocumentVectors, MeanOfTheKnownWords) {
  DocumentVectorStats stats;
  const Matrix<float> d = document_vectors(small_vectors(), {{"the", "cat", "zebra"}, {"zebra"}, {"dog"}}, {}, {}, &stats);
  ASSERT_EQ(d.rows, 3u);
  EXPECT_EQ(std::vector<float>(d.row(0), d.row(0) + 3), (std::vector<float>{1.5f, 0.5f, 0.0f}));
  EXPECT_EQ(std::vector<float>(d.row(1), d.row(1) + 3), (std::vector<float>{0, 0, 0}));
  EXPECT_EQ(std::vector<float>(d.row(2), d.row(2) + 3), (std::vector<float>{0, 3, 1}));
  EXPECT_EQ(stats.empty_documents, 1u);
  EXPECT_EQ(stats.tokens, 5u);
  EXPECT_EQ(stats.known_tokens, 3u);
}

TEST(DocumentVectors, SifWeightsAndRemovesTheFirstComponent) {
  const WordVectors v = small_vectors();
  const std::vector<std::vector<std::string>> docs{{"the", "cat", "sat"}, {"the", "dog"}, {"cat", "dog", "dog"}, {"sat", "the"}};
  const std::vector<std::uint64_t> counts{50, 10, 20, 20};  // p = 0.5, 0.1, 0.2, 0.2
  DocumentVectorOptions o;
  o.weighting = DocumentWeighting::Sif;
  o.sif_a = 0.1;
  const Matrix<float> got = document_vectors(v, docs, o, counts);
  // By hand: weighted means, then X - X u u^T with u from a power iteration on X^T X.
  const double p[4] = {0.5, 0.1, 0.2, 0.2};
  std::vector<std::vector<double>> x;
  for (const auto& doc : docs) {
    std::vector<double> row(3, 0.0);
    for (const auto& w : doc) {
      const std::size_t r = *v.find(w);
      for (int j = 0; j < 3; ++j) row[j] += 0.1 / (0.1 + p[r]) * v.vectors(r, j) / double(doc.size());
    }
    x.push_back(row);
  }
  std::vector<double> u{1, 0.3, -0.2};
  for (int it = 0; it < 500; ++it) {
    std::vector<double> next(3, 0.0);
    for (const auto& row : x) {
      const double xu = row[0] * u[0] + row[1] * u[1] + row[2] * u[2];
      for (int j = 0; j < 3; ++j) next[j] += xu * row[j];
    }
    const double n = std::sqrt(next[0] * next[0] + next[1] * next[1] + next[2] * next[2]);
    for (int j = 0; j < 3; ++j) u[j] = next[j] / n;
  }
  for (std::size_t d = 0; d < docs.size(); ++d) {
    const double xu = x[d][0] * u[0] + x[d][1] * u[1] + x[d][2] * u[2];
    for (int j = 0; j < 3; ++j) EXPECT_NEAR(got(d, j), x[d][j] - xu * u[j], 1e-5) << d << "," << j;
  }
  // Without counts, p(w) comes from the documents: 10 tokens, "dog" 3 times.
  const Matrix<float> from_corpus = document_vectors(v, {{"dog", "dog", "dog", "the", "the", "cat", "sat", "sat", "sat", "sat"}}, o);
  EXPECT_EQ(from_corpus.rows, 1u);
}

}  // namespace
}  // namespace topica
