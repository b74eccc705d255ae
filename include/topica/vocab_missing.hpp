// Which corpus words a transformer's tokenizer does not have as one token (topica vocab missing):
// the candidates for adding as tokens before an embedding adjustment. Words are what topica's
// analyzers segment (the Korean analyzer for Korean: 대일밴드를 -> 대일밴드); a word counts as
// present when the tokenizer, run on the word alone with its normalizer and pre-tokenizer, gives
// exactly one token that is not a special one ([UNK] is not present).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "topica/corpus.hpp"
#include "topica/tokenizer.hpp"

namespace topica {

struct WordCount {
  std::string word;
  std::uint64_t count = 0;
};

struct WordCountOptions {
  std::string language = "auto";        ///< auto, ko, en or none, as topica fit's --language
  std::vector<std::string> user_words;  ///< ko: kept whole
  std::size_t threads = 0;              ///< 0: every core; the counts never depend on it
};

/// Every analyzer word of the corpus with its count, most frequent first (ties by word).
/// Streams the corpus: whitespace-separated pieces are counted first, in parallel per batch, and
/// each distinct piece is then analyzed once; the analyzers never join words across whitespace,
/// so this equals analyzing every document. The Korean analyzer's noun lexicon (and the auto
/// language) is learned from the corpus's first 8 MB of text. Throws what the corpus reader throws.
std::vector<WordCount> count_corpus_words(const CorpusOptions& corpus, const WordCountOptions& options);

/// Whether `word` alone encodes to exactly one non-special token.
bool is_single_token(const Tokenizer& tokenizer, std::string_view word);

struct MissingWord {
  std::string word;
  std::uint64_t count = 0;
  std::vector<std::string> tokens;  ///< how the tokenizer splits it today ("대일", "##밴드")
};

/// The words of `counts` with count >= min_count that are not one token, in the order of
/// `counts`. Each word is tokenized once.
std::vector<MissingWord> find_missing_words(std::span<const WordCount> counts, const Tokenizer& tokenizer,
                                            std::uint64_t min_count = 1, std::size_t threads = 0);

}  // namespace topica
