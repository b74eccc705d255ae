// HF `Metaspace` pre-tokenizer (sentencepiece models): spaces become the replacement character
// (U+2581 "▁"), one is prepended to a piece that does not already start with it, and the piece
// is cut before each replacement (the crate's MergedWithNext). The prepended character
// shares the origin of the character it precedes, so its token's offsets overlap the next one's.
// Internal to libtopica.
#pragma once

#include "tokenizers/components.hpp"

namespace topica::tokenizers {

struct MetaspaceOptions {
  enum class Prepend { Always, First, Never };
  char32_t replacement = U'\u2581';
  Prepend prepend = Prepend::Always;  ///< legacy add_prefix_space true/false is Always/Never
  bool split = true;
};

class Metaspace final : public PreTokenizer {
 public:
  explicit Metaspace(MetaspaceOptions options) : options_(options) {}
  void split(const NormalizedText& text, Span range, std::vector<NormalizedText>& words) const override;

 private:
  MetaspaceOptions options_;
};

}  // namespace topica::tokenizers
