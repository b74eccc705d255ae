#include "tokenizers/unicode_classes.hpp"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>

#include "core/utf8.hpp"

namespace topica::tokenizers {
namespace {

// The crate's category and decomposition tables are Unicode 9.0 (see the header).
bool assigned_by_unicode_9(char32_t c) {
  UVersionInfo age;
  u_charAge(static_cast<UChar32>(c), age);
  if (age[0] == 0 && age[1] == 0) return false;  // unassigned today
  return age[0] < 9 || (age[0] == 9 && age[1] == 0);
}

// The general category as Unicode 9.0 gave it (Cn for code points assigned later).
int category_9(char32_t c) {
  if (c < 0x80) return u_charType(static_cast<UChar32>(c));
  if (!assigned_by_unicode_9(c)) return U_UNASSIGNED;
  return u_charType(static_cast<UChar32>(c));
}

}  // namespace

bool is_white_space(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D);
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_WHITE_SPACE);
}

bool is_bert_whitespace(char32_t c) { return c == '\t' || c == '\n' || c == '\r' || is_white_space(c); }

bool is_bert_control(char32_t c) {
  if (c == '\t' || c == '\n' || c == '\r') return false;
  const int category = category_9(c);
  return category == U_CONTROL_CHAR || category == U_FORMAT_CHAR || category == U_PRIVATE_USE_CHAR;
}

bool is_chinese_char(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
         (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

bool is_bert_punctuation(char32_t c) {
  // Rust's is_ascii_punctuation takes the ASCII symbols ($ + < = > ^ ` | ~) as well.
  if (c < 0x80) return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
  switch (category_9(c)) {
    case U_CONNECTOR_PUNCTUATION:
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
      return true;
    default:
      return false;
  }
}

bool is_nonspacing_mark(char32_t c) { return c >= 0x300 && category_9(c) == U_NON_SPACING_MARK; }

int combining_class(char32_t c) {
  if (c < 0x300 || !assigned_by_unicode_9(c)) return 0;
  return u_getCombiningClass(static_cast<UChar32>(c));
}

void append_nfd(char32_t c, std::u32string& out) {
  if (c < 0xC0 || !assigned_by_unicode_9(c)) {
    out.push_back(c);
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposition;
  if (nfd == nullptr || !nfd->getDecomposition(static_cast<UChar32>(c), decomposition)) {
    out.push_back(c);
    return;
  }
  for (int32_t i = 0; i < decomposition.length();) {
    const UChar32 d = decomposition.char32At(i);
    out.push_back(static_cast<char32_t>(d));
    i += U16_LENGTH(d);
  }
}

void append_lowercase(char32_t c, std::u32string& out) {
  if (c < 0x80) {
    out.push_back(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return;
  }
  // One character alone: ICU's full root-locale mapping then has no context to apply, which is
  // Rust's char::to_lowercase (İ → i + U+0307, Σ → σ).
  UChar source[2];
  int32_t length = 0;
  U16_APPEND_UNSAFE(source, length, static_cast<UChar32>(c));
  UChar lowered[8];
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = u_strToLower(lowered, 8, source, length, "", &status);
  if (U_FAILURE(status)) {
    out.push_back(c);
    return;
  }
  for (int32_t i = 0; i < n;) {
    UChar32 d;
    U16_NEXT(lowered, i, n, d);
    out.push_back(static_cast<char32_t>(d));
  }
}

bool is_word_char(char32_t c) { return c == '_' || u_isalnum(static_cast<UChar32>(c)); }

std::u32string decode_utf8(std::string_view text) {
  std::string repaired;
  if (utf8::find_invalid(text) != std::string_view::npos) {
    repaired = utf8::replace_invalid(text);
    text = repaired;
  }
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) out.push_back(utf8::next(text, i));
  return out;
}

void append_utf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string encode_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t c : text) append_utf8(c, out);
  return out;
}

}  // namespace topica::tokenizers
