#include "encoder/attention.hpp"

#include <algorithm>
#include <vector>

#include "encoder/fast_math.hpp"
#include "encoder/simd_clones.hpp"

namespace topica::encoder {
namespace {

// Query rows per block and the width of one register tile. The fixed-size inner loops below are
// what the compiler turns into whole AVX-512 (or AVX2) registers: kRows x kWidth accumulators
// (8 zmm) that stay in registers across the reduction, two panel loads and four broadcasts per
// eight FMAs.
constexpr std::size_t kRows = 4;
constexpr std::size_t kWidth = 32;

std::size_t round_up(std::size_t v, std::size_t to) { return (v + to - 1) / to * to; }

/// The head's panels, padded with zeros: queries (rows padded to kRows), scale K^T (d x
/// columns padded to kWidth) and V (d padded to kWidth). Per thread, reused across tasks.
struct Panels {
  std::vector<float> q, kt, v, scores;
};

/// row = exp(row - max row) over its n entries, returning their sum: softmax without the
/// division, which is applied to the d context values instead of the n weights.
float softmax_numerators(float* row, std::size_t n) { return exp_shifted_sum(row, n, max_of(row, n)); }

/// scores (kRows x np) = q block (kRows x d) times kt (d x np).
TOPICA_CLONES void block_scores(const float* q, const float* kt, std::size_t d, std::size_t np, float* scores) {
  for (std::size_t j0 = 0; j0 < np; j0 += kWidth) {
    float acc[kRows][kWidth] = {};
    for (std::size_t c = 0; c < d; ++c) {
      const float* panel = kt + c * np + j0;
      for (std::size_t r = 0; r < kRows; ++r) {
        const float a = q[r * d + c];
        for (std::size_t l = 0; l < kWidth; ++l) acc[r][l] += a * panel[l];
      }
    }
    for (std::size_t r = 0; r < kRows; ++r) std::copy(acc[r], acc[r] + kWidth, scores + r * np + j0);
  }
}

/// context (kRows x dp) = weights (kRows x n, rows np apart) times v (n x dp).
TOPICA_CLONES void block_context(const float* weights, std::size_t np, const float* v, std::size_t n, std::size_t dp,
                                 float* context) {
  for (std::size_t c0 = 0; c0 < dp; c0 += kWidth) {
    float acc[kRows][kWidth] = {};
    for (std::size_t j = 0; j < n; ++j) {
      const float* panel = v + j * dp + c0;
      for (std::size_t r = 0; r < kRows; ++r) {
        const float a = weights[r * np + j];
        for (std::size_t l = 0; l < kWidth; ++l) acc[r][l] += a * panel[l];
      }
    }
    for (std::size_t r = 0; r < kRows; ++r) std::copy(acc[r], acc[r] + kWidth, context + r * dp + c0);
  }
}

void fill_panels(const float* q, const float* k, const float* v, std::size_t ld, std::size_t n, std::size_t d,
                 float scale, Panels& p) {
  const std::size_t nq = round_up(n, kRows), np = round_up(n, kWidth), dp = round_up(d, kWidth);
  p.q.assign(nq * d, 0.0f);
  p.kt.assign(d * np, 0.0f);
  p.v.assign(n * dp, 0.0f);
  p.scores.resize(kRows * np);
  for (std::size_t i = 0; i < n; ++i) {
    std::copy(q + i * ld, q + i * ld + d, p.q.data() + i * d);
    std::copy(v + i * ld, v + i * ld + d, p.v.data() + i * dp);
    for (std::size_t c = 0; c < d; ++c) p.kt[c * np + i] = scale * k[i * ld + c];
  }
}

}  // namespace

void attend_head(const float* q, const float* k, const float* v, std::size_t ld, std::size_t n, std::size_t d,
                 float scale, float* out, std::size_t ld_out) {
  thread_local Panels p;
  thread_local std::vector<float> context;
  fill_panels(q, k, v, ld, n, d, scale, p);
  const std::size_t np = round_up(n, kWidth), dp = round_up(d, kWidth);
  context.resize(kRows * dp);
  for (std::size_t i0 = 0; i0 < n; i0 += kRows) {
    block_scores(p.q.data() + i0 * d, p.kt.data(), d, np, p.scores.data());
    const std::size_t rows = std::min(kRows, n - i0);
    // Padded key columns must weigh nothing: exp runs over the n real ones, the rest are 0.
    float inverse[kRows];
    for (std::size_t r = 0; r < kRows; ++r) {
      float* row = p.scores.data() + r * np;
      inverse[r] = 1.0f / softmax_numerators(row, n);
      std::fill(row + n, row + np, 0.0f);
    }
    block_context(p.scores.data(), np, p.v.data(), n, dp, context.data());
    for (std::size_t r = 0; r < rows; ++r) {
      const float* from = context.data() + r * dp;
      float* to = out + (i0 + r) * ld_out;
      for (std::size_t c = 0; c < d; ++c) to[c] = from[c] * inverse[r];
    }
  }
}

}  // namespace topica::encoder
