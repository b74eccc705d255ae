// GCC's target_clones compiles each kernel once per listed target and picks the clone for the
// running CPU when the program loads (an ifunc), so a portable binary still gets AVX2 or AVX-512.
// The loops are written so the vectoriser can use independent accumulators.
#include "topica/vector_ops.hpp"

#if defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
#define TOPICA_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define TOPICA_CLONES
#endif

namespace topica {
namespace {
constexpr std::size_t kLanes = 16;  // one AVX-512 register of floats; two AVX2 registers
}

TOPICA_CLONES float dot(const float* a, const float* b, std::size_t n) {
  float acc[kLanes] = {};
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (std::size_t l = 0; l < kLanes; ++l) acc[l] += a[i + l] * b[i + l];
  }
  float sum = 0.0f;
  for (std::size_t l = 0; l < kLanes; ++l) sum += acc[l];
  for (; i < n; ++i) sum += a[i] * b[i];
  return sum;
}

TOPICA_CLONES float squared_distance(const float* a, const float* b, std::size_t n) {
  float acc[kLanes] = {};
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (std::size_t l = 0; l < kLanes; ++l) {
      const float d = a[i + l] - b[i + l];
      acc[l] += d * d;
    }
  }
  float sum = 0.0f;
  for (std::size_t l = 0; l < kLanes; ++l) sum += acc[l];
  for (; i < n; ++i) {
    const float d = a[i] - b[i];
    sum += d * d;
  }
  return sum;
}

}  // namespace topica
