// Synonym groups: words that stand for one concept (대일밴드 and 반창고, Prozac and fluoxetine),
// read from the GROUPS file that topica adjust, topica fit --synonyms and the word-vector tools
// share, and written by topica synonyms suggest.
//
// JSON, either form:   {"반창고": ["반창고", "대일밴드"], ...}
//                      [{"concept": "반창고", "words": ["반창고", "대일밴드"], "weights": [2, 1]}, ...]
// CSV with a header:   concept,word[,weight]   one row per member; rows of a concept need not be
//                      adjacent; an empty or absent weight is 1.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace topica {

struct SynonymGroup {
  std::string name;                 ///< the concept's name
  std::vector<std::string> words;   ///< two or more, NFC, no word twice
  std::vector<double> weights;      ///< one per word, positive; 1 unless the file says otherwise
  std::size_t line = 0;             ///< where the group starts in its file (1-based), for messages
};

/// Reads a GROUPS file: JSON when its first non-space character is { or [, else CSV. Throws
/// InputError naming the file and the group or line for malformed JSON or CSV, an empty file, a
/// group with fewer than two words, a word in two groups (or twice in one), an empty word or a
/// weight that is not a positive number.
std::vector<SynonymGroup> read_synonym_groups(const std::string& path);
/// The same for text in memory; `source` names it in messages.
std::vector<SynonymGroup> parse_synonym_groups(std::string_view text, const std::string& source);

/// The groups as GROUPS CSV (concept,word,weight with a header), quoted where needed.
std::string synonym_groups_csv(const std::vector<SynonymGroup>& groups);

/// member word -> concept, over all groups.
std::map<std::string, std::string> concept_of_words(const std::vector<SynonymGroup>& groups);

}  // namespace topica
