// SHA-256 and git blob ids of a file on disk, streamed so a large model file is never held in
// memory.
#include "hub/file_digest.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "core/sha256.hpp"
#include "topica/error.hpp"

namespace topica::hub {
namespace {

// Feeds the whole file to `hash` (Sha256 or Sha1) and returns its hex digest.
template <class Hash>
std::string digest_file(const std::filesystem::path& path, Hash hash) {
  std::unique_ptr<std::FILE, decltype(&std::fclose)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw Error(fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno)));
  std::vector<char> buffer(1 << 20);
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0) hash.update(std::string_view(buffer.data(), n));
  if (std::ferror(file.get())) throw Error(fmt::format("{}: read failed: {}", path.string(), std::strerror(errno)));
  return hash.hex();
}

}  // namespace

std::string file_sha256(const std::filesystem::path& path) { return digest_file(path, Sha256()); }

std::string file_git_blob_id(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw Error(fmt::format("{}: cannot read: {}", path.string(), ec.message()));
  const std::string header = fmt::format("blob {}", size);
  Sha1 hash;
  hash.update(std::string_view(header.c_str(), header.size() + 1));  // with its '\0'
  return digest_file(path, std::move(hash));
}

}  // namespace topica::hub
