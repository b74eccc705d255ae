#include "tokenizers/replace_strip.hpp"

#include "tokenizers/unicode_classes.hpp"

namespace topica::tokenizers {

void Replace::normalize(NormalizedText& text) const {
  // An empty pattern matches nothing in the crate.
  if (pattern_.empty()) return;
  NormalizedText out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.chars.compare(i, pattern_.size(), pattern_) == 0) {
      const Span last = text.origin[i + pattern_.size() - 1];
      for (char32_t c : content_) out.push(c, last);
      i += pattern_.size();
    } else {
      out.push(text.chars[i], text.origin[i]);
      ++i;
    }
  }
  text = std::move(out);
}

void Strip::normalize(NormalizedText& text) const {
  std::size_t begin = 0, end = text.size();
  if (left_) {
    while (begin < end && is_white_space(text.chars[begin])) ++begin;
  }
  if (right_) {
    while (end > begin && is_white_space(text.chars[end - 1])) --end;
  }
  if (begin == 0 && end == text.size()) return;
  text = text.slice({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
}

}  // namespace topica::tokenizers
