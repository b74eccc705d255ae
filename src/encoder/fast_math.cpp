#include "encoder/fast_math.hpp"
#include "encoder/simd_clones.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>

namespace topica::encoder {
namespace {


/// exp(x) = 2^n e^r with n = round(x / ln 2) and |r| <= ln 2 / 2; e^r by its Taylor series to r^7
/// (truncation < 5e-9 relative), 2^n written into the exponent bits. ln 2 is split in two so
/// n ln 2 subtracts exactly for |n| < 2^10.
inline float exp_one(float x) {
  constexpr float kLog2e = 1.44269504088896341f, kLn2Hi = 0.693145751953125f, kLn2Lo = 1.42860682030941723e-6f;
  constexpr float kShift = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer
  const bool underflow = x < -87.3f;
  x = x > 88.3f ? 88.3f : (x < -87.3f ? -87.3f : x);
  const float n = (x * kLog2e + kShift) - kShift;
  const float r = (x - n * kLn2Hi) - n * kLn2Lo;
  float p = 1.0f / 5040;
  p = p * r + 1.0f / 720;
  p = p * r + 1.0f / 120;
  p = p * r + 1.0f / 24;
  p = p * r + 1.0f / 6;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  const std::int32_t bits = (static_cast<std::int32_t>(n) + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return underflow ? 0.0f : p * scale;
}

/// erfc(z) for z >= 0: Numerical Recipes' Chebyshev fit t exp(-z^2 + P(t)), t = 1 / (1 + z / 2),
/// fractional error < 1.2e-7 everywhere.
inline float erfc_nonnegative(float z) {
  const float t = 1.0f / (1.0f + 0.5f * z);
  float p = 0.17087277f;
  p = p * t - 0.82215223f;
  p = p * t + 1.48851587f;
  p = p * t - 1.13520398f;
  p = p * t + 0.27886807f;
  p = p * t - 0.18628806f;
  p = p * t + 0.09678418f;
  p = p * t + 0.37409196f;
  p = p * t + 1.00002368f;
  p = p * t - 1.26551223f;
  return t * exp_one(-z * z + p);
}

// Partials per reduction: one AVX-512 register of floats (two AVX2 ones, four SSE ones: each
// clone splits the GNU vector type to what it has). Written as vectors because the compiler does
// not vectorise a float max reduction by itself without -ffast-math.
constexpr std::size_t kLanes = 16;
typedef float Lanes __attribute__((vector_size(kLanes * sizeof(float))));

}  // namespace

TOPICA_CLONES float max_of(const float* x, std::size_t n) {
  float top = x[0];
  std::size_t i = 0;
  if (n >= kLanes) {
    Lanes part, next;
    std::memcpy(&part, x, sizeof part);
    for (i = kLanes; i + kLanes <= n; i += kLanes) {
      std::memcpy(&next, x + i, sizeof next);
      part = part < next ? next : part;
    }
    for (std::size_t l = 0; l < kLanes; ++l) top = std::max(top, part[l]);
  }
  for (; i < n; ++i) top = std::max(top, x[i]);
  return top;
}

TOPICA_CLONES float max_abs(const float* x, std::size_t n) {
  Lanes part = {}, next;
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    std::memcpy(&next, x + i, sizeof next);
    next = next < 0.0f ? -next : next;
    part = part < next ? next : part;
  }
  float top = 0.0f;
  for (std::size_t l = 0; l < kLanes; ++l) top = std::max(top, part[l]);
  for (; i < n; ++i) top = std::max(top, std::fabs(x[i]));
  return top;
}

TOPICA_CLONES void exp_in_place(float* x, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) x[i] = exp_one(x[i]);
}

TOPICA_CLONES float exp_shifted_sum(float* x, std::size_t n, float shift) {
  float part[kLanes] = {};
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (std::size_t l = 0; l < kLanes; ++l) part[l] += (x[i + l] = exp_one(x[i + l] - shift));
  }
  float sum = 0.0f;
  for (; i < n; ++i) sum += (x[i] = exp_one(x[i] - shift));
  for (std::size_t l = 0; l < kLanes; ++l) sum += part[l];
  return sum;
}

// 1 + erf(z) is 2 - erfc(z) for z >= 0 and erfc(-z) below, so negative inputs keep full
// relative accuracy where GELU's output is tiny.
TOPICA_CLONES void gelu_erf_in_place(float* x, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    const float z = x[i] * 0.70710678118654752440f;
    const float tail = erfc_nonnegative(z < 0.0f ? -z : z);
    x[i] = 0.5f * x[i] * (z < 0.0f ? tail : 2.0f - tail);
  }
}

}  // namespace topica::encoder
