// HF `WordPiece` model: greedy longest-match-first over a vocabulary, continuation pieces carry a
// prefix ("##"), and a word that cannot be covered, or is longer than max_input_chars_per_word
// characters after normalization, is one unknown token. Internal to libtopica.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "tokenizers/components.hpp"

namespace topica::tokenizers {

struct WordPieceOptions {
  std::string unk_token = "[UNK]";                ///< HF default
  std::string continuing_subword_prefix = "##";   ///< HF default
  std::size_t max_input_chars_per_word = 100;     ///< HF default
};

class WordPiece final : public Model {
 public:
  /// `vocab` maps token to id; throws InputError (prefixed with `source`) when the unknown token
  /// is not in it.
  WordPiece(std::unordered_map<std::string, std::int32_t> vocab, WordPieceOptions options, const std::string& source);

  void tokenize(const NormalizedText& word, std::vector<Token>& out) const override;
  std::optional<std::int32_t> token_to_id(std::string_view token) const override;
  std::optional<std::string> id_to_token(std::int32_t id) const override;
  std::size_t vocab_size() const override { return vocab_.size(); }

 private:
  std::unordered_map<std::string, std::int32_t> vocab_;
  std::unordered_map<std::int32_t, std::string> tokens_;
  WordPieceOptions options_;
  std::int32_t unk_id_ = 0;
};

}  // namespace topica::tokenizers
