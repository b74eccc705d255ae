// The character classes of the HF tokenizers crate: its category and NFD tables are Unicode 9.0
// (unicode_categories 0.1.1, unicode-normalization-alignments 0.1.12), its whitespace and
// lowercasing those of Rust's std.
#include <gtest/gtest.h>

#include "tokenizers/unicode_classes.hpp"

namespace topica::tokenizers {
namespace {

TEST(TokenizerUnicode, ControlsAreCcCfCoButNotUnassigned) {
  EXPECT_TRUE(is_bert_control(0x200B));   // ZERO WIDTH SPACE, Cf
  EXPECT_TRUE(is_bert_control(0x0085));   // NEL is Cc, so it is dropped, not a space
  EXPECT_TRUE(is_bert_control(0xE000));   // private use
  EXPECT_FALSE(is_bert_control(U'\t'));
  EXPECT_FALSE(is_bert_control(0x0378));  // unassigned: kept (and later [UNK])
  EXPECT_FALSE(is_bert_control(0x0890));  // ARABIC POUND MARK ABOVE: Cf since Unicode 14 only
}

TEST(TokenizerUnicode, WhitespaceAndPunctuation) {
  EXPECT_TRUE(is_white_space(0x2028));
  EXPECT_TRUE(is_white_space(0x3000));
  EXPECT_FALSE(is_white_space(0x200B));
  EXPECT_TRUE(is_bert_punctuation(U'$'));  // ASCII symbols count
  EXPECT_TRUE(is_bert_punctuation(U'^'));
  EXPECT_TRUE(is_bert_punctuation(0x00BF));  // ¿
  EXPECT_FALSE(is_bert_punctuation(0x20AC));  // € is Sc
  EXPECT_FALSE(is_bert_punctuation(0x2E50));  // CROSS PATTY WITH RIGHT CROSSBAR: Po since Unicode 13
}

TEST(TokenizerUnicode, DecompositionAndMarksFollowUnicode9) {
  std::u32string out;
  append_nfd(0xE9, out);  // é
  EXPECT_EQ(out, (std::u32string{U'e', 0x301}));
  out.clear();
  append_nfd(0xD55C, out);  // 한 → three conjoining jamo
  EXPECT_EQ(out, (std::u32string{0x1112, 0x1161, 0x11AB}));
  out.clear();
  append_nfd(0x11938, out);  // DIVES AKURU VOWEL SIGN O: Unicode 13, so no decomposition
  EXPECT_EQ(out, std::u32string{0x11938});
  EXPECT_TRUE(is_nonspacing_mark(0x301));
  EXPECT_FALSE(is_nonspacing_mark(0x1161));  // jungseong is Lo: kept when accents are stripped
}

TEST(TokenizerUnicode, LowercasingIsPerCharacter) {
  std::u32string out;
  append_lowercase(0x130, out);  // İ → i + COMBINING DOT ABOVE
  EXPECT_EQ(out, (std::u32string{U'i', 0x307}));
  out.clear();
  append_lowercase(0x3A3, out);  // Σ → σ, never the final ς: there is no context
  EXPECT_EQ(out, std::u32string{0x3C3});
}

TEST(TokenizerUnicode, IllFormedUtf8IsOneReplacementPerMaximalSubpart) {
  EXPECT_EQ(decode_utf8("a\xE2\x82" "b\xFF"), (std::u32string{U'a', 0xFFFD, U'b', 0xFFFD}));
  EXPECT_EQ(encode_utf8(U"한a"), "한a");
}

}  // namespace
}  // namespace topica::tokenizers
