// Using word vectors as gensim's KeyedVectors does: most_similar with positive and negative words
// (3CosAdd on unit vectors), analogies, the similarity of two words, doesnt_match. Queries are
// vectors, so a FastText model can answer for words it never saw (WordVectorSource).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "topica/fasttext_model.hpp"
#include "topica/matrix.hpp"
#include "topica/word_vector_files.hpp"
#include "topica/word_vectors.hpp"

namespace topica {

struct WordHit {
  std::size_t row = 0;
  std::string word;
  double similarity = 0;
};

/// Vectors ready for queries: the words, and every row scaled to unit length once (a zero row
/// stays zero), as gensim's get_normed_vectors.
class WordVectorIndex {
 public:
  explicit WordVectorIndex(const WordVectors& vectors);
  const WordVectors& vectors() const { return *vectors_; }
  const float* unit_row(std::size_t row) const { return unit_.row(row); }

  /// gensim's most_similar: the mean of the unit positive vectors and the negated unit negative
  /// vectors, made unit length, against every unit row of the first `restrict_vocab` words (0:
  /// all); rows in `exclude` (the query words) are never hits. Best first, ties to the lower row.
  std::vector<WordHit> most_similar(const std::vector<std::vector<float>>& positive, const std::vector<std::vector<float>>& negative,
                                    std::size_t top, const std::vector<std::size_t>& exclude, std::size_t restrict_vocab = 0) const;

 private:
  const WordVectors* vectors_;
  Matrix<float> unit_;
};

/// The cosine similarity of two vectors (0 when one is zero).
double cosine_similarity(const std::vector<float>& a, const std::vector<float>& b);

/// gensim's doesnt_match: the index of the vector furthest (lowest dot product) from the unit
/// mean of the unit vectors. Throws UsageError for fewer than two vectors.
std::size_t doesnt_match(const std::vector<std::vector<float>>& vectors);

/// The vectors of a file, or of a topica FastText model, which also has vectors for words it
/// never saw (from their n-grams).
class WordVectorSource {
 public:
  /// A FastText model file is recognised by its magic; anything else is read by
  /// read_word_vectors(path, format).
  static WordVectorSource load(const std::string& path, VectorFileFormat format = VectorFileFormat::Auto);
  explicit WordVectorSource(WordVectors vectors) : vectors_(std::move(vectors)) {}

  const WordVectors& vectors() const { return vectors_; }
  const FastTextModel* model() const { return model_ ? &*model_ : nullptr; }
  /// The vector of `word`; throws UsageError "unknown word 'x'" when there is none.
  std::vector<float> vector(const std::string& word) const;
  /// Occurrence counts of the vocabulary in training, when the file keeps them (FastText models).
  std::optional<std::vector<std::uint64_t>> counts() const;

 private:
  WordVectors vectors_;
  std::optional<FastTextModel> model_;
  std::string path_;
};

}  // namespace topica
