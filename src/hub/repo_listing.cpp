// The hub's model listing (GET /api/models/{id}/revision/{rev}?blobs=true) and the file choice.
#include "hub/repo_listing.hpp"

#include <fnmatch.h>

#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "hub/cache_paths.hpp"
#include "topica/error.hpp"
#include "topica/hub.hpp"

namespace topica::hub {
namespace {

using nlohmann::json;

bool is_hex(std::string_view s, std::size_t digits) {
  if (s.size() != digits) return false;
  for (const char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

const json& member(const json& object, const char* key, const std::string& where) {
  if (!object.is_object() || !object.contains(key) || object.at(key).is_null()) {
    throw Error(fmt::format("{}: {}: missing '{}'", where, "model listing", key));
  }
  return object.at(key);
}

std::string string_member(const json& object, const char* key, const std::string& where) {
  const json& value = member(object, key, where);
  if (!value.is_string()) throw Error(fmt::format("{}: model listing: '{}' is not a string", where, key));
  return value.get<std::string>();
}

std::uint64_t size_member(const json& object, const char* key, const std::string& where) {
  const json& value = member(object, key, where);
  if (!value.is_number_unsigned()) throw Error(fmt::format("{}: model listing: '{}' is not a size", where, key));
  return value.get<std::uint64_t>();
}

RepoFile parse_sibling(const json& sibling, const std::string& source) {
  RepoFile file;
  file.path = string_member(sibling, "rfilename", source);
  const std::string where = fmt::format("{}: {}", source, file.path);
  if (!is_safe_relative_path(file.path)) throw Error(fmt::format("{}: model listing: unsafe file name", where));
  file.blob_id = string_member(sibling, "blobId", where);
  if (!is_hex(file.blob_id, 40)) throw Error(fmt::format("{}: model listing: blobId is not a git hash", where));
  if (sibling.contains("lfs") && !sibling.at("lfs").is_null()) {
    const json& lfs = sibling.at("lfs");
    file.sha256 = string_member(lfs, "sha256", where + ": lfs");
    if (!is_hex(*file.sha256, 64)) throw Error(fmt::format("{}: model listing: lfs.sha256 is not a sha256", where));
    file.size = size_member(lfs, "size", where + ": lfs");
  } else {
    file.size = size_member(sibling, "size", where);
  }
  return file;
}

// Files SentenceEncoder::load and the tokenizers read, as fnmatch patterns with FNM_PATHNAME.
constexpr std::array kEncoderFiles = {
    "config.json", "config_sentence_transformers.json", "modules.json", "sentence_bert_config.json",
    "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json",
    "vocab.txt", "vocab.json", "merges.txt", "spiece.model", "sentencepiece.bpe.model",
    "model.safetensors", "model.safetensors.index.json", "model-*-of-*.safetensors",
    // sentence-transformers module folders: 1_Pooling/config.json, 2_Dense/{config.json,model.safetensors}
    "[0-9]*_*/config.json", "[0-9]*_*/model.safetensors"};

bool matches_include(const std::string& pattern, const std::string& path) {
  // huggingface_hub's filter_repo_objects reads "folder/" as "folder/*".
  const std::string full = !pattern.empty() && pattern.back() == '/' ? pattern + "*" : pattern;
  return ::fnmatch(full.c_str(), path.c_str(), 0) == 0;
}

}  // namespace

RepoListing parse_repo_listing(std::string_view text, const std::string& source) {
  json document;
  try {
    document = json::parse(text);
  } catch (const json::exception& e) {
    throw Error(fmt::format("{}: model listing is not JSON: {}", source, e.what()));
  }
  RepoListing listing;
  listing.commit = string_member(document, "sha", source);
  if (!is_hex(listing.commit, 40)) throw Error(fmt::format("{}: model listing: 'sha' is not a commit hash", source));
  const json& siblings = member(document, "siblings", source);
  if (!siblings.is_array()) throw Error(fmt::format("{}: model listing: 'siblings' is not a list", source));
  for (const json& sibling : siblings) listing.files.push_back(parse_sibling(sibling, source));
  return listing;
}

RepoListing fetch_repo_listing(const HttpClient& http, const std::string& endpoint, std::string_view repo_id,
                               std::string_view revision) {
  const std::string url = fmt::format("{}/api/models/{}/revision/{}?blobs=true", endpoint, repo_id,
                                      percent_encode(revision, false));
  std::string body;
  const HttpResponse response = http.get_text(url, body);
  const std::string what = fmt::format("{} at revision '{}'", repo_id, revision);
  const std::string hint = response.error_message.empty() ? "" : " (" + response.error_message + ")";
  if (response.error_code == "RevisionNotFound") {
    throw Error(fmt::format("{}: no such revision on {}{}", what, endpoint, hint));
  }
  if (response.error_code == "GatedRepo") {
    throw Error(fmt::format("{}: gated repo; accept its terms on the hub and set HF_TOKEN{}", what, hint));
  }
  if (response.status == 401 || response.status == 403 || response.status == 404) {
    // The hub answers 401 for a missing repo as for a private one, so it cannot tell which.
    throw Error(fmt::format("{}: not found on {} (HTTP {}); check the id, or set HF_TOKEN for a private repo{}", what,
                            endpoint, response.status, hint));
  }
  if (response.status < 200 || response.status >= 300) {
    throw Error(fmt::format("{}: HTTP {} listing the repo{}", url, response.status, hint));
  }
  return parse_repo_listing(body, url);
}

bool is_encoder_file(std::string_view path) {
  const std::string p(path);
  for (const char* pattern : kEncoderFiles) {
    if (::fnmatch(pattern, p.c_str(), FNM_PATHNAME) == 0) return true;
  }
  return false;
}

std::vector<RepoFile> select_files(const RepoListing& listing, bool all, const std::vector<std::string>& include) {
  std::vector<RepoFile> chosen;
  for (const RepoFile& file : listing.files) {
    bool wanted = all || is_encoder_file(file.path);
    for (std::size_t i = 0; !wanted && i < include.size(); ++i) wanted = matches_include(include[i], file.path);
    if (wanted) chosen.push_back(file);
  }
  return chosen;
}

}  // namespace topica::hub
