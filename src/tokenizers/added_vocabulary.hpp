// HF `AddedVocabulary`: tokens listed in tokenizer.json's `added_tokens` are cut out of the input
// before the model sees it. Tokens with normalized=false (BERT's [CLS], [MASK], ...) are matched
// on the raw text, before normalization; the others on the normalized text. Matching is
// leftmost-longest and non-overlapping, as the crate's Aho-Corasick automaton does. Internal to
// libtopica.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "tokenizers/components.hpp"

namespace topica::tokenizers {

struct AddedToken {
  std::string content;
  std::int32_t id = 0;
  bool single_word = false;  ///< only when not inside a word
  bool lstrip = false;       ///< takes the whitespace before it
  bool rstrip = false;       ///< takes the whitespace after it
  bool normalized = true;    ///< matched on normalized text (HF default for non-special tokens)
  bool special = false;
};

/// A run of text: an added token (id set) or text left for the normalizer / model.
struct Piece {
  Span span;
  std::optional<std::int32_t> id;
};

class AddedVocabulary {
 public:
  /// Adds `token`; a normalized token is matched in its normalized form, so pass the normalizer.
  void add(const AddedToken& token, const Normalizer* normalizer);

  /// Cuts `text[range]` at the raw-text (normalized=false) tokens.
  std::vector<Piece> split_raw(const std::u32string& text, Span range) const { return split(raw_, text, range); }
  /// Cuts `text.chars[range]` at the normalized tokens.
  std::vector<Piece> split_normalized(const NormalizedText& text, Span range) const {
    return split(normalized_, text.chars, range);
  }

  std::optional<std::int32_t> token_to_id(std::string_view content) const;
  std::optional<std::string> id_to_token(std::int32_t id) const;
  const std::vector<AddedToken>& tokens() const { return tokens_; }

 private:
  struct Pattern {
    std::u32string text;
    std::size_t token = 0;  ///< index in tokens_
  };
  /// Patterns by first character, longest first within each list.
  using Patterns = std::unordered_map<char32_t, std::vector<Pattern>>;

  std::vector<Piece> split(const Patterns& patterns, const std::u32string& text, Span range) const;
  void rebuild(const Normalizer* normalizer);

  std::vector<AddedToken> tokens_;
  Patterns raw_, normalized_;
};

}  // namespace topica::tokenizers
