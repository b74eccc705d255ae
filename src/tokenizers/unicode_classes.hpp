// The character classes and per-character mappings the HF tokenizers crate uses, reproduced with
// ICU. The crate takes categories from `unicode_categories` 0.1.1 and NFD from
// `unicode-normalization-alignments` 0.1.12, both built from Unicode 9.0 tables: a code point
// assigned later is uncategorised there (not a control, mark or punctuation) and has no
// decomposition, so these helpers treat it the same way. Lowercasing comes from Rust's std,
// whose tables are current, so it uses ICU's as they are. Internal to libtopica.
#pragma once

#include <string>
#include <string_view>

namespace topica::tokenizers {

/// Rust `char::is_whitespace`: the Unicode White_Space property.
bool is_white_space(char32_t c);
/// BertNormalizer's whitespace: \t \n \r or White_Space.
bool is_bert_whitespace(char32_t c);
/// BertNormalizer's control: Cc, Cf or Co (Unicode 9.0), except \t \n \r.
bool is_bert_control(char32_t c);
/// BertNormalizer's "Chinese character": the CJK ideograph blocks it puts spaces around.
bool is_chinese_char(char32_t c);
/// BertPreTokenizer's punctuation: ASCII punctuation or a P* category (Unicode 9.0).
bool is_bert_punctuation(char32_t c);
/// Category Mn (Unicode 9.0).
bool is_nonspacing_mark(char32_t c);
/// Canonical combining class (0 for code points unassigned in Unicode 9.0).
int combining_class(char32_t c);
/// Appends the full canonical decomposition of `c` (itself when it has none).
void append_nfd(char32_t c, std::u32string& out);
/// Appends Rust's `char::to_lowercase(c)`: the full mapping, with no context (no final sigma).
void append_lowercase(char32_t c, std::u32string& out);
/// `\w` as the added vocabulary's single_word check reads it: alphanumeric or underscore.
bool is_word_char(char32_t c);

/// Decodes UTF-8, reading each maximal ill-formed subsequence as one U+FFFD.
std::u32string decode_utf8(std::string_view text);
void append_utf8(char32_t c, std::string& out);
std::string encode_utf8(std::u32string_view text);

}  // namespace topica::tokenizers
