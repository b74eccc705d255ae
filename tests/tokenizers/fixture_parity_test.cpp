// Every tokenizer fixture of ../shared/reference/tokenizers (written by the Hugging Face
// `tokenizers` crate 0.22.2): ids, tokens, type ids, masks, sequence ids and offsets of every
// record must equal the crate's. One case per fixture file and tokenizer source.
#include <gtest/gtest.h>

#include <cctype>
#include <iostream>
#include <string>

#include "tokenizers/parity.hpp"
#include "topica/tokenizer.hpp"

namespace topica {
namespace {

using test::ParityCase;

class TokenizerParity : public ::testing::TestWithParam<ParityCase> {};

TEST_P(TokenizerParity, EqualsTheRustCrateOnEveryRecord) {
  const auto dir = test::reference_dir();
  if (!dir) GTEST_SKIP() << "../shared/reference/tokenizers not found";
  const ParityCase& c = GetParam();
  Tokenizer tokenizer = Tokenizer::load(*dir / "models" / c.model);
  if (c.truncate > 0) tokenizer.set_truncation(c.truncate);
  const auto records = test::read_records(*dir / "fixtures" / c.fixture);
  ASSERT_FALSE(records.empty()) << c.fixture;
  const bool pairs = c.fixture.find(".pairs.") != std::string::npos;
  const std::size_t matched = test::matching_records(tokenizer, records, pairs);
  EXPECT_EQ(matched, records.size()) << c.fixture;
  std::cout << "[ parity   ] " << c.model << " on " << c.fixture << ": " << matched << "/" << records.size() << "\n";
}

// The four files of one tokenizer: single texts and pairs, whole and truncated to 16 tokens.
#define TOPICA_FOUR_FIXTURES(model)                                                              \
  ParityCase{model, model ".jsonl"}, ParityCase{model, model ".pairs.jsonl"},                     \
      ParityCase{model, model ".trunc16.jsonl", 16}, ParityCase{model, model ".pairs.trunc16.jsonl", 16}

INSTANTIATE_TEST_SUITE_P(
    TokenizerFixtures, TokenizerParity,
    ::testing::Values(
        // WordPiece (BertNormalizer, BertPreTokenizer, TemplateProcessing)
        TOPICA_FOUR_FIXTURES("bert-base-uncased"), TOPICA_FOUR_FIXTURES("kr-bert-char16424"),
        // Its own truncation (256) and padding (BatchLongest, multiple of 8) apply.
        ParityCase{"all-MiniLM-L6-v2", "all-MiniLM-L6-v2.asis.jsonl"},
        // The bare vocab.txt with BERT defaults gives the tokenizer.json's output.
        ParityCase{"bert-base-uncased/vocab.txt", "bert-base-uncased.jsonl"},
        ParityCase{"bert-base-uncased/vocab.txt", "bert-base-uncased.pairs.trunc16.jsonl", 16},
        // Byte-level BPE (RobertaProcessing)
        TOPICA_FOUR_FIXTURES("roberta-base"),
        // Unigram (Precompiled normalizer, Metaspace)
        TOPICA_FOUR_FIXTURES("t5-small")),
    [](const ::testing::TestParamInfo<ParityCase>& info) {
      std::string name = info.param.fixture + (info.param.model.ends_with(".txt") ? "_vocab_txt" : "");
      for (char& ch : name) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      }
      return name;
    });

}  // namespace
}  // namespace topica
