#include "tokenizers/json_fields.hpp"

#include <fstream>

namespace topica::tokenizers {

JsonFields::JsonFields(const nlohmann::json& object, std::string source, std::string path)
    : object_(object), source_(std::move(source)), path_(std::move(path)) {
  if (!object_.is_object()) {
    throw InputError(source_ + ": " + (path_.empty() ? std::string("top level") : path_) + ": expected a JSON object");
  }
}

void JsonFields::fail(const std::string& key, const std::string& message) const {
  throw InputError(source_ + ": " + name(key) + ": " + message);
}

const nlohmann::json* JsonFields::find(const std::string& key) const {
  const auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) return nullptr;
  return &*it;
}

const nlohmann::json& JsonFields::at(const std::string& key) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr) fail(key, "missing");
  return *value;
}

JsonFields JsonFields::object(const std::string& key) const { return JsonFields(at(key), source_, name(key)); }

std::optional<bool> JsonFields::optional_boolean(const std::string& key) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) fail(key, "expected true, false or null");
  return value->get<bool>();
}

bool JsonFields::boolean(const std::string& key, bool fallback) const { return optional_boolean(key).value_or(fallback); }

std::string JsonFields::string(const std::string& key, const std::string& fallback) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return fallback;
  if (!value->is_string()) fail(key, "expected a string");
  return value->get<std::string>();
}

std::string JsonFields::string(const std::string& key) const {
  if (find(key) == nullptr) fail(key, "missing");
  return string(key, "");
}

std::int64_t JsonFields::integer(const std::string& key, std::int64_t fallback) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return fallback;
  if (!value->is_number_integer()) fail(key, "expected an integer");
  return value->get<std::int64_t>();
}

std::int64_t JsonFields::integer(const std::string& key) const {
  if (find(key) == nullptr) fail(key, "missing");
  return integer(key, 0);
}

}  // namespace topica::tokenizers

namespace topica::tokenizers {

nlohmann::json parse_json_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw InputError(path.string() + ": not found");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + ": cannot be opened");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for a number like 1e999
    throw InputError(path.string() + ": malformed JSON: " + e.what());
  }
}

nlohmann::json parse_json_text(std::string_view text, const std::string& source) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(source + ": malformed JSON: " + e.what());
  }
}

std::optional<std::string> token_name(const JsonFields& config, const std::string& key) {
  const nlohmann::json* value = config.find(key);
  if (value == nullptr) return std::nullopt;
  if (value->is_string()) return value->get<std::string>();
  if (value->is_object() && value->contains("content") && (*value)["content"].is_string()) {
    return (*value)["content"].get<std::string>();
  }
  config.fail(key, "expected a token string or {\"content\": ...}");
}

}  // namespace topica::tokenizers
