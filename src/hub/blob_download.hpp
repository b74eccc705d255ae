// One file of a repo into the cache's blobs/ folder, resumable and verified. Internal to libtopica.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>
#include <string>

#include "hub/http_client.hpp"
#include "hub/repo_listing.hpp"

namespace topica::hub {

struct BlobFolders {
  std::filesystem::path blobs;  ///< models--org--name/blobs
  std::filesystem::path locks;  ///< .locks/models--org--name, as huggingface_hub locks blobs
};

/// Makes blobs/{file.etag()} hold `file`, fetched from `url` unless it is there already. Bytes go
/// to blobs/{etag}.incomplete first; one left by an interrupted pull is resumed with a Range
/// request. The finished file must have the listed size and sha256 (LFS) or git blob id, else it
/// is deleted and Error says so; only then is it renamed into place. Concurrent pulls of the
/// same blob wait on a lock file. Returns the bytes received. `progress` (may be empty) is told
/// the bytes the file has as they arrive.
using BlobProgress = std::function<void(std::string_view file, std::uint64_t have, std::uint64_t size)>;
std::uint64_t fetch_blob(const HttpClient& http, const std::string& url, const RepoFile& file,
                         const BlobFolders& folders, const BlobProgress& progress);

}  // namespace topica::hub
