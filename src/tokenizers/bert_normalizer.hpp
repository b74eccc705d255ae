// HF `BertNormalizer`: the cleaning, CJK spacing, accent stripping and lowercasing of BERT's
// BasicTokenizer, applied per character so offsets survive. Internal to libtopica.
#pragma once

#include <optional>

#include "tokenizers/components.hpp"

namespace topica::tokenizers {

struct BertNormalizerOptions {
  bool clean_text = true;            ///< HF default: drop controls, map whitespace to ' '
  bool handle_chinese_chars = true;  ///< HF default: put spaces around CJK ideographs
  std::optional<bool> strip_accents;  ///< HF default null: follows `lowercase`
  bool lowercase = true;             ///< HF default
};

class BertNormalizer final : public Normalizer {
 public:
  explicit BertNormalizer(BertNormalizerOptions options) : options_(options) {}
  void normalize(NormalizedText& text) const override;

 private:
  BertNormalizerOptions options_;
};

}  // namespace topica::tokenizers
