// FastText word vectors (Bojanowski et al. 2017): each word is its own row plus the rows of its
// character n-grams (minn..maxn characters of "<word>", hashed by fastText's FNV-1a variant into
// `bucket` rows), and its vector is the mean of those rows, so a word never seen in training still
// gets a vector from its n-grams. Trained with negative sampling, skip-gram or CBOW over subwords.
//
// The model file (save/load) is topica's own little-endian format:
//   "TOPICAFT" magic, u32 version (1), u32 dim, u32 minn, u32 maxn, u64 bucket, u64 words,
//   then per word: u32 byte length, the UTF-8 bytes, u64 count;
//   then the (words + bucket) x dim float32 input matrix, row-major.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "topica/matrix.hpp"
#include "topica/training_corpus.hpp"
#include "topica/word2vec.hpp"
#include "topica/word_vectors.hpp"

namespace topica {

struct FastTextOptions : Word2VecOptions {
  std::size_t minn = 3;            ///< shortest character n-gram (0 with maxn 0: no subwords)
  std::size_t maxn = 6;            ///< longest character n-gram
  std::size_t bucket = 2000000;    ///< hash buckets for the n-grams
  FastTextOptions() { alpha = 0.05; }  // fastText's -lr for both architectures
};

/// fastText's hash of a string: 32-bit FNV-1a over the bytes taken as *signed* chars.
std::uint32_t fasttext_hash(std::string_view text);

/// The bucket of each character n-gram of "<word>" with minn..maxn UTF-8 characters, in
/// fastText's order (Dictionary::computeSubwords): the single "<" or ">" are not n-grams.
std::vector<std::uint32_t> subword_buckets(std::string_view word, std::size_t minn, std::size_t maxn, std::size_t bucket);

class FastTextModel {
 public:
  FastTextModel() = default;
  FastTextModel(std::vector<std::string> words, std::vector<std::uint64_t> counts, Matrix<float> input, std::size_t minn,
                std::size_t maxn, std::size_t bucket);

  std::size_t dimension() const { return input_.cols; }
  const std::vector<std::string>& words() const { return words_; }
  const std::vector<std::uint64_t>& counts() const { return counts_; }
  std::size_t minn() const { return minn_; }
  std::size_t maxn() const { return maxn_; }
  std::size_t bucket() const { return bucket_; }

  /// The input rows whose mean is `word`'s vector: its own row when it is in the vocabulary,
  /// then its n-gram rows (word count + bucket).
  std::vector<std::uint32_t> subword_rows(std::string_view word) const;
  /// `word`'s vector; for a word outside the vocabulary, the mean of its n-gram rows. Empty when
  /// the word has neither (subwords off and not in the vocabulary).
  std::vector<float> word_vector(std::string_view word) const;
  /// The vector of every vocabulary word (what a .vec file holds), indexed.
  WordVectors word_vectors() const;

  /// Writes the model atomically. Throws Error naming the path on failure.
  void save(const std::string& path) const;
  /// Reads a model written by save(). Throws InputError naming the file for anything else.
  static FastTextModel load(const std::string& path);
  /// Whether `path` starts with the model magic (cheap; false for unreadable files).
  static bool is_model_file(const std::string& path);

 private:
  std::vector<std::string> words_;
  std::vector<std::uint64_t> counts_;
  Matrix<float> input_;  // words + bucket rows
  std::size_t minn_ = 0, maxn_ = 0, bucket_ = 0;
  WordVectors index_;    // words only, for lookups
};

/// Trains FastText on `corpus` (negative sampling; hierarchical softmax is refused).
FastTextModel train_fasttext(const TrainingCorpus& corpus, const FastTextOptions& options);

}  // namespace topica
