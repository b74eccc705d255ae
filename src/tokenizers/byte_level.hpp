// HF `ByteLevel` pre-tokenizer (GPT-2, RoBERTa): the text is split with GPT-2's pattern
//   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// and every UTF-8 byte of a word becomes one printable character (GPT-2's bytes_to_unicode: a
// space is "Ġ"), each keeping the origin of the character the byte belongs to. Internal to
// libtopica.
#pragma once

#include "tokenizers/components.hpp"

namespace topica::tokenizers {

struct ByteLevelOptions {
  bool add_prefix_space = true;  ///< HF default: a space before text that does not start with one
  bool use_regex = true;         ///< HF default: split with the GPT-2 pattern
};

class ByteLevel final : public PreTokenizer {
 public:
  explicit ByteLevel(ByteLevelOptions options) : options_(options) {}
  void split(const NormalizedText& text, Span range, std::vector<NormalizedText>& words) const override;

  /// GPT-2's printable stand-in for a byte.
  static char32_t byte_char(unsigned char byte);

 private:
  ByteLevelOptions options_;
};

/// The ends of GPT-2 pattern matches over `chars[range]`, in order (each match starts where
/// the previous one ended; the pattern matches every character, so nothing falls between).
std::vector<std::uint32_t> gpt2_split_points(const std::u32string& chars, Span range);

}  // namespace topica::tokenizers
