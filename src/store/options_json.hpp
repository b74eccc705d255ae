// JSON forms of option structs shared by the saved-model files (topic model, embedder).
#pragma once

#include <nlohmann/json.hpp>

#include "topica/vectorizer.hpp"

namespace topica::store {

using Json = nlohmann::ordered_json;

/// ngram_range, min_df / max_df (an integer for a count, a float for a share), max_features,
/// stop_words ("english", "none" or the sorted list) and lowercase.
Json vectorizer_json(const VectorizerOptions& v);
/// The inverse; throws nlohmann::json::exception for a missing or mistyped field.
VectorizerOptions vectorizer_from(const Json& j);

}  // namespace topica::store

namespace topica::store {

/// Parses a JSON file; throws InputError naming it when it is missing or not valid JSON.
Json read_json_file(const std::string& path);

}  // namespace topica::store
