// Bag-of-words counting with scikit-learn CountVectorizer semantics (1.2): an analyzer makes
// tokens, stop words are removed, n-grams of the remaining tokens are joined with a space, the
// vocabulary is sorted, and terms outside [min_df, max_df] documents are pruned before
// max_features keeps the most frequent ones.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "topica/analyzer.hpp"
#include "topica/sparse.hpp"

namespace topica {

/// A document-frequency bound: a count of documents (sklearn's int) or a proportion of them
/// (sklearn's float, 0..1).
struct DocumentFrequency {
  double value = 1;
  bool proportion = false;
  static DocumentFrequency count(double n) { return {n, false}; }
  static DocumentFrequency share(double p) { return {p, true}; }
  /// Parses "2" as a count and "0.5" / "1.0" as a proportion, as sklearn tells int from float.
  static DocumentFrequency parse(const std::string& text);
};

struct VectorizerOptions {
  std::size_t ngram_min = 1;                                    ///< sklearn: ngram_range (1, 1)
  std::size_t ngram_max = 1;
  DocumentFrequency min_df = DocumentFrequency::count(1);       ///< sklearn: 1
  DocumentFrequency max_df = DocumentFrequency::share(1.0);     ///< sklearn: 1.0
  std::optional<std::size_t> max_features;                      ///< sklearn: None
  std::unordered_set<std::string> stop_words;                   ///< empty: none; english_stop_words()
  bool lowercase = true;                                        ///< used by the default analyzer
  AnalyzerSettings analyzer;                                    ///< the analyzer, when none is passed
};

/// Term counts per document: rows = documents, columns = vocabulary terms.
using TermCounts = Csr<std::int64_t>;

class CountVectorizer {
 public:
  /// `analyzer` defaults to make_analyzer(options.analyzer, options.lowercase): RegexWordAnalyzer
  /// unless a language was chosen.
  explicit CountVectorizer(VectorizerOptions options = {}, std::shared_ptr<const Analyzer> analyzer = nullptr);

  /// A fitted vectorizer from a saved vocabulary (terms in column order).
  static CountVectorizer with_vocabulary(VectorizerOptions options, std::vector<std::string> vocabulary,
                                         std::shared_ptr<const Analyzer> analyzer = nullptr);

  /// Learns the vocabulary from `documents` and returns their counts. Throws UsageError when
  /// nothing is left ("empty vocabulary", or every term pruned by min_df / max_df).
  TermCounts fit_transform(std::span<const std::string> documents);
  /// fit_transform of the documents joined per group as BERTopic joins them per topic (' '.join,
  /// "emptydoc" for a group with no text): row g counts group g's documents. Unigram counting is
  /// parallel over documents (the analyzers never join tokens across the space that joins two
  /// documents); with n-grams, which do cross it, the documents are joined first.
  TermCounts fit_transform_grouped(std::span<const std::string> documents, std::span<const std::size_t> group_of_document,
                                   std::size_t groups, std::size_t threads);
  /// Counts with the learned vocabulary; unknown terms are ignored.
  TermCounts transform(std::span<const std::string> documents) const;

  /// The terms in column order (sorted by code point, as sklearn's get_feature_names_out()).
  const std::vector<std::string>& vocabulary() const { return vocabulary_; }
  std::optional<std::int32_t> column_of(const std::string& term) const;
  const VectorizerOptions& options() const { return options_; }

  /// The terms of one document as counted: tokens without stop words, then n-grams.
  void analyze(std::string_view document, std::vector<std::string>& terms) const;

 private:
  // Sorts the vocabulary, renumbers `counts` to match, prunes by df / max_features; `documents`
  // is the row count min_df / max_df proportions refer to.
  TermCounts finish_fit(TermCounts counts, std::vector<std::string> terms_by_column, std::size_t documents);

  VectorizerOptions options_;
  std::shared_ptr<const Analyzer> analyzer_;
  std::vector<std::string> vocabulary_;
  std::unordered_map<std::string, std::int32_t> columns_;
};

}  // namespace topica
