// The parts of a loaded tokenizer (Tokenizer::Pipeline), and the one-sequence encoding that runs
// them in the crate's order. Internal to libtopica.
#pragma once

#include <filesystem>
#include <memory>
#include <string_view>
#include <optional>

#include "tokenizers/added_vocabulary.hpp"
#include "tokenizers/components.hpp"
#include "topica/tokenizer.hpp"

namespace topica {

struct Tokenizer::Pipeline {
  std::unique_ptr<tokenizers::Normalizer> normalizer;       ///< may be null
  std::unique_ptr<tokenizers::PreTokenizer> pre_tokenizer;  ///< may be null: the whole text is one word
  std::unique_ptr<tokenizers::Model> model;
  std::unique_ptr<tokenizers::PostProcessor> post_processor;  ///< may be null: sequences are concatenated
  tokenizers::AddedVocabulary added;
  std::optional<TruncationOptions> truncation;  ///< as the file gave them
  std::optional<PaddingOptions> padding;

  /// One sequence without special tokens, truncation or padding; `sequence` is 0 or 1 and is
  /// the type id until the post-processor sets its own.
  Encoding encode_sequence(std::string_view text, std::int32_t sequence) const;
};

}  // namespace topica

namespace topica::tokenizers {

/// The pipeline a tokenizer.json describes; `source` names it in InputError messages.
std::shared_ptr<Tokenizer::Pipeline> parse_tokenizer_json(std::string_view json, const std::string& source);

/// The pipeline transformers' BertTokenizerFast builds for a bare vocab.txt, with do_lower_case
/// and the special token names from the tokenizer_config.json beside it when there is one.
std::shared_ptr<Tokenizer::Pipeline> load_bert_vocab(const std::filesystem::path& vocab_txt);

}  // namespace topica::tokenizers
