// Numbers for the page as base64 of little-endian typed-array bytes: a browser decodes 100k
// coordinates from one string (atob + a Float32Array view) far faster than it parses 100k JSON
// numbers, and the text is 4/3 of the bytes whatever the values are.
#include <bit>
#include <cstdint>

#include "viz/figures.hpp"

namespace topica::viz {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Standard base64 (RFC 4648) with '=' padding, which atob() reads.
std::string base64(const std::string& bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  const auto byte = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(v >> shift) & 63];
  }
  const std::size_t left = bytes.size() - i;
  if (left > 0) {
    const std::uint32_t v = byte(i) << 16 | (left == 2 ? byte(i + 1) << 8 : 0);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += left == 2 ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// `value`'s low `width` bytes, least significant first (the typed arrays' order on every
// platform browsers run on), whatever this machine's byte order.
void append_little_endian(std::string& bytes, std::uint32_t value, std::size_t width) {
  for (std::size_t k = 0; k < width; ++k) bytes += static_cast<char>((value >> (8 * k)) & 0xFF);
}

}  // namespace

std::string base64_float32(std::span<const float> values) {
  std::string bytes;
  bytes.reserve(values.size() * 4);
  for (float v : values) append_little_endian(bytes, std::bit_cast<std::uint32_t>(v), 4);
  return base64(bytes);
}

std::string base64_unsigned(std::span<const std::uint32_t> values, std::size_t width) {
  std::string bytes;
  bytes.reserve(values.size() * width);
  for (std::uint32_t v : values) append_little_endian(bytes, v, width);
  return base64(bytes);
}

}  // namespace topica::viz
