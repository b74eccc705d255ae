// Reading tokenizer.json objects with errors that name the file and the field
// ("tokenizer.json: model.vocab: expected an object"). Internal to libtopica.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "topica/error.hpp"

namespace topica::tokenizers {

/// Parses the JSON file `path` of a model folder; InputError "<path>: not found" or
/// "<path>: malformed JSON: ..." (tokenizer and encoder files alike).
nlohmann::json parse_json_file(const std::filesystem::path& path);
/// Parses `text` read from `source`; InputError "<source>: malformed JSON: ...".
nlohmann::json parse_json_text(std::string_view text, const std::string& source);

class JsonFields {
 public:
  /// `object` is the JSON at `path` ("" for the root) of the file `source`.
  JsonFields(const nlohmann::json& object, std::string source, std::string path);

  /// The member `key`, or nullptr when it is absent or null.
  const nlohmann::json* find(const std::string& key) const;
  /// The member `key`, which must be there and not null.
  const nlohmann::json& at(const std::string& key) const;
  JsonFields object(const std::string& key) const;

  bool boolean(const std::string& key, bool fallback) const;
  std::optional<bool> optional_boolean(const std::string& key) const;
  std::string string(const std::string& key, const std::string& fallback) const;
  std::string string(const std::string& key) const;
  std::int64_t integer(const std::string& key, std::int64_t fallback) const;
  std::int64_t integer(const std::string& key) const;

  const nlohmann::json& json() const { return object_; }
  /// "model.vocab" for key "vocab" inside "model".
  std::string name(const std::string& key) const {
    if (key.empty()) return path_.empty() ? "top level" : path_;
    return path_.empty() ? key : path_ + "." + key;
  }
  [[noreturn]] void fail(const std::string& key, const std::string& message) const;
  const std::string& source() const { return source_; }

 private:
  const nlohmann::json& object_;
  std::string source_, path_;
};

/// The special token `key` names in tokenizer_config.json or special_tokens_map.json: a string or
/// {"content": ...}; nullopt when absent. Anything else fails naming the field.
std::optional<std::string> token_name(const JsonFields& config, const std::string& key);

}  // namespace topica::tokenizers
