#include "encoder/encoder_weights.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "topica/error.hpp"

namespace topica::encoder {
namespace {

std::string shape_text(const std::vector<std::uint64_t>& shape) { return fmt::format("[{}]", fmt::join(shape, ", ")); }

DenseWeights stack(DenseWeights a, const DenseWeights& b, const DenseWeights& c) {
  a.weight.insert(a.weight.end(), b.weight.begin(), b.weight.end());
  a.weight.insert(a.weight.end(), c.weight.begin(), c.weight.end());
  a.bias.insert(a.bias.end(), b.bias.begin(), b.bias.end());
  a.bias.insert(a.bias.end(), c.bias.begin(), c.bias.end());
  a.out += b.out + c.out;
  return a;
}

}  // namespace

std::vector<float> TensorReader::read(const std::string& name, const std::vector<std::uint64_t>& shape,
                                      const std::string& alias) const {
  std::string full = prefix_ + name;
  if (!file_.contains(full) && !alias.empty() && file_.contains(prefix_ + alias)) full = prefix_ + alias;
  if (!file_.contains(full)) throw InputError(fmt::format("{}: missing tensor '{}'", file_.path(), full));
  const TensorInfo& info = file_.tensor(full);
  if (info.shape != shape) {
    throw InputError(fmt::format("{}: tensor '{}' has shape {}, expected {} (from config.json)", file_.path(), full,
                                 shape_text(info.shape), shape_text(shape)));
  }
  return file_.read_float(full);
}

LayerNormWeights TensorReader::layer_norm(const std::string& name, std::uint64_t width) const {
  return {read(name + ".weight", {width}, name + ".gamma"), read(name + ".bias", {width}, name + ".beta")};
}

DenseWeights TensorReader::dense(const std::string& name, std::uint64_t out, std::uint64_t in) const {
  return {read(name + ".weight", {out, in}), read(name + ".bias", {out}), out, in};
}

// Checkpoints saved from BertForMaskedLM, RobertaForMaskedLM and the like put the encoder under
// the base model's attribute name; a bare BertModel / RobertaModel (sentence-transformers) has none.
std::string encoder_prefix(const SafetensorsFile& file) {
  for (const char* prefix : {"", "bert.", "roberta.", "model."}) {
    if (file.contains(std::string(prefix) + "embeddings.word_embeddings.weight")) return prefix;
  }
  throw InputError(fmt::format("{}: missing tensor 'embeddings.word_embeddings.weight' (also looked under bert., "
                               "roberta., model.)", file.path()));
}

EncoderWeights read_encoder_weights(const SafetensorsFile& file, const EncoderConfig& config) {
  const TensorReader reader(file, encoder_prefix(file));
  const std::uint64_t h = config.hidden_size, inner = config.intermediate_size;
  EncoderWeights w;
  w.word_embeddings = reader.read("embeddings.word_embeddings.weight", {config.vocab_size, h});
  w.position_embeddings = reader.read("embeddings.position_embeddings.weight", {config.max_position_embeddings, h});
  w.token_type_embeddings = reader.read("embeddings.token_type_embeddings.weight", {config.type_vocab_size, h});
  w.embedding_norm = reader.layer_norm("embeddings.LayerNorm", h);
  for (std::size_t i = 0; i < config.num_hidden_layers; ++i) {
    const std::string p = fmt::format("encoder.layer.{}.", i);
    LayerWeights layer;
    // Read in order, so a missing tensor is reported as the first one a reader would look for.
    DenseWeights query = reader.dense(p + "attention.self.query", h, h);
    DenseWeights key = reader.dense(p + "attention.self.key", h, h);
    DenseWeights value = reader.dense(p + "attention.self.value", h, h);
    layer.qkv = stack(std::move(query), key, value);
    layer.attention_output = reader.dense(p + "attention.output.dense", h, h);
    layer.attention_norm = reader.layer_norm(p + "attention.output.LayerNorm", h);
    layer.intermediate = reader.dense(p + "intermediate.dense", inner, h);
    layer.output = reader.dense(p + "output.dense", h, inner);
    layer.output_norm = reader.layer_norm(p + "output.LayerNorm", h);
    w.layers.push_back(std::move(layer));
  }
  return w;
}

}  // namespace topica::encoder
