#include "tokenizers/precompiled.hpp"

#include <algorithm>
#include <memory>
#include <unordered_set>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "tokenizers/unicode_classes.hpp"
#include "topica/error.hpp"

namespace topica::tokenizers {
namespace {

// Darts-clone's unit layout: bit 8 says the node has a leaf, bit 9 scales the offset by 256.
bool has_leaf(std::uint32_t unit) { return ((unit >> 8) & 1U) != 0; }
std::uint32_t value(std::uint32_t unit) { return unit & 0x7FFFFFFFU; }
std::uint32_t label(std::uint32_t unit) { return unit & (0x80000000U | 0xFFU); }
std::uint32_t offset(std::uint32_t unit) { return (unit >> 10) << ((unit & (1U << 9)) >> 6); }

int base64_digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool is_utf8(std::string_view bytes) { return encode_utf8(decode_utf8(bytes)) == bytes; }

// One step of the crate's `replace`: the new characters replace `old_count` characters of the
// input. Extra characters are marked as insertions (+1) at the end; missing ones are charged to
// the last character already emitted, which then swallows them. A deletion with nothing emitted
// before it is lost, as in the crate (the following characters then take shifted alignments).
struct Change {
  char32_t c;
  long change;
};
void replace(std::vector<Change>& changes, std::size_t old_count, std::string_view replacement) {
  const std::u32string added = decode_utf8(replacement);
  for (char32_t c : added) changes.push_back({c, 0});
  const long diff = static_cast<long>(added.size()) - static_cast<long>(old_count);
  if (diff > 0) {
    for (std::size_t i = 0; i < static_cast<std::size_t>(diff); ++i) changes[changes.size() - 1 - i].change = 1;
  } else if (diff < 0 && !changes.empty()) {
    changes.back().change += diff;
  }
}

// HF NormalizedString::transform at code-point granularity: a kept or replacing character takes
// the origin of the next input character (and skips as many more as it removes); an inserted
// one shares the origin of the input character before it.
NormalizedText apply_changes(const NormalizedText& text, const std::vector<Change>& changes) {
  NormalizedText out;
  if (text.size() == 0) return out;
  // `replace` never starts with an insertion; the crate would give it an empty span at the start.
  const Span start{text.origin.front().begin, text.origin.front().begin};
  std::size_t cursor = 0;
  for (const Change& ch : changes) {
    Span origin;
    if (ch.change > 0) {
      origin = cursor == 0 ? start : text.origin[std::min(cursor, text.size()) - 1];
    } else {
      // The crate would index past the end here only for an inconsistent change list, which
      // `replace` never builds; stay inside anyway.
      origin = cursor < text.size() ? text.origin[cursor] : text.origin.back();
      cursor += 1 + static_cast<std::size_t>(-ch.change);
    }
    out.push(ch.c, origin);
  }
  return out;
}

// Extended grapheme cluster boundaries of `chars` (UAX #29, as unicode-segmentation gives them),
// in code points, starting with 0 and ending with chars.size().
std::vector<std::uint32_t> grapheme_boundaries(const std::u32string& chars) {
  std::vector<std::uint32_t> bounds{0};
  if (chars.empty()) return bounds;
  const icu::UnicodeString utf16 = icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(chars.data()), static_cast<std::int32_t>(chars.size()));
  // UTF-16 index → code point index (at code point starts).
  std::vector<std::uint32_t> to_char(static_cast<std::size_t>(utf16.length()) + 1, 0);
  std::uint32_t u16 = 0;
  for (std::uint32_t i = 0; i < chars.size(); ++i) {
    to_char[u16] = i;
    u16 += chars[i] > 0xFFFF ? 2 : 1;
  }
  to_char[u16] = static_cast<std::uint32_t>(chars.size());
  // Creating an iterator loads ICU's rules; one per thread is reused (iterators are not
  // thread-safe).
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> made(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) made.reset();
    return made;
  }();
  if (!it) {
    for (std::uint32_t i = 1; i <= chars.size(); ++i) bounds.push_back(i);
    return bounds;
  }
  it->setText(utf16);
  for (std::int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) bounds.push_back(to_char[static_cast<std::size_t>(b)]);
  if (bounds.back() != chars.size()) bounds.push_back(static_cast<std::uint32_t>(chars.size()));
  return bounds;
}

}  // namespace

std::optional<std::string> decode_base64(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    const int digit = base64_digit(c);
    if (digit < 0) return std::nullopt;
    bits = (bits << 6) | static_cast<std::uint32_t>(digit);
    if (++count == 4) {
      out.push_back(static_cast<char>((bits >> 16) & 0xFF));
      out.push_back(static_cast<char>((bits >> 8) & 0xFF));
      out.push_back(static_cast<char>(bits & 0xFF));
      bits = 0;
      count = 0;
    }
  }
  if (count == 2) out.push_back(static_cast<char>((bits >> 4) & 0xFF));
  if (count == 3) {
    out.push_back(static_cast<char>((bits >> 10) & 0xFF));
    out.push_back(static_cast<char>((bits >> 2) & 0xFF));
  }
  return out;
}

CharsMap::CharsMap(std::string_view blob, const std::string& where) {
  if (blob.size() < 4) throw InputError(where + ": charsmap shorter than its 4-byte header");
  const auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(blob[i])); };
  const std::uint32_t trie_size = byte(0) | byte(1) << 8 | byte(2) << 16 | byte(3) << 24;
  if (trie_size % 4 != 0 || trie_size == 0 || trie_size > blob.size() - 4) {
    throw InputError(where + ": charsmap trie size " + std::to_string(trie_size) + " does not fit the " + std::to_string(blob.size()) + "-byte blob");
  }
  units_.resize(trie_size / 4);
  for (std::size_t i = 0; i < units_.size(); ++i) {
    const std::size_t at = 4 + 4 * i;
    units_[i] = byte(at) | byte(at + 1) << 8 | byte(at + 2) << 16 | byte(at + 3) << 24;
  }
  strings_.assign(blob.substr(4 + trie_size));
  // The crate reads the strings as one UTF-8 String.
  if (!is_utf8(strings_)) throw InputError(where + ": charsmap replacement strings are not UTF-8");
  // Walk every node once, so that a leaf pointing outside the strings (or into the middle of a
  // character) is refused here rather than met while encoding.
  std::unordered_set<std::uint32_t> seen;
  std::vector<std::uint32_t> pending{offset(units_[0])};
  while (!pending.empty()) {
    const std::uint32_t base = pending.back();
    pending.pop_back();
    if (!seen.insert(base).second) continue;
    for (std::uint32_t c = 1; c < 256; ++c) {
      const std::uint32_t child = base ^ c;
      if (child >= units_.size() || label(units_[child]) != c) continue;
      const std::uint32_t next = child ^ offset(units_[child]);
      if (has_leaf(units_[child])) {
        if (next >= units_.size()) throw InputError(where + ": charsmap trie leaf outside the trie");
        const std::uint32_t v = value(units_[next]);
        if (v > strings_.size() || (v < strings_.size() && (static_cast<unsigned char>(strings_[v]) & 0xC0) == 0x80)) {
          throw InputError(where + ": charsmap trie value " + std::to_string(v) + " is not the start of a replacement string");
        }
      }
      pending.push_back(next);
    }
  }
}

std::vector<std::uint32_t> CharsMap::common_prefix_search(std::string_view key) const {
  std::vector<std::uint32_t> results;
  std::size_t pos = offset(units_[0]);
  for (char ch : key) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0) break;
    pos ^= c;
    if (pos >= units_.size()) break;
    const std::uint32_t unit = units_[pos];
    if (label(unit) != c) break;
    pos ^= offset(unit);
    if (has_leaf(unit) && pos < units_.size()) results.push_back(value(units_[pos]));
  }
  return results;
}

std::optional<std::string_view> CharsMap::transform(std::string_view key) const {
  const std::vector<std::uint32_t> results = common_prefix_search(key);
  if (results.empty() || results.front() > strings_.size()) return std::nullopt;
  // spm_precompiled takes the first (shortest) match, not the longest as sentencepiece does.
  const std::string_view rest = std::string_view(strings_).substr(results.front());
  return rest.substr(0, rest.find('\0'));
}

void Precompiled::normalize(NormalizedText& text) const {
  const std::vector<std::uint32_t> bounds = grapheme_boundaries(text.chars);
  std::vector<Change> changes;
  changes.reserve(text.size());
  bool modified = false;
  std::string bytes;
  for (std::size_t g = 0; g + 1 < bounds.size(); ++g) {
    const std::u32string_view grapheme = std::u32string_view(text.chars).substr(bounds[g], bounds[g + 1] - bounds[g]);
    bytes = encode_utf8(grapheme);
    // The crate tries whole clusters only below 6 bytes (a sentencepiece quirk it keeps).
    if (bytes.size() < 6) {
      if (const auto replacement = map_.transform(bytes)) {
        modified = true;
        replace(changes, grapheme.size(), *replacement);
        continue;
      }
    }
    for (char32_t c : grapheme) {
      bytes.clear();
      append_utf8(c, bytes);
      if (const auto replacement = map_.transform(bytes)) {
        modified = true;
        replace(changes, 1, *replacement);
      } else {
        changes.push_back({c, 0});
      }
    }
  }
  if (modified) text = apply_changes(text, changes);
}

}  // namespace topica::tokenizers
