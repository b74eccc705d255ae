// Byte-level BPE (RoBERTa): the GPT-2 split and merge rules on a tiny hand-built vocabulary, then
// exact parity with the Hugging Face `tokenizers` crate 0.22.2 on every record of the roberta-base
// fixtures in ../shared/reference/tokenizers (ids, type ids, tokens, code-point offsets).
#include <gtest/gtest.h>

#include "tokenizers/byte_level.hpp"
#include "tokenizers/parity.hpp"
#include "topica/error.hpp"
#include "topica/tokenizer.hpp"

namespace topica {
namespace {

using test::Offsets;

// Bytes as GPT-2 prints them: "Ġ" is a space. ids: <s>=0 </s>=1 <mask>=2 a=3 b=4 Ġ=5 Ġa=6 ab=7
// Ġab=8 '=9 s=10 's=11 !=12
std::string tiny_bpe_json() {
  return R"({
    "added_tokens": [
      {"id": 0, "content": "<s>", "special": true, "normalized": true},
      {"id": 1, "content": "</s>", "special": true, "normalized": true},
      {"id": 2, "content": "<mask>", "special": true, "normalized": true, "lstrip": true}],
    "normalizer": null,
    "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true},
    "post_processor": {"type": "RobertaProcessing", "sep": ["</s>", 1], "cls": ["<s>", 0], "trim_offsets": true, "add_prefix_space": false},
    "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": "", "end_of_word_suffix": "",
      "vocab": {"<s>": 0, "</s>": 1, "<mask>": 2, "a": 3, "b": 4, "Ġ": 5, "Ġa": 6, "ab": 7, "Ġab": 8, "'": 9, "s": 10, "'s": 11, "!": 12},
      "merges": ["a b", "Ġ a", "Ġa b", "' s"]}})";
}

TEST(TokenizerBpe, MergesByRankAndTrimsSpacesFromOffsets) {
  const Tokenizer t = Tokenizer::from_json(tiny_bpe_json(), "tiny-bpe.json");
  // "a b" (rank 0) merges before "Ġ a" (rank 1), so " ab" ends as Ġ + ab and never reaches Ġab.
  Encoding e = t.encode("ab ab");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"<s>", "ab", "Ġ", "ab", "</s>"}));
  e = t.encode("a's  !");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"<s>", "a", "'s", "Ġ", "Ġ", "!", "</s>"}));
  // A lone space token's span is emptied; the space before a word is left out of its offsets.
  EXPECT_EQ(e.offsets, (Offsets{{0, 0}, {0, 1}, {1, 3}, {4, 4}, {5, 5}, {5, 6}, {0, 0}}));
  // <mask> takes the space before it (lstrip) but its offsets do not.
  e = t.encode("a <mask>");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"<s>", "a", " <mask>", "</s>"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 0}, {0, 1}, {2, 8}, {0, 0}}));
  e = t.encode_pair("a", "b");
  EXPECT_EQ(e.ids, (std::vector<std::int32_t>{0, 3, 1, 1, 4, 1}));
  EXPECT_EQ(e.type_ids, (std::vector<std::int32_t>(6, 0)));
}

TEST(TokenizerBpe, Gpt2SplitPattern) {
  const auto words = [](const std::u32string& text) {
    std::vector<std::u32string> out;
    std::uint32_t start = 0;
    for (std::uint32_t end : tokenizers::gpt2_split_points(text, {0, static_cast<std::uint32_t>(text.size())})) {
      out.push_back(text.substr(start, end - start));
      start = end;
    }
    return out;
  };
  EXPECT_EQ(words(U"I'll  go 42x!?"), (std::vector<std::u32string>{U"I", U"'ll", U" ", U" go", U" 42", U"x", U"!?"}));
  EXPECT_EQ(words(U"DON'T"), (std::vector<std::u32string>{U"DON", U"'", U"T"}));
  EXPECT_EQ(words(U"a\n\nb  "), (std::vector<std::u32string>{U"a", U"\n", U"\n", U"b", U"  "}));
}

TEST(TokenizerBpe, BadMergesNameTheEntry) {
  std::string json = tiny_bpe_json();
  json.replace(json.find("\"' s\""), 5, "\"' x\"");
  try {
    Tokenizer::from_json(json, "tiny-bpe.json");
    ADD_FAILURE() << "loaded";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("tiny-bpe.json: model.merges[3]"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace topica
