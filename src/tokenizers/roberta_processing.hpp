// HF `RobertaProcessing`: "<s> A </s>" and "<s> A </s> </s> B </s>", every type id 0, and with
// trim_offsets the offsets of byte-level tokens lose their leading and trailing spaces ("Ġword"
// starts at "w"; a lone "Ġ" gets an empty span). Internal to libtopica.
#pragma once

#include <string>

#include "tokenizers/components.hpp"

namespace topica::tokenizers {

struct RobertaProcessingOptions {
  std::string cls = "<s>", sep = "</s>";
  std::int32_t cls_id = 0, sep_id = 2;
  bool trim_offsets = true;       ///< HF default
  bool add_prefix_space = true;   ///< HF default: keeps the first token's one added space
};

class RobertaProcessing final : public PostProcessor {
 public:
  explicit RobertaProcessing(RobertaProcessingOptions options) : options_(std::move(options)) {}
  std::size_t added_tokens(bool pair) const override { return pair ? 4 : 2; }
  Encoding process(Encoding first, std::optional<Encoding> second, bool add_special_tokens) const override;

 private:
  void trim_offsets(Encoding& encoding) const;
  RobertaProcessingOptions options_;
};

}  // namespace topica::tokenizers
