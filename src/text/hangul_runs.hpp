// Reading text as eojeols: Hangul runs and other word runs, one UTF-8 pass. Internal to
// libtopica; shared by the Korean analyzer and the corpus pass that learns its lexicon.
#pragma once

#include <string>
#include <string_view>

#include "core/utf8.hpp"
#include "topica/analyzer.hpp"

namespace topica::korean {

inline bool is_syllable(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

/// Valid UTF-8 already in NFC: the analyzer reads it as it is; other text goes through
/// normalize_text first.
bool is_ready(std::string_view text);

/// `text` itself when it is ready, else its normalized copy kept in `storage`.
std::string_view ready_text(std::string_view text, std::string& storage);

/// Decodes the code point at text[i] of valid UTF-8 and advances i; inline for ASCII and the
/// three-byte characters (all of Hangul), which are nearly all of a Korean corpus.
inline char32_t next_character(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b = byte(i);
  if (b < 0x80) return ++i, b;
  if ((b & 0xF0) == 0xE0) {
    const char32_t c = ((b & 0x0Fu) << 12) | ((byte(i + 1) & 0x3Fu) << 6) | (byte(i + 2) & 0x3Fu);
    i += 3;
    return c;
  }
  return utf8::next(text, i);
}

inline bool is_ascii_word_character(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// Splits ready `text` into Hangul runs and other word runs, as an eojeol is read: on_run(run,
/// hangul, after_word), where after_word says that a word run ends right where this one starts
/// (AI가, 3일: the Hangul run is that run's suffix). Every character is decoded once.
template <typename OnRun>
void for_each_run(std::string_view text, OnRun&& on_run) {
  enum Kind { None, Hangul, Other };
  const auto kind_of = [](char32_t c) {
    if (is_syllable(c)) return Hangul;
    if (c < 0x80) return is_ascii_word_character(c) ? Other : None;
    return is_word_character(c) ? Other : None;
  };
  Kind current = None;
  bool after_word = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    const Kind kind = kind_of(next_character(text, i));
    if (kind == current) continue;
    if (current != None) on_run(text.substr(start, at - start), current == Hangul, after_word);
    after_word = current != None;  // a word run ends exactly here
    current = kind, start = at;
  }
  if (current != None) on_run(text.substr(start), current == Hangul, after_word);
}

}  // namespace topica::korean
