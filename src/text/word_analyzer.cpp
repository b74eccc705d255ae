#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "core/utf8.hpp"
#include "text/stop_words.hpp"
#include "topica/analyzer.hpp"

namespace topica {

bool is_word_character(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  // Python: _PyUnicode_IsAlpha (Lu Ll Lt Lm Lo) or a numeric character (Nd Nl No). Combining
  // marks (Mn, Mc) are not word characters, so an accent in NFD splits a word, as in Python.
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return true;
    default:
      return false;
  }
}

std::string lowercase(std::string_view text) {
  bool ascii = true;
  for (char ch : text) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
  std::string out(text);
  if (ascii) {
    for (char& ch : out) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
    }
    return out;
  }
  // ICU's root-locale full lowercasing is Python's: SpecialCasing without language rules, with
  // the final-sigma context.
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.toLower(icu::Locale::getRoot());
  out.clear();
  u.toUTF8String(out);
  return out;
}

void RegexWordAnalyzer::tokenize(std::string_view document, std::vector<std::string>& tokens) const {
  const std::string lowered = lowercase_ ? lowercase(document) : std::string(document);
  const std::string_view text = lowered;
  std::size_t i = 0;
  while (i < text.size()) {
    // Skip to the start of a run of word characters, then take the whole run.
    std::size_t start = i;
    char32_t c = utf8::next(text, i);
    if (!is_word_character(c)) continue;
    std::size_t characters = 1, end = i;
    while (end < text.size()) {
      std::size_t j = end;
      if (!is_word_character(utf8::next(text, j))) break;
      end = j;
      ++characters;
    }
    if (characters >= 2) tokens.emplace_back(text.substr(start, end - start));
    i = end;
  }
}

const std::unordered_set<std::string>& english_stop_words() {
  static const std::unordered_set<std::string> words = [] {
    std::unordered_set<std::string> set;
    for (std::string_view w : detail::english_stop_word_list()) set.emplace(w);
    return set;
  }();
  return words;
}

const std::unordered_set<std::string>& korean_stop_words() {
  static const std::unordered_set<std::string> words = [] {
    std::unordered_set<std::string> set;
    for (std::string_view w : detail::korean_stop_word_list()) set.emplace(w);
    return set;
  }();
  return words;
}

}  // namespace topica
