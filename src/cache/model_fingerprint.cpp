// model_fingerprint and encoder_options_key: what names an encoder in the embedding cache.
#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/sha256.hpp"
#include "encoder/encoder_config.hpp"
#include "topica/embedding_cache.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {
namespace fs = std::filesystem;

// A whole small file, or a marker when it is absent (absence changes the model too: no
// modules.json means mean pooling).
void add_file(Sha256& hash, const fs::path& dir, const std::string& name) {
  hash.field(name);
  std::ifstream in(dir / name, std::ios::binary);
  if (!in) {
    hash.field("<absent>");
    return;
  }
  std::ostringstream content;
  content << in.rdbuf();
  hash.field(content.str());
}

// model.safetensors: its size and its JSON header (8-byte little-endian length, then the JSON).
void add_safetensors_header(Sha256& hash, const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open", path.string()));
  unsigned char size_bytes[8] = {};
  in.read(reinterpret_cast<char*>(size_bytes), 8);
  std::uint64_t header_size = 0;
  for (int i = 0; i < 8; ++i) header_size |= std::uint64_t(size_bytes[i]) << (8 * i);
  std::error_code ec;
  const std::uint64_t file_size = fs::file_size(path, ec);
  if (!in || ec || header_size > file_size - 8) throw InputError(fmt::format("{}: not a safetensors file", path.string()));
  std::string header(header_size, '\0');
  in.read(header.data(), static_cast<std::streamsize>(header_size));
  if (!in) throw InputError(fmt::format("{}: truncated header", path.string()));
  hash.field(std::to_string(file_size)).field(header);
}

}  // namespace

std::string model_fingerprint(const fs::path& folder) {
  const encoder::SentenceSettings settings = encoder::read_sentence_settings(folder);
  Sha256 hash;
  hash.field("topica model fingerprint 1");
  add_file(hash, folder, "modules.json");
  // Module folders (1_Pooling, 2_Normalize, ...) in name order: their presence and settings.
  std::vector<std::string> modules;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (entry.is_directory(ec) && entry.path() != settings.transformer_dir) modules.push_back(entry.path().filename().string());
  }
  std::sort(modules.begin(), modules.end());
  for (const std::string& m : modules) add_file(hash, folder, m + "/config.json");
  const fs::path& dir = settings.transformer_dir;
  for (const char* name : {"config.json", "sentence_bert_config.json", "tokenizer.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json"}) {
    add_file(hash, dir, name);
  }
  add_safetensors_header(hash, dir / "model.safetensors");
  return hash.hex();
}

std::string encoder_options_key(const SentenceEncoder& encoder) {
  return fmt::format("max_length={};normalize={};precision={}", encoder.max_length(), encoder.normalizes() ? 1 : 0,
                     precision_name(encoder.precision()));
}

}  // namespace topica
