#include "core/sha256.hpp"

namespace topica {

Sha256& Sha256::field(std::string_view bytes) {
  const std::uint64_t size = bytes.size();
  char prefix[8];
  for (int i = 0; i < 8; ++i) prefix[i] = static_cast<char>((size >> (8 * i)) & 0xff);
  update(std::string_view(prefix, 8));
  return update(bytes);
}

std::array<std::uint8_t, 32> Sha256::digest() {
  std::array<std::uint8_t, 32> out;
  sha256_digest(&context_, out.size(), out.data());
  return out;
}

namespace {

template <std::size_t N>
std::string to_hex(const std::array<std::uint8_t, N>& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : bytes) (out += kDigits[b >> 4]) += kDigits[b & 15];
  return out;
}

}  // namespace

std::string Sha256::hex() { return to_hex(digest()); }

std::string Sha1::hex() {
  std::array<std::uint8_t, SHA1_DIGEST_SIZE> out;
  sha1_digest(&context_, out.size(), out.data());
  return to_hex(out);
}

std::string sha256_hex(std::string_view bytes) { return Sha256().update(bytes).hex(); }

}  // namespace topica
