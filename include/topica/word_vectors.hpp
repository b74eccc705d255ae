// Static word vectors: one row per vocabulary word, the value passed between the word-embedding
// trainers (Word2Vec, FastText, GloVe), the vector files (word2vec text/binary, .vec, GloVe text)
// and the tools that use them (similarity, analogy, document vectors, adjustment).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "topica/matrix.hpp"

namespace topica {

struct WordVectors {
  std::vector<std::string> words;  ///< row i's word; trainers put the most frequent first
  Matrix<float> vectors;           ///< words.size() x dimension

  std::size_t size() const { return words.size(); }
  std::size_t dimension() const { return vectors.cols; }

  /// Rebuilds the word -> row index; call after changing `words`. The first of two equal words wins.
  void reindex() {
    index_.clear();
    index_.reserve(words.size());
    for (std::size_t i = 0; i < words.size(); ++i) index_.emplace(words[i], i);
  }
  /// The row of `word`, or nothing when it is not in the vocabulary (or reindex() was not called).
  std::optional<std::size_t> find(std::string_view word) const {
    auto it = index_.find(std::string(word));
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace topica
