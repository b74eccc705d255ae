#include "tokenizers/bert_pre_tokenizer.hpp"

#include "tokenizers/unicode_classes.hpp"

namespace topica::tokenizers {

void BertPreTokenizer::split(const NormalizedText& text, Span range, std::vector<NormalizedText>& words) const {
  std::uint32_t start = range.begin;
  const auto close_word = [&](std::uint32_t end) {
    if (start < end) words.push_back(text.slice({start, end}));
  };
  for (std::uint32_t i = range.begin; i < range.end; ++i) {
    const char32_t c = text.chars[i];
    // Rust's char::is_whitespace, not the normalizer's test: without clean_text a tab still splits.
    if (is_white_space(c)) {
      close_word(i);
      start = i + 1;
    } else if (is_bert_punctuation(c)) {
      close_word(i);
      words.push_back(text.slice({i, i + 1}));
      start = i + 1;
    }
  }
  close_word(range.end);
}

}  // namespace topica::tokenizers
