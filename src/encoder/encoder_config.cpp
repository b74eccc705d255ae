#include "encoder/encoder_config.hpp"

#include <fmt/format.h>

#include <fstream>
#include <string>

#include "tokenizers/json_fields.hpp"
#include "topica/error.hpp"

namespace topica::encoder {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using tokenizers::JsonFields;

using tokenizers::parse_json_file;

std::size_t positive(const JsonFields& fields, const std::string& key, std::int64_t fallback = -1) {
  const std::int64_t value = fallback < 0 ? fields.integer(key) : fields.integer(key, fallback);
  if (value <= 0) fields.fail(key, "expected a positive integer, got " + std::to_string(value));
  return static_cast<std::size_t>(value);
}

double number(const JsonFields& fields, const std::string& key, double fallback) {
  const json* value = fields.find(key);
  if (value == nullptr) return fallback;
  if (!value->is_number()) fields.fail(key, "expected a number");
  return value->get<double>();
}

EncoderConfig::Activation activation(const JsonFields& fields) {
  const std::string name = fields.string("hidden_act", "gelu");
  // transformers' ACT2FN: "gelu" is the exact erf form; "gelu_new" and "gelu_pytorch_tanh" the tanh one.
  if (name == "gelu") return EncoderConfig::Activation::Gelu;
  if (name == "gelu_new" || name == "gelu_pytorch_tanh") return EncoderConfig::Activation::GeluTanh;
  if (name == "relu") return EncoderConfig::Activation::Relu;
  fields.fail("hidden_act", "unsupported activation \"" + name + "\" (gelu, gelu_new, gelu_pytorch_tanh, relu)");
}

EncoderConfig config_from_json(const json& document, const std::string& source) {
  if (!document.is_object()) throw InputError(source + ": expected a JSON object");
  const JsonFields fields(document, source, "");
  EncoderConfig config;
  config.model_type = fields.string("model_type");
  if (config.model_type == "bert") {
    config.family = EncoderConfig::Family::Bert;
  } else if (config.model_type == "roberta" || config.model_type == "xlm-roberta") {
    config.family = EncoderConfig::Family::Roberta;
  } else {
    fields.fail("model_type", "unsupported model type \"" + config.model_type + "\" (bert, roberta, xlm-roberta)");
  }
  const bool roberta = config.family == EncoderConfig::Family::Roberta;
  config.vocab_size = positive(fields, "vocab_size");
  config.hidden_size = positive(fields, "hidden_size");
  config.num_hidden_layers = positive(fields, "num_hidden_layers");
  config.num_attention_heads = positive(fields, "num_attention_heads");
  config.intermediate_size = positive(fields, "intermediate_size");
  config.max_position_embeddings = positive(fields, "max_position_embeddings");
  config.type_vocab_size = positive(fields, "type_vocab_size", 2);
  config.layer_norm_eps = number(fields, "layer_norm_eps", 1e-12);
  config.pad_token_id = fields.integer("pad_token_id", roberta ? 1 : 0);  // RobertaConfig default: 1
  config.hidden_act = activation(fields);
  if (config.hidden_size % config.num_attention_heads != 0) {
    fields.fail("num_attention_heads", "does not divide hidden_size " + std::to_string(config.hidden_size));
  }
  if (config.pad_token_id < 0 || static_cast<std::size_t>(config.pad_token_id) >= config.max_position_embeddings) {
    fields.fail("pad_token_id", "out of range");
  }
  if (config.max_positions() == 0) fields.fail("max_position_embeddings", "leaves no positions after pad_token_id + 1");
  const std::string positions = fields.string("position_embedding_type", "absolute");
  if (positions != "absolute") fields.fail("position_embedding_type", "only \"absolute\" is supported, got \"" + positions + "\"");
  return config;
}

}  // namespace

EncoderConfig read_encoder_config(const fs::path& config_json) {
  return config_from_json(parse_json_file(config_json), config_json.string());
}

EncoderConfig parse_encoder_config(std::string_view text, const std::string& source) {
  return config_from_json(tokenizers::parse_json_text(text, source), source);
}

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

PoolingConfig read_pooling(const fs::path& path, std::optional<std::size_t>& width) {
  const json document = parse_json_file(path);
  const JsonFields fields(document, path.string(), "");
  PoolingConfig pooling;
  pooling.cls = fields.boolean("pooling_mode_cls_token", false);
  pooling.max = fields.boolean("pooling_mode_max_tokens", false);
  pooling.mean = fields.boolean("pooling_mode_mean_tokens", false);
  pooling.mean_sqrt_len = fields.boolean("pooling_mode_mean_sqrt_len_tokens", false);
  for (const char* key : {"pooling_mode_weightedmean_tokens", "pooling_mode_lasttoken"}) {
    if (fields.boolean(key, false)) fields.fail(key, "this pooling mode is not supported");
  }
  if (!pooling.cls && !pooling.max && !pooling.mean && !pooling.mean_sqrt_len) {
    fields.fail("pooling_mode_mean_tokens", "no pooling mode is set");
  }
  if (fields.find("word_embedding_dimension") != nullptr) width = positive(fields, "word_embedding_dimension");
  return pooling;
}

}  // namespace

SentenceSettings read_sentence_settings(const fs::path& folder) {
  SentenceSettings settings;
  settings.transformer_dir = folder;
  std::error_code ec;
  const fs::path modules_json = folder / "modules.json";
  if (fs::exists(modules_json, ec)) {
    const json modules = parse_json_file(modules_json);
    if (!modules.is_array()) throw InputError(modules_json.string() + ": expected a JSON array of modules");
    for (std::size_t i = 0; i < modules.size(); ++i) {
      const JsonFields module(modules[i], modules_json.string(), fmt::format("[{}]", i));
      const std::string type = module.string("type");
      const fs::path path = folder / module.string("path", "");
      if (ends_with(type, "models.Transformer")) {
        settings.transformer_dir = path;  // "" in current models, "0_Transformer" in old ones
      } else if (ends_with(type, "models.Pooling")) {
        settings.pooling = read_pooling(path / "config.json", settings.pooling_width);
      } else if (ends_with(type, "models.Normalize")) {
        settings.normalize = true;
      } else {
        module.fail("type", "unsupported module \"" + type + "\" (Transformer, Pooling, Normalize)");
      }
    }
  }
  const fs::path sbert = settings.transformer_dir / "sentence_bert_config.json";
  if (fs::exists(sbert, ec)) {
    const json document = parse_json_file(sbert);
    const JsonFields fields(document, sbert.string(), "");
    if (fields.find("max_seq_length") != nullptr) settings.max_seq_length = positive(fields, "max_seq_length");
  }
  return settings;
}

}  // namespace topica::encoder

namespace topica {

std::size_t EncoderConfig::max_positions() const {
  if (family == Family::Bert) return max_position_embeddings;
  const std::size_t offset = static_cast<std::size_t>(pad_token_id) + 1;
  return max_position_embeddings > offset ? max_position_embeddings - offset : 0;
}

}  // namespace topica
