#include "tokenizers/sequence.hpp"

#include "tokenizers/unicode_classes.hpp"

namespace topica::tokenizers {

void SequencePreTokenizer::split(const NormalizedText& text, Span range, std::vector<NormalizedText>& words) const {
  if (members_.empty()) {
    if (!range.empty()) words.push_back(text.slice(range));
    return;
  }
  std::vector<NormalizedText> current;
  members_.front()->split(text, range, current);
  for (std::size_t m = 1; m < members_.size(); ++m) {
    std::vector<NormalizedText> next;
    for (const NormalizedText& word : current) members_[m]->split(word, {0, static_cast<std::uint32_t>(word.size())}, next);
    current = std::move(next);
  }
  for (NormalizedText& word : current) words.push_back(std::move(word));
}

void WhitespaceSplit::split(const NormalizedText& text, Span range, std::vector<NormalizedText>& words) const {
  std::uint32_t i = range.begin;
  while (i < range.end) {
    while (i < range.end && is_white_space(text.chars[i])) ++i;
    const std::uint32_t start = i;
    while (i < range.end && !is_white_space(text.chars[i])) ++i;
    if (start < i) words.push_back(text.slice({start, i}));
  }
}

}  // namespace topica::tokenizers
