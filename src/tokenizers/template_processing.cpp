#include "tokenizers/template_processing.hpp"

namespace topica::tokenizers {

void append_encoding(Encoding& head, const Encoding& tail) {
  const auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
  append(head.ids, tail.ids);
  append(head.type_ids, tail.type_ids);
  append(head.tokens, tail.tokens);
  append(head.offsets, tail.offsets);
  append(head.attention_mask, tail.attention_mask);
  append(head.special_tokens_mask, tail.special_tokens_mask);
  append(head.sequence_ids, tail.sequence_ids);
}

std::size_t TemplateProcessing::added_tokens(bool pair) const {
  std::size_t n = 0;
  for (const TemplatePiece& piece : pair ? pair_ : single_) {
    if (piece.is_sequence) continue;
    const auto it = special_tokens_.find(piece.special_token);
    if (it != special_tokens_.end()) n += it->second.ids.size();
  }
  return n;
}

Encoding TemplateProcessing::process(Encoding first, std::optional<Encoding> second, bool add_special_tokens) const {
  Encoding out;
  for (const TemplatePiece& piece : second ? pair_ : single_) {
    if (piece.is_sequence) {
      // Sequences take the template's type id even when special tokens are left out.
      Encoding& sequence = piece.sequence == 0 ? first : *second;
      sequence.type_ids.assign(sequence.size(), piece.type_id);
      append_encoding(out, sequence);
      continue;
    }
    if (!add_special_tokens) continue;
    const TemplateSpecialToken& special = special_tokens_.at(piece.special_token);
    for (std::size_t i = 0; i < special.ids.size(); ++i) {
      out.ids.push_back(special.ids[i]);
      out.type_ids.push_back(piece.type_id);
      out.tokens.push_back(special.tokens[i]);
      out.offsets.emplace_back(0, 0);
      out.attention_mask.push_back(1);
      out.special_tokens_mask.push_back(1);
      out.sequence_ids.push_back(-1);
    }
  }
  return out;
}

}  // namespace topica::tokenizers
