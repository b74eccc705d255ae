#include "topica/ctfidf.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "topica/error.hpp"

namespace topica {

Csr<double> ClassTfidf::fit_transform(const TermCounts& class_counts, std::span<const double> idf_multiplier) {
  if (class_counts.rows == 0) throw UsageError("c-TF-IDF needs at least one class");
  if (!idf_multiplier.empty() && idf_multiplier.size() != class_counts.cols) {
    throw UsageError("c-TF-IDF: the idf multiplier does not match the vocabulary");
  }
  std::vector<double> frequency(class_counts.cols, 0.0);
  double total_words = 0;
  for (std::size_t k = 0; k < class_counts.nnz(); ++k) {
    frequency[static_cast<std::size_t>(class_counts.indices[k])] += static_cast<double>(class_counts.values[k]);
    total_words += static_cast<double>(class_counts.values[k]);
  }
  // BERTopic: avg_nr_samples = int(X.sum(axis=1).mean()) — truncated to an integer.
  const double average = std::trunc(total_words / static_cast<double>(class_counts.rows));
  idf_.resize(class_counts.cols);
  for (std::size_t c = 0; c < class_counts.cols; ++c) {
    const double f = frequency[c];
    idf_[c] = options_.bm25_weighting ? std::log(1.0 + (average - f + 0.5) / (f + 0.5)) : std::log(average / f + 1.0);
    if (!idf_multiplier.empty()) idf_[c] *= idf_multiplier[c];
  }
  return transform(class_counts);
}

Csr<double> ClassTfidf::transform(const TermCounts& counts) const {
  if (counts.cols != idf_.size()) throw Error("c-TF-IDF: counts do not match the fitted vocabulary");
  Csr<double> out;
  out.rows = counts.rows;
  out.cols = counts.cols;
  out.indptr = counts.indptr;
  out.indices = counts.indices;
  out.values.resize(counts.nnz());
  for (std::size_t r = 0; r < counts.rows; ++r) {
    const auto begin = static_cast<std::size_t>(counts.indptr[r]), end = static_cast<std::size_t>(counts.indptr[r + 1]);
    double sum = 0;
    for (std::size_t k = begin; k < end; ++k) sum += std::abs(static_cast<double>(counts.values[k]));
    for (std::size_t k = begin; k < end; ++k) {
      double tf = sum > 0 ? static_cast<double>(counts.values[k]) / sum : 0.0;  // sklearn normalize(norm="l1")
      if (options_.reduce_frequent_words) tf = std::sqrt(tf);
      out.values[k] = tf * idf_[static_cast<std::size_t>(counts.indices[k])];
    }
  }
  return out;
}

std::vector<std::vector<TopicWord>> top_words(const Csr<double>& scores, const std::vector<std::string>& vocabulary,
                                              std::size_t keep, std::size_t candidates) {
  std::vector<std::vector<TopicWord>> topics(scores.rows);
  std::vector<std::size_t> order;
  for (std::size_t r = 0; r < scores.rows; ++r) {
    const auto begin = static_cast<std::size_t>(scores.indptr[r]), end = static_cast<std::size_t>(scores.indptr[r + 1]);
    order.resize(end - begin);
    std::iota(order.begin(), order.end(), begin);
    // Highest first; BERTopic's order among equal scores comes from numpy's sort internals, so
    // ties are broken by column here simply to be deterministic.
    const std::size_t take = std::min(candidates, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(take), order.end(),
                      [&](std::size_t a, std::size_t b) {
                        return scores.values[a] > scores.values[b] ||
                               (scores.values[a] == scores.values[b] && scores.indices[a] < scores.indices[b]);
                      });
    auto& words = topics[r];
    for (std::size_t i = 0; i < std::min(keep, candidates); ++i) {
      if (i < take && scores.values[order[i]] > 0) {
        words.push_back({vocabulary[static_cast<std::size_t>(scores.indices[order[i]])], scores.values[order[i]]});
      } else {
        words.push_back({"", 0.00001});  // BERTopic's filler for missing words
      }
    }
  }
  return topics;
}

std::string topic_name(int topic, const std::vector<TopicWord>& words) {
  std::string name = std::to_string(topic);
  for (std::size_t i = 0; i < std::min<std::size_t>(4, words.size()); ++i) (name += '_') += words[i].word;
  return name;
}

}  // namespace topica
