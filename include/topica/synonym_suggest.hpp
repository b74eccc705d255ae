// Candidate synonym groups for a person to edit (topica synonyms suggest): each listed word's
// nearest neighbours among the other listed words, by the cosine of their contextual word
// embeddings (the same vectors topica adjust --source contextual combines).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "topica/encoder.hpp"
#include "topica/synonym_groups.hpp"

namespace topica {

struct SuggestOptions {
  std::size_t top = 5;              ///< neighbours per word at most
  double min_similarity = 0.7;      ///< cosine a neighbour needs
  std::size_t threads = 0;
};

/// Groups in the words' order: a word not yet in a group opens one with its `top` nearest
/// neighbours (cosine >= min_similarity, best first) that are in no group yet; a word with none
/// opens no group. So every word is in one group at most and the result is valid GROUPS input.
/// A member's weight is its cosine to the group's first word (1 for that word).
/// Candidates are the listed words only: the vocabulary's whole-word tokens would cost one
/// forward pass each (16k for KR-BERT) and mostly propose particles and fragments.
std::vector<SynonymGroup> suggest_synonyms(const SentenceEncoder& encoder, std::span<const std::string> words,
                                           const SuggestOptions& options);
/// The same grouping over given vectors, one row per word (static word vectors: topica
/// synonyms suggest --vectors).
std::vector<SynonymGroup> suggest_synonyms(Matrix<float> vectors, std::span<const std::string> words,
                                           const SuggestOptions& options);

}  // namespace topica
