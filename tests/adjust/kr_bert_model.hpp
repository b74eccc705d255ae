// A small random-weight BERT with the real KR-BERT (snunlp/KR-BERT-char16424) tokenizer from
// ../shared/reference/tokenizers, written as the folder transformers' save_pretrained leaves
// (config.json, model.safetensors, tokenizer.json, vocab.txt, tokenizer_config.json,
// special_tokens_map.json), for the adjust tests. Random weights are enough: adjust moves rows,
// and the forward pass is checked against PyTorch by the encoder tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <cmath>
#include <fstream>
#include <random>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"
#include "topica/safetensors.hpp"

namespace topica::test {

inline constexpr std::size_t kKrBertVocab = 16424;
inline constexpr std::size_t kKrBertHidden = 32;

/// ../shared/reference/tokenizers/models/kr-bert-char16424, when ../shared is there.
inline std::optional<std::filesystem::path> kr_bert_tokenizer_dir() {
  const auto shared = shared_dir();
  if (!shared) return std::nullopt;
  const auto dir = *shared / "reference/tokenizers/models/kr-bert-char16424";
  if (!std::filesystem::exists(dir / "tokenizer.json")) return std::nullopt;
  return dir;
}

struct KrBertModelOptions {
  DType dtype = DType::F32;
  bool masked_lm = false;     ///< BertForMaskedLM: "bert." prefix and the cls.predictions head
  bool tied_decoder_stored = false;  ///< with masked_lm: the tied decoder weight stored as well
  bool separate_decoder = false;     ///< with masked_lm: a decoder weight of its own (untied)
  std::uint32_t seed = 7;
};

/// Writes the model folder to `dir` (created). The tokenizer must exist (check kr_bert_tokenizer_dir).
inline void write_kr_bert_model(const std::filesystem::path& dir, const KrBertModelOptions& options = {}) {
  namespace fs = std::filesystem;
  const fs::path tokenizer = *kr_bert_tokenizer_dir();
  fs::create_directories(dir);
  fs::copy_file(tokenizer / "tokenizer.json", dir / "tokenizer.json");
  fs::copy_file(tokenizer / "vocab.txt", dir / "vocab.txt");
  const std::size_t v = kKrBertVocab, h = kKrBertHidden, inner = 64, positions = 64, layers = 2;
  const nlohmann::ordered_json config = {
      {"architectures", {options.masked_lm ? "BertForMaskedLM" : "BertModel"}},
      {"attention_probs_dropout_prob", 0.1}, {"hidden_act", "gelu"}, {"hidden_dropout_prob", 0.1},
      {"hidden_size", h}, {"initializer_range", 0.02}, {"intermediate_size", inner}, {"layer_norm_eps", 1e-12},
      {"max_position_embeddings", positions}, {"model_type", "bert"}, {"num_attention_heads", 4},
      {"num_hidden_layers", layers}, {"pad_token_id", 0}, {"type_vocab_size", 2}, {"vocab_size", v}};
  std::ofstream(dir / "config.json") << config.dump(2) << "\n";
  nlohmann::ordered_json decoder = nlohmann::ordered_json::object();
  const char* specials[] = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
  for (int i = 0; i < 5; ++i) {
    decoder[std::to_string(i)] = {{"content", specials[i]}, {"lstrip", false}, {"normalized", false},
                                  {"rstrip", false}, {"single_word", false}, {"special", true}};
  }
  const nlohmann::ordered_json tokenizer_config = {
      {"added_tokens_decoder", decoder}, {"do_lower_case", false}, {"tokenizer_class", "BertTokenizer"},
      {"unk_token", "[UNK]"}, {"cls_token", "[CLS]"}, {"sep_token", "[SEP]"}, {"pad_token", "[PAD]"},
      {"mask_token", "[MASK]"}};
  std::ofstream(dir / "tokenizer_config.json") << tokenizer_config.dump(2) << "\n";
  std::ofstream(dir / "special_tokens_map.json")
      << R"({"cls_token": "[CLS]", "mask_token": "[MASK]", "pad_token": "[PAD]", "sep_token": "[SEP]", "unk_token": "[UNK]"})"
      << "\n";

  std::mt19937 rng(options.seed);
  std::normal_distribution<float> normal(0.0f, 0.5f);
  SafetensorsWriter writer;
  const std::string prefix = options.masked_lm ? "bert." : "";
  const auto add = [&](const std::string& name, std::vector<std::uint64_t> shape, float fill = NAN) {
    std::size_t n = 1;
    for (auto d : shape) n *= d;
    std::vector<float> values(n);
    for (float& x : values) x = std::isnan(fill) ? normal(rng) : fill;
    if (options.dtype == DType::F32) return writer.add(name, shape, std::span<const float>(values));
    std::vector<std::uint16_t> bits(n);
    for (std::size_t i = 0; i < n; ++i) bits[i] = options.dtype == DType::F16 ? float_to_half(values[i]) : float_to_bfloat16(values[i]);
    writer.add(name, options.dtype, shape, std::as_bytes(std::span<const std::uint16_t>(bits)));
  };
  const auto norm = [&](const std::string& name) {
    add(name + ".weight", {h}, 1.0f);
    add(name + ".bias", {h}, 0.0f);
  };
  const auto dense = [&](const std::string& name, std::uint64_t out, std::uint64_t in) {
    add(name + ".weight", {out, in});
    add(name + ".bias", {out});
  };
  add(prefix + "embeddings.word_embeddings.weight", {v, h});
  add(prefix + "embeddings.position_embeddings.weight", {positions, h});
  add(prefix + "embeddings.token_type_embeddings.weight", {2, h});
  norm(prefix + "embeddings.LayerNorm");
  for (std::size_t l = 0; l < layers; ++l) {
    const std::string p = prefix + "encoder.layer." + std::to_string(l) + ".";
    for (const char* part : {"query", "key", "value"}) dense(p + "attention.self." + part, h, h);
    dense(p + "attention.output.dense", h, h);
    norm(p + "attention.output.LayerNorm");
    dense(p + "intermediate.dense", inner, h);
    dense(p + "output.dense", h, inner);
    norm(p + "output.LayerNorm");
  }
  if (options.masked_lm) {
    dense("cls.predictions.transform.dense", h, h);
    norm("cls.predictions.transform.LayerNorm");
    add("cls.predictions.bias", {v});
    if (options.separate_decoder) add("cls.predictions.decoder.weight", {v, h});
  }
  writer.set_metadata("format", "pt");
  writer.write((dir / "model.safetensors").string());
  if (options.masked_lm && options.tied_decoder_stored) {
    // Stored twice, as an older save_pretrained did: the same bytes under the decoder's name.
    SafetensorsFile file((dir / "model.safetensors").string());
    SafetensorsWriter again;
    for (const TensorInfo& t : file.tensors()) again.add(t.name, t.dtype, t.shape, file.bytes(t));
    const TensorInfo& table = file.tensor(prefix + "embeddings.word_embeddings.weight");
    again.add("cls.predictions.decoder.weight", table.dtype, table.shape, file.bytes(table));
    again.set_metadata("format", "pt");
    again.write((dir / "model2.safetensors").string());
    fs::rename(dir / "model2.safetensors", dir / "model.safetensors");
  }
}

}  // namespace topica::test
