#include "encoder/transformer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "encoder/attention.hpp"
#include "encoder/fast_math.hpp"
#include "encoder/row_ops.hpp"
#include "encoder/simd_clones.hpp"
#include "topica/error.hpp"
#include "topica/parallel.hpp"

namespace topica::encoder {
namespace {

// Rows of the packed batch per product: fixed, so the blocks (and the bits) do not depend on the
// thread count; large enough that sgemm's packing cost is spread over many rows.
constexpr std::size_t kRowBlock = 64;

/// x = LayerNorm(x + residual), row by row.
void add_and_norm(Matrix<float>& x, const Matrix<float>& residual, const LayerNormWeights& norm, double eps,
                  std::size_t threads) {
  parallel_blocks(x.rows, kRowBlock, threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r) {
      float* row = x.row(r);
      const float* add = residual.row(r);
      for (std::size_t j = 0; j < x.cols; ++j) row[j] += add[j];
      layer_norm_row(row, x.cols, norm, eps);
    }
  });
}


Matrix<float> embed(const EncoderWeights& w, const EncoderConfig& config, const PackedBatch& batch) {
  const std::size_t h = config.hidden_size;
  Matrix<float> x(batch.ids.size(), h);
  const bool roberta = config.family == EncoderConfig::Family::Roberta;
  for (std::size_t t = 0; t < batch.texts(); ++t) {
    for (std::size_t r = batch.starts[t]; r < batch.starts[t + 1]; ++r) {
      const std::int32_t id = batch.ids[r], type = batch.type_ids[r];
      if (id < 0 || static_cast<std::size_t>(id) >= config.vocab_size) {
        throw InputError(fmt::format("token id {} is past embeddings.word_embeddings.weight ({} rows): the "
                                     "tokenizer does not fit config.json vocab_size", id, config.vocab_size));
      }
      if (type < 0 || static_cast<std::size_t>(type) >= config.type_vocab_size) {
        throw InputError(fmt::format("token type id {} is past config.json type_vocab_size {}", type,
                                     config.type_vocab_size));
      }
      // RoBERTa numbers real tokens from padding_idx + 1 (create_position_ids_from_input_ids).
      const std::size_t i = r - batch.starts[t];
      const std::size_t position = roberta ? static_cast<std::size_t>(config.pad_token_id) + 1 + i : i;
      const float* word = w.word_embeddings.data() + static_cast<std::size_t>(id) * h;
      const float* kind = w.token_type_embeddings.data() + static_cast<std::size_t>(type) * h;
      const float* pos = w.position_embeddings.data() + position * h;
      float* row = x.row(r);
      for (std::size_t j = 0; j < h; ++j) row[j] = (word[j] + kind[j]) + pos[j];  // torch's order
      layer_norm_row(row, h, w.embedding_norm, config.layer_norm_eps);
    }
  }
  return x;
}

/// softmax(Q K^T / sqrt(d)) V for every (text, head), written into `context` (rows x hidden);
/// its products in bfloat16 when `bf16`.
void attention(const Matrix<float>& qkv, const EncoderConfig& config, const PackedBatch& batch, Matrix<float>& context,
               bool bf16, std::size_t threads) {
  const std::size_t h = config.hidden_size, heads = config.num_attention_heads, d = h / heads;
  const float scale = 1.0f / std::sqrt(static_cast<float>(d));
  if (context.rows != qkv.rows || context.cols != h) context = Matrix<float>(qkv.rows, h);  // all written below
  parallel_tasks(batch.texts() * heads, threads, [&](std::size_t task) {
    const std::size_t t = task / heads, head = task % heads;
    const std::size_t start = batch.starts[t], n = batch.starts[t + 1] - start;
    const float* q = qkv.row(start) + head * d;
    (bf16 ? attend_head_bf16 : attend_head)(q, q + h, q + 2 * h, qkv.cols, n, d, scale, context.row(start) + head * d, h);
  });
}

}  // namespace

std::vector<LayerLinears> prepare_linears(EncoderWeights& weights, Precision precision) {
  std::vector<LayerLinears> linears;
  linears.reserve(weights.layers.size());
  for (LayerWeights& layer : weights.layers) {
    linears.push_back({Linear(std::exchange(layer.qkv, {}), precision),
                       Linear(std::exchange(layer.attention_output, {}), precision),
                       Linear(std::exchange(layer.intermediate, {}), precision),
                       Linear(std::exchange(layer.output, {}), precision)});
  }
  return linears;
}

Matrix<float> run_encoder(const EncoderWeights& weights, const std::vector<LayerLinears>& linears,
                          const EncoderConfig& config, const PackedBatch& batch, std::size_t threads) {
  Matrix<float> x = embed(weights, config, batch);
  Matrix<float> qkv, context, projected, inner;
  // bf16 and int8 round every dense product's inputs to 8 bits or fewer already; attention in
  // bfloat16 stays within their bounds (precision_test) at twice the multiply rate. fp32 keeps the
  // float32 reference path.
  const bool bf16_attention = !linears.empty() && linears[0].qkv.precision() != Precision::Fp32 &&
                              bf16_attention_available();
  for (std::size_t l = 0; l < linears.size(); ++l) {
    const LayerWeights& layer = weights.layers[l];
    const LayerLinears& dense = linears[l];
    dense.qkv.forward(x, qkv, threads);
    attention(qkv, config, batch, context, bf16_attention, threads);
    dense.attention_output.forward(context, projected, threads);
    add_and_norm(projected, x, layer.attention_norm, config.layer_norm_eps, threads);
    std::swap(x, projected);  // projected keeps a buffer of the right shape for the next product
    dense.intermediate.forward(x, inner, threads);
    parallel_blocks(inner.values.size(), kRowBlock * inner.cols, threads, [&](std::size_t begin, std::size_t end) {
      activate(inner.values.data() + begin, end - begin, config.hidden_act);
    });
    dense.output.forward(inner, projected, threads);
    add_and_norm(projected, x, layer.output_norm, config.layer_norm_eps, threads);
    std::swap(x, projected);  // projected keeps a buffer of the right shape for the next product
  }
  return x;
}

}  // namespace topica::encoder
