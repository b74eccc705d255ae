#include "text/hangul_runs.hpp"

#include <unicode/normalizer2.h>

#include "topica/text_normalizer.hpp"

namespace topica::korean {
namespace {

// Already NFC with nothing to clean: ASCII without controls and Hangul syllables only.
bool is_plain(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      if (b < 0x20 && b != ' ') return false;
      ++i;
      continue;
    }
    if (b < 0xEA || b > 0xED || i + 3 > text.size()) return false;
    const unsigned char b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
    if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return false;
    if (!is_syllable(static_cast<char32_t>(((b & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F)))) return false;
    i += 3;
  }
  return true;
}

}  // namespace

bool is_ready(std::string_view text) {
  if (is_plain(text)) return true;
  if (utf8::find_invalid(text) != std::string_view::npos) return false;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return false;
  const bool normal = nfc->isNormalizedUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), status);
  return U_SUCCESS(status) && normal;
}

std::string_view ready_text(std::string_view text, std::string& storage) {
  if (is_ready(text)) return text;
  storage = normalize_text(text);
  return storage;
}

}  // namespace topica::korean
