// The encoder's tensors, read from model.safetensors into float32 (F16 and BF16 are widened
// exactly) and checked against config.json. Internal to libtopica.
#pragma once

#include <string>
#include <vector>

#include "topica/encoder.hpp"
#include "topica/safetensors.hpp"

namespace topica::encoder {

struct LayerNormWeights {
  std::vector<float> weight, bias;
};

/// A dense layer y = x W^T + b with W stored as transformers does: (out, in), row-major.
struct DenseWeights {
  std::vector<float> weight, bias;
  std::size_t out = 0, in = 0;
};

struct LayerWeights {
  DenseWeights qkv;  ///< query, key and value stacked into one (3 hidden x hidden) product
  DenseWeights attention_output;
  LayerNormWeights attention_norm;
  DenseWeights intermediate;
  DenseWeights output;
  LayerNormWeights output_norm;
};

struct EncoderWeights {
  std::vector<float> word_embeddings;      ///< vocab_size x hidden
  std::vector<float> position_embeddings;  ///< max_position_embeddings x hidden
  std::vector<float> token_type_embeddings;  ///< type_vocab_size x hidden
  LayerNormWeights embedding_norm;
  std::vector<LayerWeights> layers;
};

/// Reads named float tensors of one checkpoint, checking each one's shape.
class TensorReader {
 public:
  TensorReader(const SafetensorsFile& file, std::string prefix) : file_(file), prefix_(std::move(prefix)) {}

  /// The tensor `name` (after the prefix), which must have `shape`. `alias` is an older name for
  /// the same tensor (LayerNorm "gamma" / "beta" in checkpoints from the TensorFlow era). Throws
  /// InputError naming the file and the tensor when it is missing or has another shape.
  std::vector<float> read(const std::string& name, const std::vector<std::uint64_t>& shape,
                          const std::string& alias = "") const;
  LayerNormWeights layer_norm(const std::string& name, std::uint64_t width) const;
  DenseWeights dense(const std::string& name, std::uint64_t out, std::uint64_t in) const;
  bool contains(const std::string& name) const { return file_.contains(prefix_ + name); }

 private:
  const SafetensorsFile& file_;
  std::string prefix_;
};

/// The prefix ("", "bert.", "roberta." or "model.") under which `file` holds the encoder.
std::string encoder_prefix(const SafetensorsFile& file);

/// Reads every tensor the config calls for, under the names of transformers' BertModel /
/// RobertaModel state_dict, with or without a "bert." / "roberta." / "model." prefix (checkpoints
/// saved from a task head carry one); other tensors (the pooler, an LM head) are ignored. Throws
/// InputError naming the file and the tensor when one is missing or has the wrong shape.
EncoderWeights read_encoder_weights(const SafetensorsFile& file, const EncoderConfig& config);

}  // namespace topica::encoder
