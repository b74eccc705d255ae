// topica adjust on a random-weight BERT with the real KR-BERT tokenizer: the folder is checked
// field by field against what transformers' add_tokens + resize_token_embeddings + save_pretrained
// write (transformers itself cannot be installed here).
#include "topica/model_adjust.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <fstream>

#include "adjust/kr_bert_model.hpp"
#include "support/encoder_fixtures.hpp"
#include "topica/encoder.hpp"
#include "topica/error.hpp"
#include "topica/tokenizer.hpp"

namespace topica {
namespace {

namespace fs = std::filesystem;
using test::kKrBertHidden;
using test::kKrBertVocab;

nlohmann::json json_of(const fs::path& path) { return nlohmann::json::parse(test::read_file(path.string())); }

std::vector<SynonymGroup> bandage_groups() {
  return parse_synonym_groups(R"({"반창고": ["반창고", "대일밴드"], "치료제": ["치료제", "약", "의약품"]})", "groups.json");
}

/// A scratch folder with room for the input model `in` and the adjusted one `out`.
class ModelAdjust : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test::kr_bert_tokenizer_dir()) GTEST_SKIP() << "../shared/reference/tokenizers is absent";
  }
  test::ScratchDir scratch;
  const fs::path in = scratch.path() / "kr", out = scratch.path() / "adjusted";
};

TEST_F(ModelAdjust, AddsMissingWordsAndGivesEveryMemberTheGroupVector) {
  test::write_kr_bert_model(in);
  const Tokenizer before = Tokenizer::load(in / "tokenizer.json");
  ASSERT_GT(before.encode("대일밴드", false).size(), 1u) << "the test needs a word KR-BERT splits";
  ASSERT_EQ(before.encode("약", false).size(), 1u) << "and one it has whole";

  const AdjustReport report = adjust_model(in, bandage_groups(), out, {});
  std::size_t added = 0;
  for (const AdjustedWord& w : report.words) added += w.added;
  EXPECT_EQ(report.vocab_before, kKrBertVocab);
  EXPECT_EQ(report.vocab_after, kKrBertVocab + added);

  // config.json: vocab_size grows, every other field as it was.
  nlohmann::json config = json_of(out / "config.json"), old_config = json_of(in / "config.json");
  EXPECT_EQ(config["vocab_size"], report.vocab_after);
  config.erase("vocab_size"), old_config.erase("vocab_size");
  EXPECT_EQ(config, old_config);

  // tokenizer.json: added_tokens as add_tokens writes a plain token, ids V.. in order.
  const nlohmann::json tokens = json_of(out / "tokenizer.json")["added_tokens"];
  ASSERT_EQ(tokens.size(), 5 + added);
  for (std::size_t i = 5; i < tokens.size(); ++i) {
    EXPECT_EQ(tokens[i]["id"], kKrBertVocab + i - 5);
    EXPECT_EQ(tokens[i]["special"], false);
    EXPECT_EQ(tokens[i]["normalized"], true);
    EXPECT_EQ(tokens[i]["single_word"], false);
    EXPECT_EQ(tokens[i]["lstrip"], false);
    EXPECT_EQ(tokens[i]["rstrip"], false);
  }
  // added_tokens.json (the slow tokenizer's) and tokenizer_config.json's added_tokens_decoder agree.
  const nlohmann::json added_json = json_of(out / "added_tokens.json");
  const nlohmann::json decoder = json_of(out / "tokenizer_config.json")["added_tokens_decoder"];
  EXPECT_EQ(added_json.size(), added);
  for (std::size_t i = 5; i < tokens.size(); ++i) {
    EXPECT_EQ(added_json[tokens[i]["content"].get<std::string>()], tokens[i]["id"]);
    const nlohmann::json& entry = decoder[std::to_string(tokens[i]["id"].get<int>())];
    EXPECT_EQ(entry["content"], tokens[i]["content"]);
    EXPECT_EQ(entry["special"], false);
  }
  EXPECT_EQ(test::read_file((out / "vocab.txt").string()), test::read_file((in / "vocab.txt").string()));
  EXPECT_EQ(test::read_file((out / "special_tokens_map.json").string()),
            test::read_file((in / "special_tokens_map.json").string()));

  // Every member is now one token, and all members of a group share one row.
  const Tokenizer after = Tokenizer::load(out / "tokenizer.json");
  const SafetensorsFile old_weights((in / "model.safetensors").string()), new_weights((out / "model.safetensors").string());
  const TensorInfo& old_table = old_weights.tensor("embeddings.word_embeddings.weight");
  const TensorInfo& new_table = new_weights.tensor("embeddings.word_embeddings.weight");
  EXPECT_EQ(new_table.shape, (std::vector<std::uint64_t>{report.vocab_after, kKrBertHidden}));
  EXPECT_EQ(new_table.dtype, DType::F32);
  const auto row = [&](std::int32_t id) {
    const auto bytes = new_weights.bytes(new_table).subspan(static_cast<std::size_t>(id) * kKrBertHidden * 4, kKrBertHidden * 4);
    return std::vector<std::byte>(bytes.begin(), bytes.end());
  };
  std::set<std::int32_t> member_ids;
  for (const SynonymGroup& g : bandage_groups()) {
    std::optional<std::vector<std::byte>> shared;
    for (const std::string& w : g.words) {
      const Encoding e = after.encode(w, false);
      ASSERT_EQ(e.size(), 1u) << w;
      member_ids.insert(e.ids[0]);
      if (!shared) shared = row(e.ids[0]);
      EXPECT_EQ(row(e.ids[0]), *shared) << w;
    }
  }
  // Other tokens' rows: the same bytes.
  const auto old_bytes = old_weights.bytes(old_table), new_bytes = new_weights.bytes(new_table);
  const std::size_t row_bytes = kKrBertHidden * 4;
  for (std::size_t id = 0; id < kKrBertVocab; ++id) {
    if (member_ids.count(static_cast<std::int32_t>(id))) continue;
    ASSERT_EQ(std::memcmp(old_bytes.data() + id * row_bytes, new_bytes.data() + id * row_bytes, row_bytes), 0) << id;
  }
  // Every other tensor: the same bytes.
  for (const TensorInfo& t : old_weights.tensors()) {
    if (t.name == old_table.name) continue;
    const auto a = old_weights.bytes(t), b = new_weights.bytes(new_weights.tensor(t.name));
    EXPECT_TRUE(std::equal(a.begin(), a.end(), b.begin(), b.end())) << t.name;
  }
  EXPECT_EQ(new_weights.metadata().at("format"), "pt");
}

TEST_F(ModelAdjust, TheGroupVectorIsTheMeanOfTheMembersSubTokenEmbeddings) {
  test::write_kr_bert_model(in);
  const auto groups = parse_synonym_groups(R"({"반창고": ["반창고", "대일밴드"]})", "g");
  adjust_model(in, groups, out, {});
  const Tokenizer tokenizer = Tokenizer::load(in / "tokenizer.json");
  const std::vector<float> table = SafetensorsFile((in / "model.safetensors").string()).read_float("embeddings.word_embeddings.weight");
  std::vector<double> want(kKrBertHidden, 0.0);
  for (const std::string& w : groups[0].words) {
    const Encoding e = tokenizer.encode(w, false);
    for (std::int32_t id : e.ids) {
      for (std::size_t d = 0; d < kKrBertHidden; ++d) want[d] += table[id * kKrBertHidden + d] / e.size() / 2.0;
    }
  }
  const std::vector<float> got = SafetensorsFile((out / "model.safetensors").string()).read_float("embeddings.word_embeddings.weight");
  for (std::size_t d = 0; d < kKrBertHidden; ++d) EXPECT_NEAR(got[kKrBertVocab * kKrBertHidden + d], want[d], 1e-6);
}

TEST_F(ModelAdjust, SynonymSwapEmbedsTheSameAfterButNotBefore) {
  test::write_kr_bert_model(in);
  // Mean pooling over a random-weight model; --source input (the default): the swapped word's
  // input row is then the same, so the whole forward pass is.
  const std::vector<std::string> pair = {"손가락을 베어서 반창고를 붙였다", "손가락을 베어서 대일밴드를 붙였다"};
  const auto cosine_of = [&](const fs::path& model) {
    const Matrix<float> e = SentenceEncoder::load(model).encode(pair, 2, 1);
    return test::cosine(e.row(0), e.row(1), e.cols);
  };
  const double before = cosine_of(in);
  adjust_model(in, bandage_groups(), out, {});
  const double after = cosine_of(out);
  std::printf("synonym swap: cosine %.6f before adjust, %.6f after\n", before, after);
  EXPECT_LT(before, 0.99);
  EXPECT_GE(after, 0.99);
  EXPECT_NEAR(after, 1.0, 1e-6);
}

TEST_F(ModelAdjust, ContextualSourceIsTheMeanOfTheLastHiddenStateOverSubTokens) {
  test::write_kr_bert_model(in);
  const auto groups = parse_synonym_groups(R"({"반창고": ["반창고", "대일밴드"]})", "g");
  AdjustOptions options;
  options.source = EmbeddingSource::Contextual;
  options.method = CombineMethod::Max;
  adjust_model(in, groups, out, options);
  const SentenceEncoder encoder = SentenceEncoder::load(in);
  std::vector<float> want(kKrBertHidden, -INFINITY);
  for (const std::string& w : groups[0].words) {
    const std::vector<std::string> one = {w};
    const Matrix<float> hidden = encoder.token_embeddings(one)[0];  // [CLS] pieces [SEP]
    for (std::size_t d = 0; d < kKrBertHidden; ++d) {
      double sum = 0;
      for (std::size_t t = 1; t + 1 < hidden.rows; ++t) sum += hidden(t, d);
      want[d] = std::max(want[d], static_cast<float>(sum / (hidden.rows - 2)));
    }
  }
  const std::vector<float> got = SafetensorsFile((out / "model.safetensors").string()).read_float("embeddings.word_embeddings.weight");
  for (std::size_t d = 0; d < kKrBertHidden; ++d) EXPECT_NEAR(got[kKrBertVocab * kKrBertHidden + d], want[d], 1e-5);
  for (std::size_t d = 0; d < kKrBertHidden; ++d) {
    EXPECT_EQ(got[kKrBertVocab * kKrBertHidden + d], got[(kKrBertVocab + 1) * kKrBertHidden + d]);
  }
}

TEST_F(ModelAdjust, MaskedLmHeadGrowsWithTheTableAndBfloat16IsKept) {
  test::write_kr_bert_model(in, {DType::BF16, true, true});
  const AdjustReport report = adjust_model(in, bandage_groups(), out, {});
  const SafetensorsFile old_weights((in / "model.safetensors").string()), weights((out / "model.safetensors").string());
  const std::uint64_t v = report.vocab_after, h = kKrBertHidden;
  const TensorInfo& table = weights.tensor("bert.embeddings.word_embeddings.weight");
  const TensorInfo& decoder = weights.tensor("cls.predictions.decoder.weight");
  const TensorInfo& bias = weights.tensor("cls.predictions.bias");
  EXPECT_EQ(table.dtype, DType::BF16);
  EXPECT_EQ(table.shape, (std::vector<std::uint64_t>{v, h}));
  EXPECT_EQ(decoder.shape, (std::vector<std::uint64_t>{v, h}));
  EXPECT_EQ(bias.shape, (std::vector<std::uint64_t>{v}));
  // Tied: the decoder is the table again. The bias is padded with zeros.
  const auto a = weights.bytes(table), b = weights.bytes(decoder);
  EXPECT_TRUE(std::equal(a.begin(), a.end(), b.begin(), b.end()));
  const std::vector<float> bias_values = weights.read_float("cls.predictions.bias");
  const std::vector<float> old_bias = old_weights.read_float("cls.predictions.bias");
  EXPECT_TRUE(std::equal(old_bias.begin(), old_bias.end(), bias_values.begin()));
  for (std::size_t i = kKrBertVocab; i < v; ++i) EXPECT_EQ(bias_values[i], 0.0f);
  // topica loads it as a masked LM and as an encoder.
  EXPECT_NO_THROW(SentenceEncoder::load(out));
}

TEST_F(ModelAdjust, AnUntiedDecoderKeepsItsRowsAndNewTokensGetTheirMeanInHalf) {
  test::KrBertModelOptions options;
  options.dtype = DType::F16;
  options.masked_lm = options.separate_decoder = true;
  test::write_kr_bert_model(in, options);
  const AdjustReport report = adjust_model(in, bandage_groups(), out, {});
  const SafetensorsFile old_weights((in / "model.safetensors").string()), weights((out / "model.safetensors").string());
  const TensorInfo& decoder = weights.tensor("cls.predictions.decoder.weight");
  EXPECT_EQ(decoder.dtype, DType::F16);
  EXPECT_EQ(weights.tensor("bert.embeddings.word_embeddings.weight").dtype, DType::F16);
  ASSERT_EQ(decoder.shape, (std::vector<std::uint64_t>{report.vocab_after, kKrBertHidden}));
  const auto old_bytes = old_weights.bytes(old_weights.tensor("cls.predictions.decoder.weight"));
  const auto new_bytes = weights.bytes(decoder);
  EXPECT_TRUE(std::equal(old_bytes.begin(), old_bytes.end(), new_bytes.begin()));  // group members untouched
  const std::vector<float> old_values = old_weights.read_float("cls.predictions.decoder.weight");
  const std::vector<float> values = weights.read_float("cls.predictions.decoder.weight");
  for (std::size_t d = 0; d < kKrBertHidden; ++d) {
    double mean = 0;
    for (std::size_t r = 0; r < kKrBertVocab; ++r) mean += old_values[r * kKrBertHidden + d] / kKrBertVocab;
    for (std::size_t r = kKrBertVocab; r < report.vocab_after; ++r) EXPECT_NEAR(values[r * kKrBertHidden + d], mean, 1e-3);
  }
  EXPECT_NO_THROW(SentenceEncoder::load(out));
}

TEST_F(ModelAdjust, RefusesToWriteOverItsInputOrAnExistingFolder) {
  test::write_kr_bert_model(in);
  const std::string weights_before = test::read_file((in / "model.safetensors").string());
  EXPECT_THROW(adjust_model(in, bandage_groups(), in, {}), UsageError);
  EXPECT_THROW(adjust_model(in, bandage_groups(), in / "sub", {}), UsageError);
  EXPECT_FALSE(fs::exists(in / "sub"));
  test::write_kr_bert_model(out);  // an existing, non-empty folder
  try {
    adjust_model(in, bandage_groups(), out, {});
    ADD_FAILURE() << "no error";
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()), "--out " + out.string() + " exists; use --force to replace it");
  }
  AdjustOptions force;
  force.force = true;
  EXPECT_NO_THROW(adjust_model(in, bandage_groups(), out, force));
  EXPECT_EQ(json_of(out / "config.json")["vocab_size"].get<std::size_t>() > kKrBertVocab, true);
  EXPECT_EQ(test::read_file((in / "model.safetensors").string()), weights_before);
  EXPECT_EQ(json_of(in / "config.json")["vocab_size"], kKrBertVocab);
}

TEST_F(ModelAdjust, ReadOnlyInputFolderWorks) {
  test::write_kr_bert_model(in);
  for (const auto& entry : fs::directory_iterator(in)) fs::permissions(entry.path(), fs::perms::owner_read | fs::perms::group_read);
  fs::permissions(in, fs::perms::owner_read | fs::perms::owner_exec);
  EXPECT_NO_THROW(adjust_model(in, bandage_groups(), out, {}));
  fs::permissions(in, fs::perms::owner_all);
  EXPECT_TRUE(fs::exists(out / "model.safetensors"));
  EXPECT_FALSE(fs::exists(in / "added_tokens.json"));
}

TEST(ModelAdjustInput, AFolderWithoutTokenizerJsonIsRefused) {
  test::ScratchDir scratch;
  try {
    adjust_model(test::encoder_fixture("bert_mean"), bandage_groups(), scratch.path() / "out", {});
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("tokenizer.json: missing"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(scratch.path() / "out"));
}

}  // namespace
}  // namespace topica
