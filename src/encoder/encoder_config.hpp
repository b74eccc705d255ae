// Reading a model folder's settings: config.json (the architecture) and the sentence-transformers
// files (modules.json, 1_Pooling/config.json, sentence_bert_config.json). Internal to libtopica.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "topica/encoder.hpp"

namespace topica::encoder {

/// config.json of the folder holding the transformer. Throws InputError naming the file and field.
EncoderConfig read_encoder_config(const std::filesystem::path& config_json);
/// The same from the file's text (`source` names it in errors); fuzz/config_json_fuzz.cpp feeds it.
EncoderConfig parse_encoder_config(std::string_view text, const std::string& source);

/// What the sentence-transformers files say. Absent files give sentence-transformers' own
/// defaults for a plain HF model: the transformer in the folder itself, mean pooling, no Normalize.
struct SentenceSettings {
  std::filesystem::path transformer_dir;      ///< folder of config.json and the weights
  PoolingConfig pooling;
  bool normalize = false;
  std::optional<std::size_t> max_seq_length;  ///< sentence_bert_config.json
  std::optional<std::size_t> pooling_width;   ///< 1_Pooling/config.json word_embedding_dimension
};
SentenceSettings read_sentence_settings(const std::filesystem::path& folder);

}  // namespace topica::encoder
