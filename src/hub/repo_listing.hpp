// A model repo's files at one commit, as the hub's API lists them, and the choice of which of
// them an encoder needs. Internal to libtopica.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hub/http_client.hpp"

namespace topica::hub {

struct RepoFile {
  std::string path;                   ///< "1_Pooling/config.json"
  std::uint64_t size = 0;
  std::string blob_id;                ///< git blob id (40 hex)
  std::optional<std::string> sha256;  ///< LFS files only (64 hex)

  /// The blob's name in the cache, as huggingface_hub names it from the ETag: sha256 for LFS
  /// files, the git blob id otherwise.
  const std::string& etag() const { return sha256 ? *sha256 : blob_id; }
};

struct RepoListing {
  std::string commit;  ///< 40 hex
  std::vector<RepoFile> files;
};

/// Parses the JSON of {endpoint}/api/models/{id}/revision/{rev}?blobs=true: `sha` and
/// `siblings` [{rfilename, size, blobId, lfs: {sha256, size}}]. Throws Error naming `source`
/// and the field for anything missing or unsafe (a path with "..", a hash that is not hex).
RepoListing parse_repo_listing(std::string_view json, const std::string& source);

/// Fetches and parses the listing; a 401/403/404 becomes a one-line Error saying which
/// (no such repo or revision, a gated repo, a token needed).
RepoListing fetch_repo_listing(const HttpClient& http, const std::string& endpoint, std::string_view repo_id,
                               std::string_view revision);

/// True for the files SentenceEncoder::load reads: config.json, tokenizer files, the
/// sentence-transformers module files, model.safetensors or its shards and index.
bool is_encoder_file(std::string_view path);

/// The files to pull: all of them, or the encoder's plus those matching an `include` glob
/// (fnmatch without FNM_PATHNAME, so '*' spans folders, as huggingface_hub's allow_patterns).
std::vector<RepoFile> select_files(const RepoListing& listing, bool all, const std::vector<std::string>& include);

}  // namespace topica::hub
