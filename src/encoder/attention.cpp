#include "encoder/attention.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "encoder/fast_math.hpp"
#include "encoder/simd_clones.hpp"
#include "topica/error.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

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

/// Each of the block's kRows score rows (np apart) to softmax numerators over its n keys, the padded
/// keys to 0 (they must weigh nothing); inverse[r] = 1 / row r's sum.
void softmax_block(float* scores, std::size_t n, std::size_t np, float* inverse) {
  for (std::size_t r = 0; r < kRows; ++r) {
    float* row = scores + r * np;
    inverse[r] = 1.0f / softmax_numerators(row, n);
    std::fill(row + n, row + np, 0.0f);
  }
}

/// The block's first `rows` context rows (dp apart), divided by their softmax sums, into out.
void write_context(const float* context, std::size_t dp, const float* inverse, std::size_t rows, std::size_t d,
                   float* out, std::size_t ld_out) {
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < d; ++c) out[r * ld_out + c] = context[r * dp + c] * inverse[r];
  }
}

/// c (kRows x cols, rows ldc apart) = a (kRows x k, rows lda apart) times b (k x cols, rows ldb
/// apart), cols a multiple of kWidth: both of attention's products (scores = Q K^T, context = P V).
TOPICA_CLONES void tile_product(const float* a, std::size_t lda, const float* b, std::size_t ldb, std::size_t k,
                                std::size_t cols, float* c, std::size_t ldc) {
  for (std::size_t j0 = 0; j0 < cols; j0 += kWidth) {
    float acc[kRows][kWidth] = {};
    for (std::size_t t = 0; t < k; ++t) {
      const float* panel = b + t * ldb + j0;
      for (std::size_t r = 0; r < kRows; ++r) {
        const float scalar = a[r * lda + t];
        for (std::size_t l = 0; l < kWidth; ++l) acc[r][l] += scalar * panel[l];
      }
    }
    for (std::size_t r = 0; r < kRows; ++r) std::copy(acc[r], acc[r] + kWidth, c + r * ldc + j0);
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
    tile_product(p.q.data() + i0 * d, d, p.kt.data(), np, d, np, p.scores.data(), np);
    const std::size_t rows = std::min(kRows, n - i0);
    // Padded key columns must weigh nothing: exp runs over the n real ones, the rest are 0.
    float inverse[kRows];
    softmax_block(p.scores.data(), n, np, inverse);
    tile_product(p.scores.data(), np, p.v.data(), dp, n, dp, context.data(), dp);
    write_context(context.data(), dp, inverse, rows, d, out + i0 * ld_out, ld_out);
  }
}


#if defined(__x86_64__)
namespace {

#define TOPICA_BF16_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,avx512bf16")))

/// bfloat16 panels. vdpbf16ps multiplies pairs along the reduction, so each 32-bit element holds
/// two consecutive terms of it: queries (rows padded to kRows, d padded to even) as rows of pairs,
/// scale K^T as rows of (c, c + 1) pairs over np keys, V as rows of (j, j + 1) pairs over dp
/// columns. Zero padding everywhere, so padded terms add exactly 0.
struct Bf16Panels {
  std::vector<std::uint16_t> q, kt, v, weights, row;
  std::vector<float> scores;
};

/// x (n floats) times `scale` to bfloat16, rounding to nearest even, 16 at a time.
TOPICA_BF16_TARGET void row_to_bf16(const float* x, std::size_t n, float scale, std::uint16_t* to) {
  const __m512 factor = _mm512_set1_ps(scale);
  for (std::size_t c = 0; c < n; c += 16) {
    const __mmask16 mask = n - c >= 16 ? 0xffff : static_cast<__mmask16>((1u << (n - c)) - 1);
    const __m512 values = _mm512_mul_ps(_mm512_maskz_loadu_ps(mask, x + c), factor);
    _mm256_mask_storeu_epi16(to + c, mask, (__m256i)_mm512_cvtneps_pbh(values));
  }
}

void fill_bf16_panels(const float* q, const float* k, const float* v, std::size_t ld, std::size_t n, std::size_t d,
                      float scale, Bf16Panels& p) {
  const std::size_t nq = round_up(n, kRows), np = round_up(n, kWidth), dp = round_up(d, kWidth);
  const std::size_t de = round_up(d, 2), ne = round_up(n, 2);
  p.q.assign(nq * de, 0);
  p.kt.assign(de * np, 0);
  p.v.assign(ne * dp, 0);
  p.scores.resize(kRows * np);
  p.weights.resize(kRows * np);
  std::vector<std::uint16_t>& row = p.row;
  row.assign(de, 0);
  for (std::size_t j = 0; j < n; ++j) {
    row_to_bf16(q + j * ld, d, 1.0f, p.q.data() + j * de);
    // A converted K row read as 32-bit pairs is column j of the pair panel.
    row_to_bf16(k + j * ld, d, scale, row.data());
    for (std::size_t cp = 0; cp < de / 2; ++cp) std::memcpy(&p.kt[(cp * np + j) * 2], &row[cp * 2], 4);
    // V rows j and j + 1 interleave, element by element.
    row_to_bf16(v + j * ld, d, 1.0f, row.data());
    for (std::size_t c = 0; c < d; ++c) p.v[(j / 2) * dp * 2 + c * 2 + j % 2] = row[c];
  }
}

/// tile_product in bfloat16 pairs: a holds kRows rows of `pairs` pairs (rows lda pairs apart), b
/// `pairs` rows of cols pairs (rows ldb pairs apart); c as tile_product's.
TOPICA_BF16_TARGET void tile_product_bf16(const std::uint16_t* a, std::size_t lda, const std::uint16_t* b,
                                          std::size_t ldb, std::size_t pairs, std::size_t cols, float* c,
                                          std::size_t ldc) {
  for (std::size_t j0 = 0; j0 < cols; j0 += kWidth) {
    __m512 acc[kRows][2];
    for (auto& row : acc) row[0] = row[1] = _mm512_setzero_ps();
    for (std::size_t t = 0; t < pairs; ++t) {
      const std::uint16_t* panel = b + (t * ldb + j0) * 2;
      const __m512bh b0 = (__m512bh)_mm512_loadu_si512(panel);
      const __m512bh b1 = (__m512bh)_mm512_loadu_si512(panel + 32);
      for (std::size_t r = 0; r < kRows; ++r) {
        std::uint32_t pair;
        std::memcpy(&pair, a + (r * lda + t) * 2, sizeof pair);
        const __m512bh scalar = (__m512bh)_mm512_set1_epi32(static_cast<int>(pair));
        acc[r][0] = _mm512_dpbf16_ps(acc[r][0], scalar, b0);
        acc[r][1] = _mm512_dpbf16_ps(acc[r][1], scalar, b1);
      }
    }
    for (std::size_t r = 0; r < kRows; ++r) {
      _mm512_storeu_ps(c + r * ldc + j0, acc[r][0]);
      _mm512_storeu_ps(c + r * ldc + j0 + 16, acc[r][1]);
    }
  }
}

}  // namespace

bool bf16_attention_available() { return __builtin_cpu_supports("avx512bf16"); }

void attend_head_bf16(const float* q, const float* k, const float* v, std::size_t ld, std::size_t n, std::size_t d,
                      float scale, float* out, std::size_t ld_out) {
  thread_local Bf16Panels p;
  thread_local std::vector<float> context;
  fill_bf16_panels(q, k, v, ld, n, d, scale, p);
  const std::size_t np = round_up(n, kWidth), dp = round_up(d, kWidth), de = round_up(d, 2);
  context.resize(kRows * dp);
  for (std::size_t i0 = 0; i0 < n; i0 += kRows) {
    tile_product_bf16(p.q.data() + i0 * de, de / 2, p.kt.data(), np, de / 2, np, p.scores.data(), np);
    const std::size_t rows = std::min(kRows, n - i0);
    float inverse[kRows];
    softmax_block(p.scores.data(), n, np, inverse);
    row_to_bf16(p.scores.data(), kRows * np, 1.0f, p.weights.data());
    tile_product_bf16(p.weights.data(), np / 2, p.v.data(), dp, (n + 1) / 2, dp, context.data(), dp);
    write_context(context.data(), dp, inverse, rows, d, out + i0 * ld_out, ld_out);
  }
}

#else

bool bf16_attention_available() { return false; }

void attend_head_bf16(const float*, const float*, const float*, std::size_t, std::size_t, std::size_t, float, float*,
                      std::size_t) {
  throw Error("bf16 attention needs x86-64 with AVX512-BF16");
}

#endif

}  // namespace topica::encoder
