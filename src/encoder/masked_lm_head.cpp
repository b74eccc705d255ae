#include "encoder/masked_lm_head.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/blas.hpp"
#include "encoder/row_ops.hpp"
#include "topica/error.hpp"

namespace topica::encoder {
namespace {

struct HeadNames {
  const char* dense;
  const char* norm;
  const char* decoder;
  const char* bias;
  const char* decoder_bias;  ///< the same tensor under the decoder's name (newer transformers save that one)
};
constexpr HeadNames kBertHead{"cls.predictions.transform.dense", "cls.predictions.transform.LayerNorm",
                              "cls.predictions.decoder.weight", "cls.predictions.bias",
                              "cls.predictions.decoder.bias"};
constexpr HeadNames kRobertaHead{"lm_head.dense", "lm_head.layer_norm", "lm_head.decoder.weight", "lm_head.bias",
                                 "lm_head.decoder.bias"};

}  // namespace

MaskedLmHead read_masked_lm_head(const SafetensorsFile& file, const EncoderConfig& config) {
  const auto has_head = [&](const HeadNames& names) { return file.contains(std::string(names.dense) + ".weight"); };
  const bool bert = has_head(kBertHead), roberta = has_head(kRobertaHead);
  if (!bert && !roberta) {
    throw InputError(fmt::format("{}: no masked-LM head (neither cls.predictions.* nor lm_head.* tensors): fill-mask "
                                 "needs a checkpoint saved from *ForMaskedLM", file.path()));
  }
  const HeadNames& names = bert ? kBertHead : kRobertaHead;
  const std::uint64_t h = config.hidden_size, vocab = config.vocab_size;
  const TensorReader head(file, "");
  MaskedLmHead out;
  out.transform = head.dense(names.dense, h, h);
  out.activation = bert ? config.hidden_act : EncoderConfig::Activation::Gelu;
  out.norm = head.layer_norm(names.norm, h);
  // Tied to the input embeddings unless the checkpoint stores its own decoder.
  out.decoder = head.contains(names.decoder)
                    ? head.read(names.decoder, {vocab, h})
                    : TensorReader(file, encoder_prefix(file)).read("embeddings.word_embeddings.weight", {vocab, h});
  out.bias = head.read(names.bias, {vocab}, names.decoder_bias);
  out.layer_norm_eps = config.layer_norm_eps;
  return out;
}

Matrix<float> apply_masked_lm_head(const MaskedLmHead& head, const Matrix<float>& hidden) {
  const std::size_t h = head.transform.in, vocab = head.bias.size();
  Matrix<float> x(hidden.rows, h);
  for (std::size_t r = 0; r < hidden.rows; ++r) std::copy(head.transform.bias.begin(), head.transform.bias.end(), x.row(r));
  blas::gemm_abt(hidden.rows, h, h, 1.0f, hidden.values.data(), hidden.cols, head.transform.weight.data(), h, 1.0f,
                 x.values.data(), h);
  activate(x.values.data(), x.values.size(), head.activation);
  for (std::size_t r = 0; r < x.rows; ++r) layer_norm_row(x.row(r), h, head.norm, head.layer_norm_eps);
  Matrix<float> logits(hidden.rows, vocab);
  for (std::size_t r = 0; r < hidden.rows; ++r) std::copy(head.bias.begin(), head.bias.end(), logits.row(r));
  blas::gemm_abt(hidden.rows, vocab, h, 1.0f, x.values.data(), h, head.decoder.data(), h, 1.0f, logits.values.data(),
                 vocab);
  return logits;
}

}  // namespace topica::encoder
