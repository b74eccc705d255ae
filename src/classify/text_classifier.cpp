// The forward pass of the supervised model: features (fastText's word ids, end-of-line token and
// hashed word n-grams), the averaged hidden vector, the softmax over the labels.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "topica/text_classifier.hpp"

namespace topica {
namespace {

// fastText's Dictionary::hash: 32-bit FNV-1a over the bytes read as signed chars (its quirk,
// kept so n-gram buckets fall where fastText's do).
std::uint32_t fasttext_hash(const std::string& word) {
  std::uint32_t h = 2166136261u;
  for (char c : word) {
    h ^= static_cast<std::uint32_t>(static_cast<std::int8_t>(c));
    h *= 16777619u;
  }
  return h;
}

}  // namespace

void TextClassifier::index_words() {
  word_rows_.clear();
  word_rows_.reserve(words_.size());
  for (std::uint32_t r = 0; r < words_.size(); ++r) word_rows_.emplace(words_[r], r);
}

void TextClassifier::features(const std::vector<std::string>& tokens, std::vector<std::uint32_t>& rows) const {
  rows.clear();
  std::vector<std::uint32_t> hashes;
  const bool ngrams = word_ngrams_ > 1 && buckets_ > 0;
  const auto add = [&](const std::string& token) {
    auto it = word_rows_.find(token);
    if (it != word_rows_.end()) rows.push_back(it->second);
    if (ngrams) hashes.push_back(fasttext_hash(token));  // unknown words still shape n-grams
  };
  for (const std::string& token : tokens) add(token);
  add(kEndOfDocument);
  if (!ngrams) return;
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    std::uint64_t h = hashes[i];
    for (std::size_t j = i + 1; j < hashes.size() && j < i + word_ngrams_; ++j) {
      h = h * 116049371u + hashes[j];
      rows.push_back(static_cast<std::uint32_t>(words_.size() + h % buckets_));
    }
  }
}

void TextClassifier::hidden(const std::vector<std::uint32_t>& rows, float* out) const {
  const std::size_t d = input_.cols;
  std::fill(out, out + d, 0.0f);
  for (std::uint32_t r : rows) {
    const float* v = input_.row(r);
    for (std::size_t k = 0; k < d; ++k) out[k] += v[k];
  }
  if (rows.empty()) return;
  const float scale = 1.0f / static_cast<float>(rows.size());
  for (std::size_t k = 0; k < d; ++k) out[k] *= scale;
}

void TextClassifier::softmax(const float* hidden, float* probabilities) const {
  const std::size_t d = output_.cols;
  float largest = -INFINITY;
  for (std::size_t c = 0; c < output_.rows; ++c) {
    const float* w = output_.row(c);
    float logit = 0;
    for (std::size_t k = 0; k < d; ++k) logit += w[k] * hidden[k];
    probabilities[c] = logit;
    largest = std::max(largest, logit);
  }
  float sum = 0;
  for (std::size_t c = 0; c < output_.rows; ++c) sum += probabilities[c] = std::exp(probabilities[c] - largest);
  for (std::size_t c = 0; c < output_.rows; ++c) probabilities[c] /= sum;
}

std::vector<float> TextClassifier::probabilities(const std::vector<std::string>& tokens) const {
  std::vector<std::uint32_t> rows;
  features(tokens, rows);
  std::vector<float> h(input_.cols), p(output_.rows);
  hidden(rows, h.data());
  softmax(h.data(), p.data());
  return p;
}

std::vector<LabelScore> TextClassifier::predict(const std::vector<std::string>& tokens, std::size_t k) const {
  const std::vector<float> p = probabilities(tokens);
  std::vector<std::size_t> order(p.size());
  std::iota(order.begin(), order.end(), 0);
  k = std::min(k, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                    [&](std::size_t a, std::size_t b) { return p[a] != p[b] ? p[a] > p[b] : a < b; });
  std::vector<LabelScore> top;
  for (std::size_t i = 0; i < k; ++i) top.push_back({order[i], p[order[i]]});
  return top;
}

}  // namespace topica
