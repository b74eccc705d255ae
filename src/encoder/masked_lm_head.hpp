// The masked-language-model head of a BertForMaskedLM / RobertaForMaskedLM checkpoint: hidden
// state -> dense -> activation -> LayerNorm -> decoder (vocab_size x hidden) + bias. Internal to
// libtopica.
#pragma once

#include <vector>

#include "encoder/encoder_weights.hpp"
#include "topica/encoder.hpp"
#include "topica/matrix.hpp"
#include "topica/safetensors.hpp"

namespace topica::encoder {

struct MaskedLmHead {
  DenseWeights transform;       ///< hidden x hidden
  EncoderConfig::Activation activation = EncoderConfig::Activation::Gelu;
  LayerNormWeights norm;
  std::vector<float> decoder;   ///< vocab_size x hidden; the word embeddings when tied
  std::vector<float> bias;      ///< vocab_size
  double layer_norm_eps = 1e-12;
};

/// The head's tensors under transformers' names: BERT `cls.predictions.transform.dense`,
/// `cls.predictions.transform.LayerNorm`, `cls.predictions.decoder.weight`, `cls.predictions.bias`;
/// RoBERTa / XLM-R `lm_head.dense`, `lm_head.layer_norm`, `lm_head.decoder.weight`, `lm_head.bias`.
/// A missing decoder weight is the tied word-embedding table (what save_pretrained leaves out).
/// Throws InputError naming the file when the checkpoint has no head or a tensor has the wrong shape.
MaskedLmHead read_masked_lm_head(const SafetensorsFile& file, const EncoderConfig& config);

/// Logits (rows x vocab_size) of the hidden states `hidden` (rows x hidden_size).
Matrix<float> apply_masked_lm_head(const MaskedLmHead& head, const Matrix<float>& hidden);

}  // namespace topica::encoder
