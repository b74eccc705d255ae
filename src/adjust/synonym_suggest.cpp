#include "topica/synonym_suggest.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "adjust/word_embedding.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

void normalize_rows(Matrix<float>& m) {
  for (std::size_t r = 0; r < m.rows; ++r) {
    double norm = 0;
    for (std::size_t d = 0; d < m.cols; ++d) norm += double(m(r, d)) * m(r, d);
    norm = std::sqrt(norm);
    if (norm > 0) {
      for (std::size_t d = 0; d < m.cols; ++d) m(r, d) = static_cast<float>(m(r, d) / norm);
    }
  }
}

double dot(const Matrix<float>& m, std::size_t a, std::size_t b) {
  double s = 0;
  for (std::size_t d = 0; d < m.cols; ++d) s += double(m(a, d)) * m(b, d);
  return s;
}

}  // namespace

std::vector<SynonymGroup> suggest_synonyms(const SentenceEncoder& encoder, std::span<const std::string> words,
                                           const SuggestOptions& options) {
  return suggest_synonyms(adjust::contextual_word_embeddings(encoder, words, options.threads), words, options);
}

std::vector<SynonymGroup> suggest_synonyms(Matrix<float> vectors, std::span<const std::string> words,
                                           const SuggestOptions& options) {
  if (vectors.rows != words.size()) throw Error(fmt::format("{} vectors for {} words", vectors.rows, words.size()));
  normalize_rows(vectors);
  const std::size_t n = words.size();
  std::vector<bool> grouped(n, false);
  std::vector<SynonymGroup> groups;
  for (std::size_t i = 0; i < n; ++i) {
    if (grouped[i]) continue;
    std::vector<std::pair<double, std::size_t>> near;
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i || grouped[j] || words[j] == words[i]) continue;
      const double cosine = dot(vectors, i, j);
      if (cosine >= options.min_similarity) near.emplace_back(cosine, j);
    }
    if (near.empty()) continue;
    std::sort(near.begin(), near.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (near.size() > options.top) near.resize(options.top);
    SynonymGroup g{words[i], {words[i]}, {1.0}, 0};
    grouped[i] = true;
    for (const auto& [cosine, j] : near) {
      g.words.push_back(words[j]);
      g.weights.push_back(std::max(std::round(cosine * 1e4) / 1e4, 1e-4));  // GROUPS weights are positive
      grouped[j] = true;
    }
    groups.push_back(std::move(g));
  }
  return groups;
}

}  // namespace topica
