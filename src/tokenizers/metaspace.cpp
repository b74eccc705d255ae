#include "tokenizers/metaspace.hpp"

namespace topica::tokenizers {

void Metaspace::split(const NormalizedText& text, Span range, std::vector<NormalizedText>& words) const {
  if (range.empty()) return;
  NormalizedText piece = text.slice(range);
  for (char32_t& c : piece.chars) {
    if (c == U' ') c = options_.replacement;
  }
  // First: only the piece that starts the input (its first character came from offset 0).
  const bool prepend = options_.prepend == MetaspaceOptions::Prepend::Always ||
                       (options_.prepend == MetaspaceOptions::Prepend::First && piece.origin.front().begin == 0);
  if (prepend && piece.chars.front() != options_.replacement) {
    piece.chars.insert(piece.chars.begin(), options_.replacement);
    piece.origin.insert(piece.origin.begin(), piece.origin.front());
  }
  if (!options_.split) {
    words.push_back(std::move(piece));
    return;
  }
  // MergedWithNext: a word starts at every replacement, so a run of them gives one-character
  // words before the last, which carries the text after it ("▁▁a" → "▁", "▁a").
  std::uint32_t start = 0;
  for (std::uint32_t i = 1; i < piece.size(); ++i) {
    if (piece.chars[i] == options_.replacement) {
      words.push_back(piece.slice({start, i}));
      start = i;
    }
  }
  words.push_back(piece.slice({start, static_cast<std::uint32_t>(piece.size())}));
}

}  // namespace topica::tokenizers
