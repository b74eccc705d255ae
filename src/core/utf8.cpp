#include "core/utf8.hpp"

#include <cstdint>

namespace topica::utf8 {
namespace {

// Length of the well-formed sequence at text[i], or 0 if it is ill-formed. When 0, `subpart`
// receives the length of the maximal subpart to replace by one U+FFFD (at least 1).
std::size_t sequence_length(std::string_view text, std::size_t i, std::size_t& subpart) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  subpart = 1;
  if (b0 < 0x80) return 1;
  std::size_t need;
  unsigned char lo = 0x80, hi = 0xBF;  // range allowed for the second byte (Unicode table 3-7)
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 3;
    if (b0 == 0xE0) lo = 0xA0;   // no overlong 3-byte forms
    if (b0 == 0xED) hi = 0x9F;   // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 4;
    if (b0 == 0xF0) lo = 0x90;   // no overlong 4-byte forms
    if (b0 == 0xF4) hi = 0x8F;   // nothing above U+10FFFF
  } else {
    return 0;
  }
  for (std::size_t k = 1; k < need; ++k) {
    if (i + k >= text.size()) return 0;
    const unsigned char b = byte(i + k);
    const unsigned char min = k == 1 ? lo : 0x80, max = k == 1 ? hi : 0xBF;
    if (b < min || b > max) return 0;
    subpart = k + 1;
  }
  subpart = need;
  return need;
}

}  // namespace

std::size_t find_invalid(std::string_view text) {
  std::size_t i = 0, subpart;
  while (i < text.size()) {
    // ASCII fast path: most corpora are mostly ASCII, eight bytes at a time.
    while (i + 8 <= text.size()) {
      std::uint64_t word;
      __builtin_memcpy(&word, text.data() + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= text.size()) break;
    const std::size_t n = sequence_length(text, i, subpart);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

std::string replace_invalid(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0, subpart;
  while (i < text.size()) {
    const std::size_t n = sequence_length(text, i, subpart);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      i += subpart;
    } else {
      out.append(text.data() + i, n);
      i += n;
    }
  }
  return out;
}

char32_t next(std::string_view text, std::size_t& i) {
  const auto b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(text[k])); };
  const char32_t b0 = b(i);
  if (b0 < 0x80) { i += 1; return b0; }
  if (b0 < 0xE0) { char32_t c = ((b0 & 0x1F) << 6) | (b(i + 1) & 0x3F); i += 2; return c; }
  if (b0 < 0xF0) {
    char32_t c = ((b0 & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F);
    i += 3;
    return c;
  }
  char32_t c = ((b0 & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) | (b(i + 3) & 0x3F);
  i += 4;
  return c;
}

}  // namespace topica::utf8
