// Per-row steps of a transformer layer shared by the encoder and the masked-LM head: LayerNorm
// and the activation of config.json's hidden_act. Internal to libtopica.
#pragma once

#include <cstddef>

#include "encoder/encoder_weights.hpp"
#include "topica/encoder.hpp"

namespace topica::encoder {

/// One row through LayerNorm (biased variance, eps inside the square root, as torch).
void layer_norm_row(float* row, std::size_t n, const LayerNormWeights& norm, double eps);

/// transformers' ACT2FN for the activations EncoderConfig knows, in place over n values.
void activate(float* x, std::size_t n, EncoderConfig::Activation act);

}  // namespace topica::encoder
