#include "core/utf8.hpp"

#include <gtest/gtest.h>

namespace topica {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_EQ(utf8::find_invalid("plain ascii"), std::string_view::npos);
  EXPECT_EQ(utf8::find_invalid("로봇을 만든 교수는"), std::string_view::npos);
  EXPECT_EQ(utf8::find_invalid("\xF0\x9F\x98\x80 emoji"), std::string_view::npos);
}

TEST(Utf8, FindsTheFirstBadByte) {
  EXPECT_EQ(utf8::find_invalid("abc\xFF"), 3u);
  EXPECT_EQ(utf8::find_invalid("0123456789\xC0\xAF"), 10u);     // overlong '/'
  EXPECT_EQ(utf8::find_invalid("\xED\xA0\x80"), 0u);            // a surrogate
  EXPECT_EQ(utf8::find_invalid("\xF4\x90\x80\x80"), 0u);        // above U+10FFFF
  EXPECT_EQ(utf8::find_invalid("ok \xE2\x82"), 3u);             // truncated sequence at the end
}

TEST(Utf8, ReplacesMaximalSubpartsLikePython) {
  // b"a\xe2\x82z\xff".decode("utf-8", "replace") == "a\ufffdz\ufffd"
  EXPECT_EQ(utf8::replace_invalid("a\xE2\x82z\xFF"), "a\xEF\xBF\xBDz\xEF\xBF\xBD");
  // b"\xf0\x9f\x98".decode(errors="replace") is one U+FFFD; b"\xc0\xaf" is two
  EXPECT_EQ(utf8::replace_invalid("\xF0\x9F\x98"), "\xEF\xBF\xBD");
  EXPECT_EQ(utf8::replace_invalid("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(Utf8, DecodesCodePoints) {
  const std::string_view s = "a\xC3\xA9\xEB\xA1\x9C\xF0\x9F\x98\x80";
  std::size_t i = 0;
  EXPECT_EQ(utf8::next(s, i), U'a');
  EXPECT_EQ(utf8::next(s, i), U'\u00E9');
  EXPECT_EQ(utf8::next(s, i), U'\uB85C');
  EXPECT_EQ(utf8::next(s, i), U'\U0001F600');
  EXPECT_EQ(i, s.size());
}

}  // namespace
}  // namespace topica
