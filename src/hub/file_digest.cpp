// SHA-256 and git blob ids through OpenSSL's EVP interface, streamed so a large model file is
// never held in memory.
#include "hub/file_digest.hpp"

#include <openssl/evp.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica::hub {
namespace {

using DigestContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

std::string to_hex(const unsigned char* bytes, unsigned size) {
  std::string hex;
  hex.reserve(2 * size);
  for (unsigned i = 0; i < size; ++i) hex += fmt::format("{:02x}", bytes[i]);
  return hex;
}

// Hashes `prefix` and then the whole file with `algorithm`.
std::string digest_file(const std::filesystem::path& path, const EVP_MD* algorithm, std::string_view prefix) {
  std::unique_ptr<std::FILE, decltype(&std::fclose)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw Error(fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno)));
  DigestContext context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!context || EVP_DigestInit_ex(context.get(), algorithm, nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), prefix.data(), prefix.size()) != 1) {
    throw Error(fmt::format("{}: cannot start a digest (OpenSSL)", path.string()));
  }
  std::vector<char> buffer(1 << 20);
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0) {
    EVP_DigestUpdate(context.get(), buffer.data(), n);
  }
  if (std::ferror(file.get())) throw Error(fmt::format("{}: read failed: {}", path.string(), std::strerror(errno)));
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned size = 0;
  EVP_DigestFinal_ex(context.get(), out, &size);
  return to_hex(out, size);
}

}  // namespace

std::string file_sha256(const std::filesystem::path& path) { return digest_file(path, EVP_sha256(), {}); }

std::string file_git_blob_id(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw Error(fmt::format("{}: cannot read: {}", path.string(), ec.message()));
  const std::string header = fmt::format("blob {}", size);
  return digest_file(path, EVP_sha1(), std::string_view(header.c_str(), header.size() + 1));  // with its '\0'
}

}  // namespace topica::hub
