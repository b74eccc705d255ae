// Transformer sentence encoders: a Hugging Face BERT, RoBERTa or XLM-RoBERTa model folder in
// (config.json, model.safetensors in F32 / F16 / BF16, tokenizer.json or vocab.txt, and the
// sentence-transformers files modules.json, 1_Pooling/config.json, sentence_bert_config.json),
// the embeddings PyTorch gives out. The float32 forward pass follows transformers' modeling_bert.py
// / modeling_roberta.py in eval mode; pooling and Normalize follow sentence-transformers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "topica/matrix.hpp"
#include "topica/tokenizer.hpp"

namespace topica {

/// The config.json fields the encoder reads (transformers' BertConfig / RobertaConfig names).
struct EncoderConfig {
  enum class Family { Bert, Roberta };  ///< XLM-RoBERTa is a RoBERTa
  enum class Activation { Gelu, GeluTanh, Relu };
  std::string model_type;               ///< "bert", "roberta" or "xlm-roberta"
  Family family = Family::Bert;
  std::size_t vocab_size = 0;
  std::size_t hidden_size = 0;
  std::size_t num_hidden_layers = 0;
  std::size_t num_attention_heads = 0;
  std::size_t intermediate_size = 0;
  std::size_t max_position_embeddings = 0;
  std::size_t type_vocab_size = 2;      ///< BertConfig default
  double layer_norm_eps = 1e-12;        ///< BertConfig default
  std::int64_t pad_token_id = 0;        ///< RoBERTa positions start at pad_token_id + 1
  Activation hidden_act = Activation::Gelu;  ///< "gelu" is the exact erf form

  /// The longest input the position table allows: max_position_embeddings for BERT, less
  /// pad_token_id + 1 for RoBERTa (514 - 2 = 512 for roberta-base).
  std::size_t max_positions() const;
};

/// sentence-transformers' Pooling: the chosen modes are concatenated in its order (cls, max,
/// mean, mean_sqrt_len), each hidden_size wide.
struct PoolingConfig {
  bool cls = false;
  bool max = false;
  bool mean = true;  ///< what sentence-transformers uses for a plain HF model without modules.json
  bool mean_sqrt_len = false;
};

/// The arithmetic of the encoder's dense layers (QKV, attention output, feed-forward in and out).
/// Layer norms, softmax, GELU, residuals and the attention products stay float32 in every one.
///   Fp32  the reference: OpenBLAS sgemm, float32 throughout.
///   Bf16  weights and layer inputs rounded to bfloat16, float32 accumulation (oneDNN; AVX512-BF16
///         where the CPU has it, emulated on other AVX-512 CPUs, refused without AVX-512).
///   Int8  symmetric int8 weights per output channel, inputs quantised per token at run time,
///         int32 accumulation, float32 out (oneDNN; VNNI where the CPU has it).
enum class Precision { Fp32, Bf16, Int8 };

/// "fp32", "bf16" or "int8".
const char* precision_name(Precision precision);
/// The inverse of precision_name; nullopt for any other spelling.
std::optional<Precision> parse_precision(std::string_view name);

/// Called after each batch with the texts done so far and the total (under a lock, from
/// whichever thread finished the batch; keep it short).
using EncodeProgress = std::function<void(std::size_t done, std::size_t total)>;

struct EncoderOptions {
  /// Tokens per input, special tokens included; unset: sentence_bert_config.json's max_seq_length,
  /// else the model's position limit. Larger than the position limit is an error.
  std::optional<std::size_t> max_length;
  /// true: L2-normalise every embedding even without a Normalize module.
  bool normalize = false;
  /// The dense layers' arithmetic; the weights are prepared in it once, at load.
  Precision precision = Precision::Fp32;
};

class SentenceEncoder {
 public:
  /// Loads a model folder, or a hub id found in the Hugging Face cache (hub::resolve_model_folder).
  /// Throws InputError naming the file and the field or tensor for a
  /// missing file, an unknown model_type, a missing tensor or a tensor of the wrong shape.
  static SentenceEncoder load(const std::filesystem::path& folder, const EncoderOptions& options = {});

  /// One pooled (and, when the model says so, normalised) row per text.
  /// @param batch_size texts per forward pass; texts are sorted by length first so a batch holds
  ///        texts of similar length. Padding never reaches a text's result, but the matrix
  ///        kernels round a row slightly differently by where it falls in a block, so the same text
  ///        in another batch agrees to float rounding (about 1e-7 per value), not to the bit.
  /// @param threads 0: every core. The result is identical for any value.
  /// @param progress called after each batch (see EncodeProgress); empty: not called.
  Matrix<float> encode(std::span<const std::string> texts, std::size_t batch_size = 32, std::size_t threads = 0,
                       const EncodeProgress& progress = {}) const;

  /// The last layer's hidden states, one (tokens x hidden_size) matrix per text, special tokens
  /// included (what transformers returns as last_hidden_state, without the padding rows).
  std::vector<Matrix<float>> token_embeddings(std::span<const std::string> texts, std::size_t batch_size = 32,
                                              std::size_t threads = 0) const;

  const EncoderConfig& config() const;
  const PoolingConfig& pooling() const;
  const Tokenizer& tokenizer() const;
  std::size_t dimensions() const;  ///< width of encode()'s rows
  std::size_t max_length() const;  ///< tokens per input after truncation
  bool normalizes() const;
  Precision precision() const;

  struct Model;  ///< internal: weights and settings, shared between copies

 private:
  explicit SentenceEncoder(std::shared_ptr<const Model> model);
  std::shared_ptr<const Model> model_;
};

}  // namespace topica
