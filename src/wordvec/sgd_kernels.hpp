// The float loops of the trainers. They are always inlined into the sentence trainers, which are
// compiled once per instruction set (TOPICA_WORDVEC_CLONES), so the same loop becomes AVX-512,
// AVX2 or SSE code; written with independent accumulators so the compiler vectorises the sums
// without -ffast-math.
#pragma once

#include <cmath>
#include <cstddef>

#if defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
#define TOPICA_WORDVEC_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define TOPICA_WORDVEC_CLONES
#endif
#define TOPICA_WORDVEC_INLINE inline __attribute__((always_inline))

namespace topica::wordvec {

TOPICA_WORDVEC_INLINE float dot(const float* __restrict a, const float* __restrict b, std::size_t n) {
  constexpr std::size_t kLanes = 16;
  float acc[kLanes] = {};
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (std::size_t l = 0; l < kLanes; ++l) acc[l] += a[i + l] * b[i + l];
  }
  float sum = 0.0f;
  for (; i < n; ++i) sum += a[i] * b[i];
  for (std::size_t l = 0; l < kLanes; ++l) sum += acc[l];
  return sum;
}

/// y += a * x
TOPICA_WORDVEC_INLINE void axpy(float* __restrict y, float a, const float* __restrict x, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] += a * x[i];
}

TOPICA_WORDVEC_INLINE void scale(float* y, float a, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] *= a;
}

TOPICA_WORDVEC_INLINE void zero(float* y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] = 0.0f;
}

/// Asks for a row's cache lines ahead of use: negative samples are random rows of a matrix far
/// larger than the cache, and their misses are what the updates otherwise wait on.
TOPICA_WORDVEC_INLINE void prefetch_row(const float* row, std::size_t n) {
  for (std::size_t i = 0; i < n; i += 16) __builtin_prefetch(row + i, 1, 3);
}

/// The logistic function from a table over [-kMaxExp, kMaxExp] (word2vec's EXP_TABLE), 0 and 1
/// outside it: a table lookup is cheaper than exp() in the innermost loop.
class SigmoidTable {
 public:
  static constexpr float kMaxExp = 6.0f;
  static constexpr int kSize = 1000;
  SigmoidTable() {
    for (int i = 0; i <= kSize; ++i) {
      const double x = (2.0 * i / kSize - 1.0) * kMaxExp;
      table_[i] = static_cast<float>(1.0 / (1.0 + std::exp(-x)));
    }
  }
  float operator()(float x) const {
    if (x >= kMaxExp) return 1.0f;
    if (x <= -kMaxExp) return 0.0f;
    return table_[static_cast<int>((x + kMaxExp) * (kSize / kMaxExp / 2))];
  }

 private:
  float table_[kSize + 1];
};

}  // namespace topica::wordvec
