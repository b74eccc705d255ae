#include "topica/text_normalizer.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <fmt/format.h>

#include "core/utf8.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

const icu::Normalizer2& normalizer(NormalForm form) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = form == NormalForm::Nfkc ? icu::Normalizer2::getNFKCInstance(status)
                                                       : icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || n == nullptr) throw Error(fmt::format("ICU normalizer unavailable ({})", u_errorName(status)));
  return *n;
}

bool is_compatibility_jamo(UChar32 c) { return c >= 0x3131 && c <= 0x318E; }

// Every space separator, line break and tab counts as a space; other control and format
// characters (zero-width space, BOM, soft hyphen) are dropped.
bool is_space(UChar32 c) { return u_isUWhiteSpace(c) || c == 0x200B; }
bool is_dropped(UChar32 c) {
  const int8_t type = u_charType(c);
  return type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || type == U_UNASSIGNED || type == U_PRIVATE_USE_CHAR;
}

icu::UnicodeString to_normal_form(const icu::UnicodeString& in, NormalForm form) {
  if (form == NormalForm::Nfc) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString out = normalizer(form).normalize(in, status);
    if (U_FAILURE(status)) throw Error(fmt::format("NFC normalization failed ({})", u_errorName(status)));
    return out;
  }
  // NFKC, except the compatibility jamo, which it would turn into conjoining jamo: those fuse
  // with a following vowel into a syllable that was never written.
  icu::UnicodeString out, piece;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2& nfkc = normalizer(form);
  for (int32_t i = 0; i < in.length();) {
    const UChar32 c = in.char32At(i);
    const int32_t width = U16_LENGTH(c);
    if (is_compatibility_jamo(c)) {
      out += nfkc.normalize(piece, status);
      piece.remove();
      out += c;
    } else {
      piece.append(in, i, width);
    }
    i += width;
  }
  out += nfkc.normalize(piece, status);
  if (U_FAILURE(status)) throw Error(fmt::format("NFKC normalization failed ({})", u_errorName(status)));
  return out;
}

// Whether normalize_text would return `text` unchanged: the common case, checked without
// converting to UTF-16.
bool already_normal(std::string_view text, const NormalizeOptions& options) {
  if (options.clean_hangul || text.empty() || text.front() == ' ' || text.back() == ' ') return text.empty();
  if (utf8::find_invalid(text) != std::string_view::npos) return false;
  bool ascii = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x20 || b == 0x7F || (b == ' ' && text[i + 1] == ' ')) return false;
    ascii = ascii && b < 0x80;
  }
  if (ascii) return true;
  for (std::size_t i = 0; i < text.size();) {
    const UChar32 c = static_cast<UChar32>(utf8::next(text, i));
    if (c >= 0x80 && (is_space(c) || is_dropped(c) || (options.form == NormalForm::Nfkc && c >= 0x3131 && c <= 0x318E))) return false;
  }
  UErrorCode status = U_ZERO_ERROR;
  const bool normal = normalizer(options.form).isNormalizedUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), status);
  return U_SUCCESS(status) && normal;
}

}  // namespace

std::string normalize_text(std::string_view text, const NormalizeOptions& options) {
  if (already_normal(text, options)) return std::string(text);
  const std::string valid = utf8::find_invalid(text) == std::string_view::npos ? std::string(text) : utf8::replace_invalid(text);
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(valid);
  const icu::UnicodeString normal = to_normal_form(in, options.form);
  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < normal.length();) {
    const UChar32 c = normal.char32At(i);
    i += U16_LENGTH(c);
    bool keep = !is_dropped(c);
    if (options.clean_hangul) keep = (c >= 0xAC00 && c <= 0xD7A3) || c == '.';  // the seed's [가-힣 .]
    if (is_space(c)) {
      pending_space = !out.isEmpty();
      continue;
    }
    if (!keep) {
      // The seed's re.sub("[^가-힣 .]", " ", ...) turns each removed character into a space.
      if (options.clean_hangul) pending_space = !out.isEmpty();
      continue;
    }
    if (pending_space) out += u' ';
    pending_space = false;
    out += c;
  }
  std::string result;
  out.toUTF8String(result);
  return result;
}

NormalForm parse_normal_form(const std::string& value, const std::string& flag) {
  if (value == "nfc") return NormalForm::Nfc;
  if (value == "nfkc") return NormalForm::Nfkc;
  throw UsageError(fmt::format("{} '{}': expected nfc or nfkc", flag, value));
}

}  // namespace topica
