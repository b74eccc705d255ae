#include "tokenizers/roberta_processing.hpp"

#include <algorithm>

#include "tokenizers/byte_level.hpp"
#include "tokenizers/template_processing.hpp"
#include "tokenizers/unicode_classes.hpp"

namespace topica::tokenizers {
namespace {

// "Ġ" (a space byte) or real whitespace, which an lstrip/rstrip added token can hold.
bool is_space_char(char32_t c) { return c == ByteLevel::byte_char(' ') || is_white_space(c); }

void push_special(Encoding& e, const std::string& token, std::int32_t id) {
  e.ids.push_back(id);
  e.type_ids.push_back(0);
  e.tokens.push_back(token);
  e.offsets.emplace_back(0, 0);
  e.attention_mask.push_back(1);
  e.special_tokens_mask.push_back(1);
  e.sequence_ids.push_back(-1);
}

}  // namespace

void RobertaProcessing::trim_offsets(Encoding& encoding) const {
  for (std::size_t i = 0; i < encoding.size(); ++i) {
    const std::u32string token = decode_utf8(encoding.tokens[i]);
    std::size_t leading = 0, trailing = 0;
    while (leading < token.size() && is_space_char(token[leading])) ++leading;
    while (trailing < token.size() && is_space_char(token[token.size() - 1 - trailing])) ++trailing;
    auto& [begin, end] = encoding.offsets[i];
    if (leading > 0) {
      // The one space add_prefix_space put before the first word is kept.
      const bool first = i == 0 || begin == 0;
      if (!(first && options_.add_prefix_space && leading == 1)) begin = std::min(begin + leading, end);
    }
    if (trailing > 0 && end >= trailing) end = std::max(end - trailing, begin);
  }
}

Encoding RobertaProcessing::process(Encoding first, std::optional<Encoding> second, bool add_special_tokens) const {
  if (options_.trim_offsets) {
    trim_offsets(first);
    if (second) trim_offsets(*second);
  }
  std::fill(first.type_ids.begin(), first.type_ids.end(), 0);
  if (second) std::fill(second->type_ids.begin(), second->type_ids.end(), 0);
  if (!add_special_tokens) {
    if (second) append_encoding(first, *second);
    return first;
  }
  Encoding out;
  push_special(out, options_.cls, options_.cls_id);
  append_encoding(out, first);
  push_special(out, options_.sep, options_.sep_id);
  if (second) {
    push_special(out, options_.sep, options_.sep_id);
    append_encoding(out, *second);
    push_special(out, options_.sep, options_.sep_id);
  }
  return out;
}

}  // namespace topica::tokenizers
