// HF `TemplateProcessing` (and `BertProcessing`, which is the template "[CLS] $A [SEP]" /
// "[CLS] $A [SEP] $B:1 [SEP]:1"): special tokens and sequences in a fixed order, each with a
// type id. Internal to libtopica.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "tokenizers/components.hpp"

namespace topica::tokenizers {

struct TemplatePiece {
  bool is_sequence = false;
  std::size_t sequence = 0;    ///< 0 for $A, 1 for $B
  std::string special_token;   ///< key into TemplateProcessing's special tokens
  std::int32_t type_id = 0;
};

/// One entry of the template's `special_tokens`: a name standing for one or more tokens.
struct TemplateSpecialToken {
  std::vector<std::int32_t> ids;
  std::vector<std::string> tokens;
};

class TemplateProcessing final : public PostProcessor {
 public:
  TemplateProcessing(std::vector<TemplatePiece> single, std::vector<TemplatePiece> pair,
                     std::map<std::string, TemplateSpecialToken> special_tokens)
      : single_(std::move(single)), pair_(std::move(pair)), special_tokens_(std::move(special_tokens)) {}

  std::size_t added_tokens(bool pair) const override;
  Encoding process(Encoding first, std::optional<Encoding> second, bool add_special_tokens) const override;

 private:
  std::vector<TemplatePiece> single_, pair_;
  std::map<std::string, TemplateSpecialToken> special_tokens_;
};

/// Appends every token of `tail` to `head`.
void append_encoding(Encoding& head, const Encoding& tail);

}  // namespace topica::tokenizers
