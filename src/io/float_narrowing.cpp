// float32 -> half / bfloat16, the inverse of the widening in safetensors.cpp.
#include <bit>
#include <cmath>
#include <cstdint>

#include "topica/safetensors.hpp"

namespace topica {

std::uint16_t float_to_half(float value) {
  // GCC's _Float16 conversion rounds to nearest even and handles subnormals, infinities and NaN.
  return std::bit_cast<std::uint16_t>(static_cast<_Float16>(value));
}

std::uint16_t float_to_bfloat16(float value) {
  const std::uint32_t bits = std::bit_cast<std::uint32_t>(value);
  if (std::isnan(value)) return static_cast<std::uint16_t>((bits >> 16) | 0x40);  // quiet NaN, sign kept
  const std::uint32_t rounding = 0x7FFF + ((bits >> 16) & 1);  // ties to even, as c10::round_to_nearest_even
  return static_cast<std::uint16_t>((bits + rounding) >> 16);
}

}  // namespace topica
