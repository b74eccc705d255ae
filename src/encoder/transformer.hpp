// The float32 forward pass of a BERT / RoBERTa encoder over one batch. Internal to libtopica.
//
// A batch is packed: the texts' tokens lie one after another, with no padding rows. This is what
// padding plus the attention mask computes: transformers adds finfo(float32).min to the scores of
// padding keys, whose softmax weights then underflow to exactly 0, and padding rows never feed a
// real row. Packing skips that wasted work, and a text's result cannot depend on its neighbours'
// lengths.
#pragma once

#include <cstdint>
#include <vector>

#include "encoder/encoder_weights.hpp"
#include "encoder/linear.hpp"
#include "topica/matrix.hpp"

namespace topica::encoder {

struct PackedBatch {
  std::vector<std::int32_t> ids;       ///< every text's token ids, one text after another
  std::vector<std::int32_t> type_ids;  ///< token type ids, same layout
  std::vector<std::size_t> starts;     ///< text t holds rows [starts[t], starts[t + 1])
  std::size_t texts() const { return starts.empty() ? 0 : starts.size() - 1; }
};

/// One layer's four dense products, prepared in the encoder's precision.
struct LayerLinears {
  Linear qkv, attention_output, intermediate, output;
};

/// Prepares every layer's dense products in `precision`, moving the float32 matrices out of
/// `weights` (what stays behind: embeddings and layer norms).
std::vector<LayerLinears> prepare_linears(EncoderWeights& weights, Precision precision);

/// The last hidden state, one row per token of `batch` (rows in the batch's order). Dense products
/// run through `linears` (linear.hpp) over fixed row blocks, attention over (text, head) tasks, so the result
/// is identical for any `threads`. Throws InputError when a token id or type id is past its
/// embedding table.
Matrix<float> run_encoder(const EncoderWeights& weights, const std::vector<LayerLinears>& linears,
                          const EncoderConfig& config, const PackedBatch& batch, std::size_t threads);

}  // namespace topica::encoder
