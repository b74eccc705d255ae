// One concept, one vector, for static word vectors (topica wordvec adjust): every member of a
// synonym group gets the group's combined vector; members missing from the vocabulary are added
// as new words with it, so a query for any spelling finds the concept.
#pragma once

#include <cstddef>
#include <vector>

#include "topica/combine_vectors.hpp"
#include "topica/synonym_groups.hpp"
#include "topica/word_vectors.hpp"

namespace topica {

struct WordVectorAdjustment {
  std::size_t groups = 0;
  std::size_t words_set = 0;    ///< members already in the vocabulary, now the group vector
  std::size_t words_added = 0;  ///< members appended as new words
};

/// Adjusts `vectors` in place. A group combines the rows of its members that are in the
/// vocabulary (with their weights for CombineMethod::Weighted); a group with none of its words in
/// the vocabulary is an InputError naming it (its line in `source`). Rows of words in no group
/// are untouched.
WordVectorAdjustment adjust_word_vectors(WordVectors& vectors, const std::vector<SynonymGroup>& groups,
                                         CombineMethod method, const std::string& source);

}  // namespace topica
