// Fill-mask against PyTorch: tests/fixtures/encoder/{bert,roberta}_mlm are *ForMaskedLM folders
// (bert_mlm: F16, decoder tied to the word embeddings and left out of the file; roberta_mlm: BF16,
// its own lm_head.decoder.weight) with what a plain PyTorch reading of transformers'
// BertOnlyMLMHead / RobertaLMHead gives (scripts/make_encoder_fixtures.py): the top 10 token ids
// and softmax probabilities of every mask. The ids must be identical, the probabilities within 1e-5.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"
#include "topica/error.hpp"
#include "topica/masked_lm.hpp"

namespace topica {
namespace {

namespace fs = std::filesystem;

fs::path fixture(const std::string& name) { return fs::path(TOPICA_SOURCE_DIR) / "tests/fixtures/encoder" / name; }

nlohmann::json expected(const std::string& model) {
  std::ifstream in(fixture(model) / "expected_fill_mask.json");
  return nlohmann::json::parse(in);
}

class MaskedLmParity : public ::testing::TestWithParam<std::string> {};

TEST_P(MaskedLmParity, TopTokensAndProbabilitiesMatchPyTorch) {
  const MaskedLanguageModel model = MaskedLanguageModel::load(fixture(GetParam()));
  EXPECT_EQ(model.mask_token(), "[MASK]");
  for (const auto& sentence : expected(GetParam())) {
    const std::string text = sentence["text"].get<std::string>();
    SCOPED_TRACE(text);
    const Encoding encoding = model.encoder().tokenizer().encode(text);
    ASSERT_EQ(std::vector<std::int64_t>(encoding.ids.begin(), encoding.ids.end()),
              sentence["ids"].get<std::vector<std::int64_t>>());
    const auto positions = sentence["positions"].get<std::vector<std::size_t>>();
    const std::vector<MaskPredictions> masks = model.fill(text, 10);
    ASSERT_EQ(masks.size(), positions.size());
    for (std::size_t m = 0; m < masks.size(); ++m) {
      EXPECT_EQ(masks[m].position, positions[m]);
      const auto ids = sentence["top_ids"][m].get<std::vector<std::int32_t>>();
      const auto probabilities = sentence["top_probabilities"][m].get<std::vector<double>>();
      ASSERT_EQ(masks[m].top.size(), ids.size());
      for (std::size_t k = 0; k < ids.size(); ++k) {
        EXPECT_EQ(masks[m].top[k].id, ids[k]) << "mask " << m << " rank " << k;
        EXPECT_NEAR(masks[m].top[k].probability, probabilities[k], 1e-5) << "mask " << m << " rank " << k;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, MaskedLmParity, ::testing::Values("bert_mlm", "roberta_mlm"));

TEST(MaskedLm, SequenceReplacesTheMaskWithTheTokenText) {
  const MaskedLanguageModel model = MaskedLanguageModel::load(fixture("bert_mlm"));
  const auto masks = model.fill("The cat sat on the [MASK].", 3);
  ASSERT_EQ(masks.size(), 1u);
  ASSERT_EQ(masks[0].top.size(), 3u);
  for (const MaskFill& fill : masks[0].top) {
    const std::string word = fill.token.rfind("##", 0) == 0 ? fill.token.substr(2) : fill.token;
    const std::string want = fill.token.rfind("##", 0) == 0 ? "The cat sat on the" + word + "." : "The cat sat on the " + word + ".";
    EXPECT_EQ(fill.sequence, want);
  }
  EXPECT_GE(masks[0].top[0].probability, masks[0].top[1].probability);
  EXPECT_EQ(model.mask_logits("[MASK] and [MASK]").rows, 2u);
}

TEST(MaskedLm, TheMaskTokenIsTheOneTheTokenizerConfigNames) {
  // The same weights with the mask renamed [MSK] in vocab.txt and named in tokenizer_config.json:
  // the mask must be found by that name and give the same predictions as [MASK] in the original.
  test::ScratchDir dir;
  const fs::path copy = dir.path() / "renamed";
  fs::copy(fixture("bert_mlm"), copy);
  std::string vocab = test::read_file((copy / "vocab.txt").string());
  vocab.replace(vocab.find("[MASK]\n"), 6, "[MSK]");
  dir.write("renamed/vocab.txt", vocab);
  dir.write("renamed/tokenizer_config.json", R"({"do_lower_case": true, "mask_token": {"content": "[MSK]"}})");
  const MaskedLanguageModel renamed = MaskedLanguageModel::load(copy);
  EXPECT_EQ(renamed.mask_token(), "[MSK]");
  const auto got = renamed.fill("the cat sat on the [MSK].", 5);
  const auto want = MaskedLanguageModel::load(fixture("bert_mlm")).fill("the cat sat on the [MASK].", 5);
  ASSERT_EQ(got.size(), 1u);
  ASSERT_EQ(want.size(), 1u);
  for (std::size_t k = 0; k < 5; ++k) {
    EXPECT_EQ(got[0].top[k].id, want[0].top[k].id) << k;
    EXPECT_DOUBLE_EQ(got[0].top[k].probability, want[0].top[k].probability) << k;
  }
}

TEST(MaskedLm, NoMaskInTheTextIsAnInputError) {
  const MaskedLanguageModel model = MaskedLanguageModel::load(fixture("bert_mlm"));
  try {
    (void)model.fill("no mask here");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("[MASK]"), std::string::npos) << e.what();
  }
}

TEST(MaskedLm, CheckpointWithoutHeadIsRefusedNamingTheFile) {
  // roberta_cls is a RobertaForMaskedLM save that kept only lm_head.bias: no usable head.
  try {
    (void)MaskedLanguageModel::load(fixture("roberta_cls"));
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("model.safetensors"), std::string::npos) << message;
    EXPECT_NE(message.find("masked-LM head"), std::string::npos) << message;
  }
}

TEST(FillMaskCli, PrintsTheTopTokensAndRefusesAModelWithoutHead) {
  const auto ok = test::run_cli({"fill-mask", "--model", fixture("bert_mlm").string(), "The cat sat on the [MASK].",
                                 "--top", "4"});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(std::count(ok.out.begin(), ok.out.end(), '\n'), 4) << ok.out;
  const MaskedLanguageModel model = MaskedLanguageModel::load(fixture("bert_mlm"));
  const MaskFill best = model.fill("The cat sat on the [MASK].", 1)[0].top[0];
  EXPECT_NE(ok.out.find(" 1. " + best.token), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find(best.sequence), std::string::npos) << ok.out;

  const auto no_head = test::run_cli({"fill-mask", "--model", fixture("roberta_cls").string(), "a [MASK]"});
  EXPECT_EQ(no_head.exit_code, 1);
  EXPECT_EQ(std::count(no_head.err.begin(), no_head.err.end(), '\n'), 1) << no_head.err;
  EXPECT_NE(no_head.err.find("model.safetensors"), std::string::npos) << no_head.err;
  const auto no_mask = test::run_cli({"fill-mask", "--model", fixture("bert_mlm").string(), "nothing to fill"});
  EXPECT_EQ(no_mask.exit_code, 1);
  EXPECT_EQ(std::count(no_mask.err.begin(), no_mask.err.end(), '\n'), 1) << no_mask.err;
}

}  // namespace
}  // namespace topica
