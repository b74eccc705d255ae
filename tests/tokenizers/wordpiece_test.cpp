// WordPiece tokenizers (BERT family): a tiny hand-built vocabulary for each rule, then exact
// parity with the Hugging Face `tokenizers` crate 0.22.2 on every record of
// ../shared/reference/tokenizers/fixtures (ids, type ids, tokens and code-point offsets must all
// be equal; no tolerance), then the errors for bad files.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"
#include "tokenizers/parity.hpp"
#include "topica/error.hpp"
#include "topica/tokenizer.hpp"

namespace topica {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// ids: [PAD]=0 [UNK]=1 [CLS]=2 [SEP]=3 [MASK]=4 un=5 ##aff=6 ##able=7 a=8 b=9 !=10 ##b=11
// hello=12 cafe=13 野=14 ##s=15
std::string tiny_tokenizer_json(const std::string& extra = "") {
  return R"({
    "version": "1.0", "truncation": null, "padding": null,
    "added_tokens": [
      {"id": 0, "content": "[PAD]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
      {"id": 1, "content": "[UNK]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
      {"id": 2, "content": "[CLS]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
      {"id": 3, "content": "[SEP]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
      {"id": 4, "content": "[MASK]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}],
    "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true, "strip_accents": null, "lowercase": true},
    "pre_tokenizer": {"type": "BertPreTokenizer"},
    "post_processor": {"type": "BertProcessing", "sep": ["[SEP]", 3], "cls": ["[CLS]", 2]},
    "decoder": null,)" + extra + R"(
    "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 9,
      "vocab": {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "[MASK]": 4, "un": 5, "##aff": 6, "##able": 7,
                "a": 8, "b": 9, "!": 10, "##b": 11, "hello": 12, "cafe": 13, "野": 14, "##s": 15}}})";
}

Tokenizer tiny() { return Tokenizer::from_json(tiny_tokenizer_json(), "tiny.json"); }

using test::Offsets;

TEST(WordPiece, GreedyLongestMatchFirstAndUnknownWords) {
  const Tokenizer t = tiny();
  EXPECT_EQ(t.encode("unaffable").ids, (std::vector<std::int32_t>{2, 5, 6, 7, 3}));
  EXPECT_EQ(t.encode("unaffable").tokens, (std::vector<std::string>{"[CLS]", "un", "##aff", "##able", "[SEP]"}));
  // An uncovered rest makes the whole word [UNK], with the word's offsets.
  EXPECT_EQ(t.encode("unx hello").ids, (std::vector<std::int32_t>{2, 1, 12, 3}));
  EXPECT_EQ(t.encode("unx hello").offsets, (Offsets{{0, 0}, {0, 3}, {4, 9}, {0, 0}}));
  // Ten characters is over max_input_chars_per_word (9).
  EXPECT_EQ(t.encode("unaffables").ids, (std::vector<std::int32_t>{2, 1, 3}));
  EXPECT_EQ(t.encode("").ids, (std::vector<std::int32_t>{2, 3}));
}

TEST(WordPiece, NormalizesButOffsetsPointIntoTheOriginalText) {
  const Tokenizer t = tiny();
  // Lowercased, accent stripped, punctuation isolated; é is one code point of the input.
  const Encoding e = t.encode("CAFÉS!");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"[CLS]", "cafe", "##s", "!", "[SEP]"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 0}, {0, 4}, {4, 5}, {5, 6}, {0, 0}}));
  // Controls and zero-width characters vanish inside a word; CJK ideographs are words.
  EXPECT_EQ(t.encode("a\u200Bb").tokens, (std::vector<std::string>{"[CLS]", "a", "##b", "[SEP]"}));
  EXPECT_EQ(t.encode("a\u200Bb").offsets, (Offsets{{0, 0}, {0, 1}, {2, 3}, {0, 0}}));
  EXPECT_EQ(t.encode("a野b").tokens, (std::vector<std::string>{"[CLS]", "a", "野", "b", "[SEP]"}));
}

TEST(WordPiece, SpecialTokensAreMatchedOnTheRawText) {
  const Tokenizer t = tiny();
  EXPECT_EQ(t.encode("a[MASK]b").ids, (std::vector<std::int32_t>{2, 8, 4, 9, 3}));
  EXPECT_EQ(t.encode("a[MASK]b").offsets, (Offsets{{0, 0}, {0, 1}, {1, 7}, {7, 8}, {0, 0}}));
  // normalized=false: the lowercase form is not the token, and is split as punctuation.
  EXPECT_EQ(t.encode("[mask]").ids, (std::vector<std::int32_t>{2, 1, 1, 1, 3}));
}

TEST(WordPiece, PairsTruncationAndPadding) {
  Tokenizer t = tiny();
  Encoding e = t.encode_pair("a b", "hello");
  EXPECT_EQ(e.ids, (std::vector<std::int32_t>{2, 8, 9, 3, 12, 3}));
  EXPECT_EQ(e.type_ids, (std::vector<std::int32_t>{0, 0, 0, 0, 1, 1}));
  EXPECT_EQ(e.special_tokens_mask, (std::vector<std::int32_t>{1, 0, 0, 1, 0, 1}));
  EXPECT_EQ(e.sequence_ids, (std::vector<std::int32_t>{-1, 0, 0, -1, 1, -1}));
  // LongestFirst: the longer sequence loses tokens first.
  t.set_truncation(6);
  EXPECT_EQ(t.encode_pair("a b a b", "hello").ids, (std::vector<std::int32_t>{2, 8, 9, 3, 12, 3}));
  EXPECT_EQ(t.encode("a b a b a b").ids, (std::vector<std::int32_t>{2, 8, 9, 8, 9, 3}));
  PaddingOptions padding;
  padding.pad_to_multiple_of = 4;
  t.set_padding(padding);
  e = t.encode("a");
  EXPECT_EQ(e.ids, (std::vector<std::int32_t>{2, 8, 3, 0}));
  EXPECT_EQ(e.attention_mask, (std::vector<std::int32_t>{1, 1, 1, 0}));
  const std::vector<std::string> batch{"a", "a b a b"};
  EXPECT_EQ(t.encode_batch(batch)[0].size(), 8u);
}

// --- Parity with the HF tokenizers crate ---------------------------------------------------

using test::matching_records;
using test::ParityCase;
using test::read_records;
using test::reference_dir;

TEST(WordPieceVocabTxt, CasedKrBertFromItsTokenizerConfig) {
  const auto dir = reference_dir();
  if (!dir) GTEST_SKIP() << "../shared/reference/tokenizers not found";
  // KR-BERT ships vocab.txt with tokenizer_config.json {"do_lower_case": false}.
  const test::ScratchDir scratch;
  fs::copy_file(*dir / "models" / "kr-bert-char16424" / "vocab.txt", scratch.path() / "vocab.txt");
  scratch.write("tokenizer_config.json", R"({"do_lower_case": false, "unk_token": {"content": "[UNK]"}})");
  const Tokenizer tokenizer = Tokenizer::load(scratch.path());
  const auto records = read_records(*dir / "fixtures" / "kr-bert-char16424.jsonl");
  EXPECT_EQ(matching_records(tokenizer, records, false), records.size());
}

// --- Bad input -------------------------------------------------------------------------------

// The message of the InputError that `load` throws, which must be one line.
std::string load_error(const fs::path& path) {
  try {
    Tokenizer::load(path);
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    return message;
  }
  ADD_FAILURE() << path << " loaded";
  return "";
}

TEST(TokenizerLoad, MissingFilesNameThePath) {
  const test::ScratchDir scratch;
  EXPECT_NE(load_error(scratch.file("nope/tokenizer.json")).find("nope/tokenizer.json: no such file"), std::string::npos);
  EXPECT_NE(load_error(scratch.path()).find("no tokenizer.json or vocab.txt"), std::string::npos);
}

TEST(TokenizerLoad, MalformedJsonAndBadFieldsNameTheFileAndField) {
  const test::ScratchDir scratch;
  const auto error_of = [&](const std::string& content) { return load_error(scratch.write("tokenizer.json", content)); };
  EXPECT_NE(error_of("{\"model\": ").find("tokenizer.json: malformed JSON"), std::string::npos);
  EXPECT_NE(error_of("[1, 2]").find("tokenizer.json: top level: expected a JSON object"), std::string::npos);
  EXPECT_NE(error_of("{}").find("tokenizer.json: model: missing"), std::string::npos);
  EXPECT_NE(error_of(R"({"model": {"type": "Banana", "vocab": {}}})").find("model.type: \"Banana\" is not supported"), std::string::npos);
  EXPECT_NE(error_of(R"({"model": {"type": "WordPiece", "vocab": []}})").find("model.vocab: expected a JSON object"), std::string::npos);
  EXPECT_NE(error_of(R"({"model": {"type": "WordPiece", "vocab": {"a": "x"}}})").find("model.vocab.a: expected a token id"), std::string::npos);
  EXPECT_NE(error_of(R"({"model": {"type": "WordPiece", "vocab": {"a": 0}}})").find("model.unk_token: \"[UNK]\" is not in the vocabulary"), std::string::npos);
  EXPECT_NE(error_of(R"({"normalizer": {"type": "NFKC"}, "model": {"type": "WordPiece", "vocab": {"[UNK]": 0}}})").find("normalizer.type: \"NFKC\""), std::string::npos);
  EXPECT_NE(error_of(R"({"normalizer": {"type": "BertNormalizer", "lowercase": 1}, "model": {"type": "WordPiece", "vocab": {"[UNK]": 0}}})").find("normalizer.lowercase: expected true"), std::string::npos);
  EXPECT_NE(error_of(tiny_tokenizer_json(R"("truncation": {"max_length": 8, "strategy": "Sideways"},)")).find("truncation.strategy"), std::string::npos);
  EXPECT_NE(error_of(tiny_tokenizer_json(R"("padding": {"strategy": 7},)")).find("padding.strategy"), std::string::npos);
}

// Damaged files (bytes flipped, cut short) load or fail with an InputError; nothing else
// escapes, and whatever loads can encode.
TEST(TokenizerLoad, DamagedFilesFailCleanly) {
  const std::string good = tiny_tokenizer_json();
  std::mt19937 random(5);
  const std::string alphabet = "{}[]\",:0123456789-aZ\\ nt";
  for (int round = 0; round < 3000; ++round) {
    std::string damaged = good;
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int k = 0; k < edits; ++k) {
      const std::size_t at = random() % damaged.size();
      if (random() % 8 == 0) damaged.resize(at);
      else damaged[at] = alphabet[random() % alphabet.size()];
      if (damaged.empty()) break;
    }
    try {
      const Tokenizer t = Tokenizer::from_json(damaged, "damaged.json");
      t.encode_pair("Hello [MASK] 野 world!", "unaffable");
    } catch (const InputError&) {
    } catch (const std::exception& e) {
      ADD_FAILURE() << "round " << round << ": " << e.what() << "\n" << damaged;
      break;
    }
  }
}

TEST(TokenizerLoad, TruncationAndPaddingSectionsAreHonoured) {
  const Tokenizer t = Tokenizer::from_json(
      tiny_tokenizer_json(R"("truncation": {"max_length": 4, "strategy": "LongestFirst", "direction": "Right", "stride": 0},
        "padding": {"strategy": {"Fixed": 6}, "direction": "Right", "pad_to_multiple_of": null, "pad_id": 0, "pad_type_id": 0, "pad_token": "[PAD]"},)"),
      "inline");
  const Encoding e = t.encode("a b a b");
  EXPECT_EQ(e.ids, (std::vector<std::int32_t>{2, 8, 9, 3, 0, 0}));
  EXPECT_EQ(e.tokens.back(), "[PAD]");
  EXPECT_EQ(t.token_to_id("hello"), 12);
  EXPECT_EQ(t.id_to_token(4), "[MASK]");
  EXPECT_EQ(t.vocab_size(), 16u);
}

}  // namespace
}  // namespace topica
