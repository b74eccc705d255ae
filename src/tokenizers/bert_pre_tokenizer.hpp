// HF `BertPreTokenizer`: words are split at whitespace (which is dropped) and every punctuation
// character becomes a word of its own. Internal to libtopica.
#pragma once

#include "tokenizers/components.hpp"

namespace topica::tokenizers {

class BertPreTokenizer final : public PreTokenizer {
 public:
  void split(const NormalizedText& text, Span range, std::vector<NormalizedText>& words) const override;
};

}  // namespace topica::tokenizers
