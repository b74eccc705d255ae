// UTF-8 checking and repair. Internal to libtopica.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace topica::utf8 {

/// Offset of the first byte that does not start a well-formed UTF-8 sequence (overlong forms,
/// surrogates and code points above U+10FFFF are ill-formed), or npos when `text` is valid.
std::size_t find_invalid(std::string_view text);

/// `text` with every maximal ill-formed subsequence replaced by U+FFFD (the Unicode
/// "substitution of maximal subparts" practice, as Python's errors="replace" does).
std::string replace_invalid(std::string_view text);

/// Decodes the code point starting at text[i] (which must be valid) and advances i.
char32_t next(std::string_view text, std::size_t& i);

}  // namespace topica::utf8
