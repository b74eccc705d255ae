// SHA-256 (and the SHA-1 of git blob ids) through nettle: cache keys, file fingerprints and the
// hub's file hashes. A collision-resistant hash, so a
// key match means the same text (an xxhash-class hash would do for chance collisions, but a
// cache shared between projects should not be foolable by a crafted text either).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include <nettle/sha1.h>
#include <nettle/sha2.h>

namespace topica {

class Sha256 {
 public:
  Sha256() { sha256_init(&context_); }
  Sha256& update(std::string_view bytes) {
    sha256_update(&context_, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
    return *this;
  }
  /// A length-prefixed field, so ("ab", "c") and ("a", "bc") hash differently.
  Sha256& field(std::string_view bytes);
  std::array<std::uint8_t, 32> digest();
  std::string hex();  ///< 64 lowercase hex digits

 private:
  sha256_ctx context_;
};

std::string sha256_hex(std::string_view bytes);

/// SHA-1, only because git names a blob by it (the hub lists non-LFS files by their git blob id).
class Sha1 {
 public:
  Sha1() { sha1_init(&context_); }
  Sha1& update(std::string_view bytes) {
    sha1_update(&context_, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
    return *this;
  }
  std::string hex();  ///< 40 lowercase hex digits

 private:
  sha1_ctx context_;
};

}  // namespace topica
