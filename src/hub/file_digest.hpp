// Content hashes the hub lists for its files, computed over a file on disk. Internal to libtopica.
#pragma once

#include <filesystem>
#include <string>

namespace topica::hub {

/// Lower-case hex SHA-256 of the file (the hub's lfs.sha256, and the blob name of LFS files).
std::string file_sha256(const std::filesystem::path& path);

/// Lower-case hex git blob id, SHA-1 of "blob {size}\0" + content (the hub's blobId, and the
/// blob name of files kept in git rather than LFS).
std::string file_git_blob_id(const std::filesystem::path& path);

}  // namespace topica::hub
