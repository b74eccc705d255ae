#include "tokenizers/byte_level.hpp"

#include <array>

#include <unicode/uchar.h>

#include "tokenizers/unicode_classes.hpp"

namespace topica::tokenizers {
namespace {

// \p{L}, \p{N} and \s as Oniguruma reads them (\s: White_Space).
bool is_letter(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_L_MASK) != 0;
}
bool is_number(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_N_MASK) != 0;
}
bool is_other(char32_t c) { return !is_white_space(c) && !is_letter(c) && !is_number(c); }

// The length of the contraction ('s 't 're 've 'm 'll 'd) at `i`, or 0. Case-sensitive, as
// the pattern is.
std::uint32_t contraction(const std::u32string& s, std::uint32_t i, std::uint32_t end) {
  if (s[i] != U'\'' || i + 1 >= end) return 0;
  const char32_t a = s[i + 1];
  if (a == U's' || a == U't' || a == U'm' || a == U'd') return 2;
  if (i + 2 >= end) return 0;
  const char32_t b = s[i + 2];
  if ((a == U'r' && b == U'e') || (a == U'v' && b == U'e') || (a == U'l' && b == U'l')) return 3;
  return 0;
}

// The end of the first alternative that matches at `i`.
std::uint32_t match_end(const std::u32string& s, std::uint32_t i, std::uint32_t end) {
  if (const std::uint32_t n = contraction(s, i, end)) return i + n;
  // " ?\p{L}+", " ?\p{N}+", " ?[^\s\p{L}\p{N}]+": an optional space, then a run of one class.
  const std::uint32_t body = (s[i] == U' ' && i + 1 < end) ? i + 1 : i;
  for (bool (*in_class)(char32_t) : {&is_letter, &is_number, &is_other}) {
    std::uint32_t j = s[i] == U' ' && in_class(s[body]) ? body : i;
    if (!in_class(s[j])) continue;
    while (j < end && in_class(s[j])) ++j;
    return j;
  }
  // "\s+(?!\S)" backs off one space when the run is followed by a non-space; a run of one
  // falls through to "\s+".
  std::uint32_t j = i;
  while (j < end && is_white_space(s[j])) ++j;
  if (j < end && j - i >= 2) return j - 1;
  return j;
}

std::array<char32_t, 256> make_byte_chars() {
  // Printable Latin-1 bytes stand for themselves; the rest get 256, 257, ... in byte order.
  std::array<char32_t, 256> table{};
  char32_t next = 256;
  for (int b = 0; b < 256; ++b) {
    const bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    table[b] = printable ? static_cast<char32_t>(b) : next++;
  }
  return table;
}

}  // namespace

char32_t ByteLevel::byte_char(unsigned char byte) {
  static const std::array<char32_t, 256> table = make_byte_chars();
  return table[byte];
}

std::vector<std::uint32_t> gpt2_split_points(const std::u32string& chars, Span range) {
  std::vector<std::uint32_t> ends;
  for (std::uint32_t i = range.begin; i < range.end;) {
    i = match_end(chars, i, range.end);
    ends.push_back(i);
  }
  return ends;
}

void ByteLevel::split(const NormalizedText& text, Span range, std::vector<NormalizedText>& words) const {
  if (range.empty()) return;
  NormalizedText piece = text.slice(range);
  // HF prepends the space to each piece left between added tokens, with the first
  // character's origin.
  if (options_.add_prefix_space && piece.chars.front() != U' ') {
    piece.chars.insert(piece.chars.begin(), U' ');
    piece.origin.insert(piece.origin.begin(), piece.origin.front());
  }
  const Span all{0, static_cast<std::uint32_t>(piece.size())};
  std::vector<std::uint32_t> ends = options_.use_regex ? gpt2_split_points(piece.chars, all) : std::vector<std::uint32_t>{all.end};
  std::uint32_t start = 0;
  std::string bytes;
  for (std::uint32_t end : ends) {
    NormalizedText word;
    for (std::uint32_t i = start; i < end; ++i) {
      bytes.clear();
      append_utf8(piece.chars[i], bytes);
      for (char b : bytes) word.push(byte_char(static_cast<unsigned char>(b)), piece.origin[i]);
    }
    words.push_back(std::move(word));
    start = end;
  }
}

}  // namespace topica::tokenizers
