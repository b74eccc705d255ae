// HF `Sequence` normalizer and pre-tokenizer (each member runs on the previous one's output), and
// `WhitespaceSplit` (words are the runs of non-White_Space characters; the spaces are dropped).
// Internal to libtopica.
#pragma once

#include <memory>
#include <vector>

#include "tokenizers/components.hpp"

namespace topica::tokenizers {

class SequenceNormalizer final : public Normalizer {
 public:
  explicit SequenceNormalizer(std::vector<std::unique_ptr<Normalizer>> members) : members_(std::move(members)) {}
  void normalize(NormalizedText& text) const override {
    for (const auto& member : members_) member->normalize(text);
  }

 private:
  std::vector<std::unique_ptr<Normalizer>> members_;
};

class SequencePreTokenizer final : public PreTokenizer {
 public:
  explicit SequencePreTokenizer(std::vector<std::unique_ptr<PreTokenizer>> members) : members_(std::move(members)) {}
  void split(const NormalizedText& text, Span range, std::vector<NormalizedText>& words) const override;

 private:
  std::vector<std::unique_ptr<PreTokenizer>> members_;
};

class WhitespaceSplit final : public PreTokenizer {
 public:
  void split(const NormalizedText& text, Span range, std::vector<NormalizedText>& words) const override;
};

}  // namespace topica::tokenizers
