// HF `Precompiled` normalizer: sentencepiece's precompiled charsmap (the `nmt_nfkc` rules of T5,
// XLM-R, mBART), read from tokenizer.json's base64 `precompiled_charsmap`. The blob is
//   u32 little-endian trie_size | trie_size bytes: a Darts double-array trie (u32 units) | strings
// where the trie maps UTF-8 keys to byte offsets of NUL-terminated replacements in `strings`.
// The crate (spm_precompiled 0.1.4) applies it per extended grapheme cluster: a cluster shorter
// than 6 bytes is replaced whole by the replacement of its *shortest* matching prefix; otherwise
// (or without a match) each character is looked up on its own. Internal to libtopica.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizers/components.hpp"

namespace topica::tokenizers {

/// Standard base64 (RFC 4648, '=' padding optional); nullopt for anything else.
std::optional<std::string> decode_base64(std::string_view text);

/// A decoded charsmap. The constructor walks the whole trie once, so every lookup afterwards
/// stays inside the blob; a truncated or inconsistent blob is an InputError naming `where`.
class CharsMap {
 public:
  CharsMap(std::string_view blob, const std::string& where);

  /// The values (offsets into the strings) of every key that is a prefix of `key`, shortest
  /// first, as Darts' commonPrefixSearch gives them; a NUL byte ends the key.
  std::vector<std::uint32_t> common_prefix_search(std::string_view key) const;
  /// The replacement for the shortest key that prefixes `key`, or nullopt.
  std::optional<std::string_view> transform(std::string_view key) const;

 private:
  std::vector<std::uint32_t> units_;
  std::string strings_;
};

class Precompiled final : public Normalizer {
 public:
  explicit Precompiled(CharsMap map) : map_(std::move(map)) {}
  void normalize(NormalizedText& text) const override;

 private:
  CharsMap map_;
};

}  // namespace topica::tokenizers
