// The stages of a Hugging Face tokenizer, one interface each, as the `tokenizers` crate splits
// them: a normalizer rewrites text, a pre-tokenizer cuts it into words, a model turns a word into
// tokens, and a post-processor adds the special tokens around one or two sequences. Internal to
// libtopica; tokenizer_json.cpp picks the implementations a tokenizer.json names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizers/normalized_text.hpp"
#include "topica/tokenizer.hpp"

namespace topica::tokenizers {

class Normalizer {
 public:
  virtual ~Normalizer() = default;
  virtual void normalize(NormalizedText& text) const = 0;
};

class PreTokenizer {
 public:
  virtual ~PreTokenizer() = default;
  /// Appends the words of `text[range]`, in order. A word is text of its own because some
  /// pre-tokenizers rewrite it (ByteLevel maps each UTF-8 byte to a printable character).
  virtual void split(const NormalizedText& text, Span range, std::vector<NormalizedText>& words) const = 0;
};

class Model {
 public:
  virtual ~Model() = default;
  /// Appends the tokens of `word` (offsets in original code points).
  virtual void tokenize(const NormalizedText& word, std::vector<Token>& out) const = 0;
  virtual std::optional<std::int32_t> token_to_id(std::string_view token) const = 0;
  virtual std::optional<std::string> id_to_token(std::int32_t id) const = 0;
  virtual std::size_t vocab_size() const = 0;
};

class PostProcessor {
 public:
  virtual ~PostProcessor() = default;
  /// How many special tokens `process` adds (what truncation leaves room for).
  virtual std::size_t added_tokens(bool pair) const = 0;
  /// Joins the sequences, adding special tokens when `add_special_tokens`.
  virtual Encoding process(Encoding first, std::optional<Encoding> second, bool add_special_tokens) const = 0;
};

}  // namespace topica::tokenizers
