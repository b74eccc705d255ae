// TF-IDF with scikit-learn TfidfVectorizer semantics (1.2): counts from a CountVectorizer, then
// tf (or 1 + ln tf with sublinear_tf) times idf = ln((1 + n) / (1 + df)) + 1 (smooth_idf), each
// row L2-normalised.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "topica/sparse.hpp"
#include "topica/vectorizer.hpp"

namespace topica {

struct TfidfOptions {
  VectorizerOptions vectorizer;  ///< tokens, n-grams, min_df / max_df, stop words
  bool sublinear_tf = false;     ///< sklearn: False (topica's LSA embedder sets True)
  bool smooth_idf = true;        ///< sklearn: True
  bool l2_normalize = true;      ///< sklearn: norm="l2"
};

class TfidfVectorizer {
 public:
  explicit TfidfVectorizer(TfidfOptions options = {}, std::shared_ptr<const Analyzer> analyzer = nullptr);
  /// A fitted vectorizer from saved state: the vocabulary (column order) and its idf weights.
  static TfidfVectorizer with_state(TfidfOptions options, std::vector<std::string> vocabulary, std::vector<double> idf,
                                    std::shared_ptr<const Analyzer> analyzer = nullptr);
  CsrMatrix fit_transform(std::span<const std::string> documents);
  CsrMatrix transform(std::span<const std::string> documents) const;
  const std::vector<std::string>& vocabulary() const { return counter_.vocabulary(); }
  const std::vector<double>& idf() const { return idf_; }
  const TfidfOptions& options() const { return options_; }

 private:
  CsrMatrix weigh(const TermCounts& counts) const;

  TfidfOptions options_;
  CountVectorizer counter_;
  std::vector<double> idf_;
};

}  // namespace topica
