// Topic distributions per document: BERTopic's approximate_distribution (c-TF-IDF variant).
//
// Each document is split into tokens by the vectorizer's tokenizer (sklearn build_tokenizer: the
// token pattern on the raw text, case kept, stop words kept). Windows of `window` tokens start
// every `stride` tokens; only full windows are kept, unless `padding`, which keeps the short
// windows at the end and adds ceil(window / stride) - 1 growing windows at the start. A document
// with fewer than `window` tokens is one window. Each window's tokens, joined with spaces, are
// counted by the model's vectorizer and weighted by its c-TF-IDF; its cosine with every topic's
// c-TF-IDF row (outliers excluded) below `min_similarity` becomes 0. A document's distribution
// is the sum over its windows, L1-normalised. With token output, each token gets the sum of the
// windows that hold it, and the document's distribution is the sum over its tokens, normalised
// (so windows weigh by their length, as in BERTopic).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "topica/matrix.hpp"
#include "topica/topic_model.hpp"

namespace topica {

struct DistributionOptions {
  std::size_t window = 4;       ///< BERTopic: 4
  std::size_t stride = 1;       ///< BERTopic: 1
  double min_similarity = 0.1;  ///< BERTopic: 0.1
  bool padding = false;         ///< BERTopic: False
  bool tokens = false;          ///< BERTopic: calculate_tokens=False
  std::size_t threads = 0;      ///< 0: every core; results never depend on it
};

/// One document's token-level distribution.
struct TokenDistribution {
  std::vector<std::string> tokens;  ///< as the tokenizer gives them
  Matrix<double> distribution;      ///< tokens x topics (0 rows for a document without tokens)
};

struct TopicDistribution {
  std::vector<int> topics;             ///< the column topics: the model's, outliers excluded
  Matrix<double> documents;            ///< documents x topics, rows summing to 1 (or all 0)
  std::vector<TokenDistribution> tokens;  ///< per document, with options.tokens
};

/// Throws UsageError for window or stride 0, a min_similarity outside [0, 1], or a model with
/// no topic besides the outliers. Any corpus may be given (it need not be the training corpus).
TopicDistribution approximate_distribution(const TopicModel& model, std::span<const std::string> documents,
                                           const DistributionOptions& options);

}  // namespace topica
