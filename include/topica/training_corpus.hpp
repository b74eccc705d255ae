// The corpus a word-embedding trainer reads: documents already tokenized, mapped to word ids of a
// vocabulary sorted by frequency (most frequent first, ties in order of first appearance, as
// gensim's sort_by_descending_frequency), words under min_count dropped (as word2vec and gensim
// do: they are neither trained nor used as context).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace topica {

struct TrainingCorpus {
  std::vector<std::string> words;            ///< the vocabulary, most frequent first
  std::vector<std::uint64_t> counts;         ///< occurrences of words[i] in the corpus
  std::vector<std::uint32_t> tokens;         ///< every kept token's word id, documents concatenated
  std::vector<std::size_t> document_ends;    ///< document d is tokens[ends[d-1], ends[d])
  std::uint64_t corpus_tokens = 0;           ///< tokens before the min_count cut

  std::size_t documents() const { return document_ends.size(); }
};

/// Builds a TrainingCorpus one document at a time, in memory (ids, not strings).
class TrainingCorpusBuilder {
 public:
  void add_document(const std::vector<std::string>& tokens);
  /// Sorts the vocabulary, drops words seen fewer than `min_count` times (and their tokens).
  TrainingCorpus finish(std::size_t min_count);

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::string> words_;
  std::vector<std::uint64_t> counts_;
  std::vector<std::uint32_t> tokens_;
  std::vector<std::size_t> ends_;
};

}  // namespace topica
