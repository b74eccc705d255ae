// Text on its way through a tokenizer: each code point remembers which code points of the
// original input it came from, so that token offsets can point into the user's text after
// normalization removed, replaced or expanded characters. Internal to libtopica.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace topica::tokenizers {

/// [begin, end) in code points.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
  bool operator==(const Span&) const = default;
};

/// HF's NormalizedString, kept in code points: chars[i] came from original[origin[i]].
/// Every normalization step here maps one character to zero or more characters, and each of
/// those inherits the span of the character it came from (HF's alignments do the same).
struct NormalizedText {
  std::u32string chars;
  std::vector<Span> origin;

  void push(char32_t c, Span from) {
    chars.push_back(c);
    origin.push_back(from);
  }
  std::size_t size() const { return chars.size(); }
  /// The original span covered by the normalized characters `range`.
  Span original(Span range) const {
    if (range.empty()) return {};
    return {origin[range.begin].begin, origin[range.end - 1].end};
  }
  /// The characters `range` with their origins.
  NormalizedText slice(Span range) const {
    NormalizedText out;
    out.chars.assign(chars.begin() + range.begin, chars.begin() + range.end);
    out.origin.assign(origin.begin() + range.begin, origin.begin() + range.end);
    return out;
  }
  /// The characters of `text[range]` with origins counted from `range.begin`.
  static NormalizedText from_original(const std::u32string& text, Span range) {
    NormalizedText out;
    out.chars.reserve(range.size());
    out.origin.reserve(range.size());
    for (std::uint32_t i = range.begin; i < range.end; ++i) out.push(text[i], {i, i + 1});
    return out;
  }
};

/// One token from the model or the added vocabulary; offsets are original code points.
struct Token {
  std::int32_t id = 0;
  std::string value;
  Span offsets;
};

}  // namespace topica::tokenizers
