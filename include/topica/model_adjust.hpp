// Embedding adjustment of a transformer model folder (topica adjust): every word of a synonym
// group gets the group's one vector as its input embedding, and words the tokenizer does not
// have as one token are added as tokens first, what a notebook does with transformers'
// tokenizer.add_tokens(words), model.resize_token_embeddings(len(tokenizer)) and an assignment
// to get_input_embeddings().weight. The result is a complete Hugging Face folder that
// transformers and topica load.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "topica/combine_vectors.hpp"
#include "topica/synonym_groups.hpp"

namespace topica {

/// Where a member word's vector comes from before the group's vectors are combined.
///   Input       the mean of the input embedding rows of the word's sub-tokens, as the original
///               tokenizer splits the word (without special tokens).
///   Contextual  the seed's: the mean of the last hidden state over the word's sub-tokens, the word
///               encoded alone with its special tokens (which are left out of the mean).
enum class EmbeddingSource { Input, Contextual };
const char* embedding_source_name(EmbeddingSource source);
std::optional<EmbeddingSource> parse_embedding_source(std::string_view name);

struct AdjustOptions {
  CombineMethod method = CombineMethod::Mean;
  EmbeddingSource source = EmbeddingSource::Input;
  bool force = false;       ///< replace an existing, non-empty output folder
  std::size_t threads = 0;  ///< for the contextual forward passes; 0: every core
};

struct AdjustedWord {
  std::string word, concept_name;
  std::int32_t id = 0;               ///< its token id in the new model
  bool added = false;                ///< a new token (it was not one token before)
  std::vector<std::string> before;   ///< how the original tokenizer split it
};

struct AdjustReport {
  std::size_t vocab_before = 0, vocab_after = 0;
  std::vector<AdjustedWord> words;   ///< group by group, in file order
};

/// Writes the adjusted copy of the model folder `model` (a folder or a cached hub id) to `out`:
/// the transformer's config.json (vocab_size), tokenizer.json (added_tokens: the new words, not
/// special, normalized, as add_tokens makes them), tokenizer_config.json (added_tokens_decoder,
/// when it has one), added_tokens.json and model.safetensors (the word-embedding table grown, a
/// masked-LM decoder and its bias grown with it: a tied decoder mirrors the table, a separate one
/// gets the mean of its rows for new tokens, the bias zeros, as resize_token_embeddings does); all
/// other files are copied unchanged. Rows of tokens outside the groups keep their bytes; the
/// stored dtype (F32, F16, BF16) is kept. `out` is written beside itself and renamed into place;
/// `model` is only read. Throws UsageError when `out` is `model` or exists (without force), and
/// InputError naming the file for a folder without tokenizer.json, a tokenizer whose size is not
/// config.json's vocab_size, or a word that gives no tokens.
AdjustReport adjust_model(const std::filesystem::path& model, const std::vector<SynonymGroup>& groups,
                          const std::filesystem::path& out, const AdjustOptions& options);

}  // namespace topica
