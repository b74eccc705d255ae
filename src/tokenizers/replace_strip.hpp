// HF `Replace` normalizer with a literal pattern (every leftmost non-overlapping match becomes
// `content`; the new characters all take the origin of the match's last character, as the
// crate's transform does) and `Strip` (drops leading and/or trailing White_Space; the rest keep
// their origins). Regex patterns would need Oniguruma's syntax and are refused at load.
// Internal to libtopica.
#pragma once

#include <string>

#include "tokenizers/components.hpp"

namespace topica::tokenizers {

class Replace final : public Normalizer {
 public:
  Replace(std::u32string pattern, std::u32string content) : pattern_(std::move(pattern)), content_(std::move(content)) {}
  void normalize(NormalizedText& text) const override;

 private:
  std::u32string pattern_, content_;
};

class Strip final : public Normalizer {
 public:
  Strip(bool left, bool right) : left_(left), right_(right) {}
  void normalize(NormalizedText& text) const override;

 private:
  bool left_, right_;
};

}  // namespace topica::tokenizers
