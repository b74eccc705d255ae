// Evaluating word vectors as gensim's KeyedVectors does:
//   evaluate_word_analogies: questions-words files (": section" lines, then "a b c d" for
//     a:b :: c:d), answered by 3CosAdd over the first `restrict_vocab` words, case-insensitively;
//     a question with a word outside them is skipped and counted;
//   evaluate_word_pairs: "word1 TAB word2 TAB score" files ('#' lines skipped, CRLF accepted),
//     Spearman (and Pearson) correlation of the cosine similarity with the scores, pairs with a
//     word outside the vocabulary skipped and counted.
// Case folding is Python's str.lower() where gensim uses str.upper(); the two differ only for a
// few non-ASCII letters (e.g. German sharp s).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "topica/word_vectors.hpp"

namespace topica {

struct AnalogySection {
  std::string name;
  std::size_t correct = 0, incorrect = 0;
  double accuracy() const { return correct + incorrect == 0 ? 0.0 : static_cast<double>(correct) / (correct + incorrect); }
};

struct AnalogyResult {
  std::vector<AnalogySection> sections;  ///< in file order, sections with no answered question left out
  AnalogySection total{"Total accuracy"};
  std::size_t skipped = 0;               ///< questions with a word outside the vocabulary
  std::size_t questions() const { return total.correct + total.incorrect + skipped; }
};

struct WordPairResult {
  double spearman = 0, pearson = 0;
  std::size_t pairs = 0;    ///< pairs scored
  std::size_t skipped = 0;  ///< pairs with a word outside the vocabulary
  double oov_percent() const { return pairs + skipped == 0 ? 0.0 : 100.0 * skipped / (pairs + skipped); }
};

/// Throws InputError naming the file and line for a malformed line.
AnalogyResult evaluate_word_analogies(const WordVectors& vectors, const std::string& path, std::size_t restrict_vocab = 300000,
                                      bool case_insensitive = true);

/// Throws InputError naming the file and line for a malformed line, UsageError when fewer than
/// two pairs can be scored.
WordPairResult evaluate_word_pairs(const WordVectors& vectors, const std::string& path, std::size_t restrict_vocab = 300000,
                                   bool case_insensitive = true);

/// Spearman's rank correlation (average ranks for ties, as scipy.stats.spearmanr).
double spearman_correlation(const std::vector<double>& a, const std::vector<double>& b);
/// Pearson's correlation (0 when either side is constant).
double pearson_correlation(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace topica
