// libFuzzer target: tokenizer.json text through Tokenizer::from_json, then, when it loads, a few
// encodings (single, pair, with and without special tokens) and the id <-> token tables. Any
// exception other than InputError, and any sanitizer report, is a finding.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "topica/error.hpp"
#include "topica/tokenizer.hpp"

namespace {

// Texts that reach the normalizers, pre-tokenizers and added-token matching in different ways:
// Hangul, accents, CJK, control characters, ill-formed UTF-8, the common special tokens.
constexpr std::string_view kTexts[] = {
    "Hello, world! [MASK] <mask> don't",
    "서울은 한국의 수도이다. Café 東京 \t\n  spaced   out ",
    "",
    "\xff\xfe broken \xe2\x82 utf-8 \x01\x7f",
};

void exercise(const topica::Tokenizer& tokenizer) {
  for (const std::string_view text : kTexts) {
    (void)tokenizer.encode(text);
    (void)tokenizer.encode(text, false);
    (void)tokenizer.encode_pair(text, kTexts[0]);
  }
  const auto ids = static_cast<std::int32_t>(std::min<std::size_t>(tokenizer.vocab_size(), 64));
  for (std::int32_t id = -1; id <= ids; ++id) {
    if (const auto token = tokenizer.id_to_token(id)) (void)tokenizer.token_to_id(*token);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const topica::Tokenizer tokenizer =
        topica::Tokenizer::from_json(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz/tokenizer.json");
    exercise(tokenizer);
  } catch (const topica::InputError&) {
    // A clear refusal is the expected outcome for most inputs.
  }
  return 0;
}
