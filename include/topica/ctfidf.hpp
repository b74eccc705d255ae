// Class-based TF-IDF exactly as BERTopic 0.17's ClassTfidfTransformer, and its topic words.
//
// Input: term counts with one row per class (BERTopic joins each topic's documents with a space
// and counts the joined text). f = total count of a term over all classes, A = int(mean number
// of words per class); idf = log(1 + A / f), or with bm25_weighting log(1 + (A - f + 0.5) /
// (f + 0.5)), times a per-term multiplier where one is given (seed words); each row is L1-normalised (and square-rooted with reduce_frequent_words), then
// multiplied by idf. Computed in double precision, as numpy does.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "topica/sparse.hpp"
#include "topica/vectorizer.hpp"

namespace topica {

struct CtfidfOptions {
  bool bm25_weighting = false;         ///< BERTopic 0.17: False
  bool reduce_frequent_words = false;  ///< BERTopic 0.17: False
};

class ClassTfidf {
 public:
  explicit ClassTfidf(CtfidfOptions options = {}) : options_(options) {}
  /// A fitted transformer from saved idf weights.
  ClassTfidf(CtfidfOptions options, std::vector<double> idf) : options_(options), idf_(std::move(idf)) {}
  const CtfidfOptions& options() const { return options_; }
  /// Learns idf from the class-by-term counts and returns their c-TF-IDF. `idf_multiplier`, when
  /// given (one factor per term), scales the learned idf, as BERTopic's fit(X, multiplier) does
  /// for seed words.
  Csr<double> fit_transform(const TermCounts& class_counts, std::span<const double> idf_multiplier = {});
  /// c-TF-IDF of counts with the learned idf (e.g. single documents, for representative docs).
  Csr<double> transform(const TermCounts& counts) const;
  const std::vector<double>& idf() const { return idf_; }

 private:
  CtfidfOptions options_;
  std::vector<double> idf_;
};

struct TopicWord {
  std::string word;
  double score = 0;
};

/// BERTopic's _extract_words_per_topic: per row, the `candidates` (30) highest scores in
/// decreasing order, missing or zero entries as ("", 1e-5), then the first `keep` (10).
std::vector<std::vector<TopicWord>> top_words(const Csr<double>& scores, const std::vector<std::string>& vocabulary,
                                              std::size_t keep = 10, std::size_t candidates = 30);

/// BERTopic's topic name: "<id>_w1_w2_w3_w4".
std::string topic_name(int topic, const std::vector<TopicWord>& words);

}  // namespace topica
