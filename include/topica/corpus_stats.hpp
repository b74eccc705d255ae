// Corpus statistics: counts, script shares and length distributions, computed in one streaming
// pass with memory that does not grow with the number of documents.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "topica/corpus.hpp"

namespace topica {

/// Exact percentiles of a count per document, kept as a histogram (length -> documents), so
/// memory grows with the number of distinct lengths, not with the number of documents.
class LengthHistogram {
 public:
  void add(std::uint64_t length);
  std::uint64_t count() const { return count_; }
  double mean() const;
  /// numpy's default ("linear") percentile, q in [0, 100]; 0 for an empty histogram.
  double percentile(double q) const;

 private:
  std::uint64_t value_at_rank(std::uint64_t rank) const;  // 0-based rank in sorted order
  static constexpr std::uint64_t kDense = 1 << 16;         // lengths below this in a flat array
  std::vector<std::uint64_t> dense_ = std::vector<std::uint64_t>(kDense, 0);
  std::map<std::uint64_t, std::uint64_t> sparse_;
  std::uint64_t count_ = 0;
  long double sum_ = 0;
};

struct CorpusStats {
  std::uint64_t documents = 0;
  std::uint64_t empty_documents = 0;   ///< no characters other than white space
  std::vector<std::size_t> first_empty_rows;  ///< up to 10, for the warning
  std::uint64_t bytes = 0;             ///< UTF-8 bytes of text
  std::uint64_t characters = 0;        ///< Unicode code points
  std::uint64_t whitespace_tokens = 0; ///< runs of non-white-space (Python's str.split())
  std::uint64_t letters = 0;           ///< alphabetic code points (Unicode Alphabetic)
  std::uint64_t hangul_letters = 0;    ///< letters of the Hangul script (syllables and jamo)
  std::uint64_t latin_letters = 0;
  std::uint64_t other_letters = 0;
  LengthHistogram characters_per_document;
  LengthHistogram tokens_per_document;
  std::map<std::string, std::uint64_t> classes;  ///< documents per class, when a class column is read

  double share(std::uint64_t part) const { return letters == 0 ? 0.0 : double(part) / double(letters); }
};

/// Accumulates statistics one document at a time.
class CorpusStatsBuilder {
 public:
  void add(std::size_t row, std::string_view text);
  /// Also counts the document's class.
  void add_class(const std::string& label) { ++stats_.classes[label]; }
  const CorpusStats& stats() const { return stats_; }

 private:
  CorpusStats stats_;
};

/// Reads the whole corpus and returns its statistics; with `count_classes`, also the documents
/// per value of the class column.
CorpusStats compute_corpus_stats(CorpusReader& reader, bool count_classes = false);

}  // namespace topica
