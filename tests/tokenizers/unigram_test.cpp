// Unigram tokenizers (sentencepiece style, T5): the charsmap decoding, Viterbi and Metaspace on
// tiny hand-built inputs, exact parity with the Hugging Face `tokenizers` crate 0.22.2 on every
// record of the t5-small fixtures in ../shared/reference/tokenizers (ids, type ids, tokens,
// code-point offsets), then the errors for bad charsmaps.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "tokenizers/parity.hpp"
#include "tokenizers/precompiled.hpp"
#include "tokenizers/unigram.hpp"
#include "topica/error.hpp"
#include "topica/tokenizer.hpp"

namespace topica {
namespace {

using test::Offsets;

std::string base64(const std::string& bytes) {
  static const char* digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
    out += digits[(n >> 18) & 63];
    out += digits[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? digits[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? digits[n & 63] : '=';
  }
  return out;
}

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// A hand-laid Darts double array with keys "a" → "x" and "ab" → "yz" (strings "x\0yz\0"):
// root base 1; 'a' at 1^0x61 = 96 (base 128, leaf value 0); 'b' at 128^0x62 = 226 (base 256,
// leaf value 2). A unit is offset << 10 | has_leaf << 8 | label; a leaf's value unit has bit 31.
std::string tiny_charsmap(std::uint32_t second_value = 2, std::string strings = std::string("x\0yz\0", 5)) {
  std::vector<std::uint32_t> units(257, 0);
  units[0] = 1U << 10;
  units[96] = (96U ^ 128U) << 10 | 1U << 8 | 0x61U;
  units[128] = 0x80000000U | 0U;
  units[226] = (226U ^ 256U) << 10 | 1U << 8 | 0x62U;
  units[256] = 0x80000000U | second_value;
  std::string blob;
  put_u32(blob, static_cast<std::uint32_t>(units.size() * 4));
  for (std::uint32_t u : units) put_u32(blob, u);
  return blob + strings;
}

TEST(UnigramCharsMap, DecodesTheDoubleArrayAndTakesTheShortestMatch) {
  const tokenizers::CharsMap map(tiny_charsmap(), "tiny");
  EXPECT_EQ(map.common_prefix_search("abc"), (std::vector<std::uint32_t>{0, 2}));
  EXPECT_EQ(map.common_prefix_search("b"), (std::vector<std::uint32_t>{}));
  // A NUL ends the key, as in Darts.
  EXPECT_EQ(map.common_prefix_search(std::string("a\0b", 3)), (std::vector<std::uint32_t>{0}));
  // spm_precompiled's quirk: the shortest key wins, so "ab" is never used for "ab...".
  EXPECT_EQ(map.transform("ab"), std::optional<std::string_view>("x"));
  EXPECT_EQ(map.transform("b"), std::nullopt);
}

TEST(UnigramCharsMap, Base64) {
  EXPECT_EQ(tokenizers::decode_base64("aGVsbG8="), std::optional<std::string>("hello"));
  EXPECT_EQ(tokenizers::decode_base64("aGVsbG8"), std::optional<std::string>("hello"));
  EXPECT_EQ(tokenizers::decode_base64(""), std::optional<std::string>(""));
  EXPECT_EQ(tokenizers::decode_base64("aGV*bG8="), std::nullopt);
  EXPECT_EQ(tokenizers::decode_base64("a"), std::nullopt);
  EXPECT_EQ(base64(tiny_charsmap()).size() % 4, 0U);
  EXPECT_EQ(tokenizers::decode_base64(base64(tiny_charsmap())), std::optional<std::string>(tiny_charsmap()));
}

// ids: <unk>=0 ▁=1 a=2 b=3 ab=4 ▁ab=5 x=6 </s>=7
std::string tiny_unigram_json(const std::string& charsmap_base64, const std::string& model_extra = "") {
  return R"({
    "added_tokens": [{"id": 7, "content": "</s>", "special": true, "normalized": false}],
    "normalizer": {"type": "Precompiled", "precompiled_charsmap": ")" + charsmap_base64 + R"("},
    "pre_tokenizer": {"type": "Sequence", "pretokenizers": [{"type": "WhitespaceSplit"},
      {"type": "Metaspace", "replacement": "▁", "add_prefix_space": true}]},
    "post_processor": {"type": "TemplateProcessing", "single": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
      "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
      "special_tokens": {"</s>": {"id": "</s>", "ids": [7], "tokens": ["</s>"]}}},
    "model": {)" + model_extra + R"("unk_id": 0, "vocab": [["<unk>", 0.0], ["▁", -2.0], ["a", -3.0], ["b", -3.0], ["ab", -4.0], ["▁ab", -4.5], ["x", -1.0], ["</s>", 0.0]]}})";
}

TEST(Unigram, ViterbiMetaspaceAndFusedUnknowns) {
  const Tokenizer t = Tokenizer::from_json(tiny_unigram_json(base64(tiny_charsmap())), "tiny-unigram.json");
  // The charsmap maps "a" to "x" (its shortest key), so plain "a" never reaches the model.
  Encoding e = t.encode("b b");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"▁", "b", "▁", "b", "</s>"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 1}, {0, 1}, {2, 3}, {2, 3}, {0, 0}}));
  // Unknown characters are fused into one token that keeps the normalized text.
  e = t.encode("  bqqb");
  EXPECT_EQ(e.ids, (std::vector<std::int32_t>{1, 3, 0, 3, 7}));
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"▁", "b", "qq", "b", "</s>"}));
  EXPECT_EQ(e.offsets, (Offsets{{2, 3}, {2, 3}, {3, 5}, {5, 6}, {0, 0}}));
  // "a" → "x": a one-for-one replacement keeps the origin.
  e = t.encode("ab");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"▁", "x", "b", "</s>"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 1}, {0, 1}, {1, 2}, {0, 0}}));
  EXPECT_EQ(t.encode("").ids, (std::vector<std::int32_t>{7}));
}

TEST(Unigram, ViterbiPicksTheBestTotalScore) {
  // Without a normalizer "ab" is one piece (-4) rather than a + b (-6), and "▁ab" (-4.5) beats
  // ▁ + ab (-6).
  std::string json = tiny_unigram_json("");
  json.replace(json.find(R"("normalizer")"), std::string(R"("normalizer": {"type": "Precompiled", "precompiled_charsmap": ""},)").size(), "");
  const Tokenizer t = Tokenizer::from_json(json, "tiny-unigram.json");
  EXPECT_EQ(t.encode("ab").tokens, (std::vector<std::string>{"▁ab", "</s>"}));
  EXPECT_EQ(t.encode("ab▁ab").tokens, (std::vector<std::string>{"▁ab", "▁ab", "</s>"}));
  EXPECT_EQ(t.encode("ab▁ab").offsets, (Offsets{{0, 2}, {2, 5}, {0, 0}}));
  // Every "▁" starts a word (MergedWithNext), so a run leaves lone "▁" words before the last.
  const Encoding e = t.encode("b▁▁b");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"▁", "b", "▁", "▁", "b", "</s>"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 1}, {0, 1}, {1, 2}, {2, 3}, {3, 4}, {0, 0}}));
}

TEST(Unigram, NormalizationKeepsOffsetsInTheOriginalText) {
  const auto dir = test::reference_dir();
  if (!dir) GTEST_SKIP() << "../shared/reference/tokenizers not found";
  const Tokenizer t = Tokenizer::load(*dir / "models" / "t5-small");
  // ﬁ expands to two characters that share its span; NFD e + U+0301 recomposes to é, which
  // keeps only the span of the e (the crate charges the removed mark to the character before).
  Encoding e = t.encode("\xEF\xAC\x81" "x");
  ASSERT_FALSE(e.tokens.empty());
  EXPECT_EQ(e.offsets.front().first, 0U);
  EXPECT_EQ(e.offsets[e.offsets.size() - 2].second, 2U);
  const Encoding nfc = t.encode("caf\xC3\xA9"), nfd = t.encode("cafe\xCC\x81");
  EXPECT_EQ(nfc.ids, nfd.ids);
}

[[maybe_unused]] std::string error_of(const std::string& json) {
  try {
    Tokenizer::from_json(json, "tiny-unigram.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "(loaded)";
}

TEST(Unigram, BadCharsmapsAreInputErrors) {
  EXPECT_NE(error_of(tiny_unigram_json("not*base64")).find("tiny-unigram.json: normalizer.precompiled_charsmap: not valid base64"), std::string::npos)
      << error_of(tiny_unigram_json("not*base64"));
  // Cut anywhere: inside the header, inside the trie.
  const std::string blob = tiny_charsmap();
  for (std::size_t keep : {0UL, 3UL, 4UL, 100UL, blob.size() - 6}) {
    const std::string message = error_of(tiny_unigram_json(base64(blob.substr(0, keep))));
    EXPECT_NE(message.find("normalizer.precompiled_charsmap"), std::string::npos) << keep << ": " << message;
  }
  // A leaf pointing past the strings, or into the middle of a character.
  EXPECT_NE(error_of(tiny_unigram_json(base64(tiny_charsmap(99)))).find("not the start of a replacement"), std::string::npos);
  EXPECT_NE(error_of(tiny_unigram_json(base64(tiny_charsmap(2, std::string("x\xC3\xA9\0", 4))))).find("not the start of a replacement"), std::string::npos);
  // Replacement strings that are not UTF-8.
  EXPECT_NE(error_of(tiny_unigram_json(base64(tiny_charsmap(2, std::string("x\0\xFF\0", 4))))).find("not UTF-8"), std::string::npos);
}

TEST(Unigram, CorruptedCharsmapsNeverCrash) {
  // Any byte of the blob changed: the load either refuses it (InputError) or gives a map whose
  // lookups stay inside the blob.
  const std::string good = tiny_charsmap();
  std::mt19937 random(7);
  for (int round = 0; round < 300; ++round) {
    std::string blob = good;
    for (int k = 0; k < 3; ++k) blob[random() % blob.size()] = static_cast<char>(random() & 0xFF);
    try {
      const Tokenizer t = Tokenizer::from_json(tiny_unigram_json(base64(blob)), "fuzz.json");
      (void)t.encode("ab a\xC3\xA9 b");
    } catch (const InputError&) {
    }
  }
}

TEST(Unigram, ReplaceAndStripNormalizers) {
  std::string json = tiny_unigram_json("");
  json.replace(json.find(R"({"type": "Precompiled", "precompiled_charsmap": ""})"), std::string(R"({"type": "Precompiled", "precompiled_charsmap": ""})").size(),
               R"({"type": "Sequence", "normalizers": [{"type": "Strip", "strip_left": true, "strip_right": true},
                   {"type": "Replace", "pattern": {"String": "qq"}, "content": "ab"}]})");
  const Tokenizer t = Tokenizer::from_json(json, "tiny-unigram.json");
  // "qq" → "ab" (both characters take the second q's origin), then ▁ab is one piece.
  const Encoding e = t.encode("  qq b ");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"▁ab", "▁", "b", "</s>"}));
  EXPECT_EQ(e.offsets, (Offsets{{3, 4}, {5, 6}, {5, 6}, {0, 0}}));
  std::string regex = json;
  regex.replace(regex.find(R"({"String": "qq"})"), 16, R"({"Regex": "q+"})");
  EXPECT_NE(error_of(regex).find("normalizer.normalizers[1].pattern"), std::string::npos) << error_of(regex);
}

TEST(Unigram, BadModelsAreInputErrors) {
  std::string json = tiny_unigram_json(base64(tiny_charsmap()));
  json.replace(json.find(R"("unk_id": 0)"), 11, R"("unk_id": 8)");
  EXPECT_NE(error_of(json).find("model.unk_id"), std::string::npos) << error_of(json);
  json = tiny_unigram_json(base64(tiny_charsmap()));
  json.replace(json.find(R"(["x", -1.0])"), 11, R"(["x"])");
  EXPECT_NE(error_of(json).find("model.vocab[6]"), std::string::npos) << error_of(json);
  json = tiny_unigram_json(base64(tiny_charsmap()));
  json.replace(json.find(R"("type": "WhitespaceSplit")"), 25, R"("type": "Punctuation")");
  EXPECT_NE(error_of(json).find("pre_tokenizer.pretokenizers[0].type"), std::string::npos) << error_of(json);
}

}  // namespace
}  // namespace topica
