// Two variants of the same arithmetic: AVX-512 intrinsics (16 lanes per register, kLanes / 16
// registers in step, gathers for the other points) and portable scalar code that runs the lanes
// one by one. Each lane does the same integer and IEEE float operations in the same order in both,
// and contraction into FMA is off for this file, so the two give the same bits (tests check it):
// a layout does not depend on the machine's SIMD.
#pragma GCC optimize("fp-contract=off")
// GCC 12's AVX-512 headers trip this on their own _mm512_undefined_* placeholders.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "reduce/umap/layout_kernel.hpp"

#include <algorithm>
#include <bit>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace topica::umap {
namespace {

// log2 and exp2 to ~1e-7 relative, far below the noise of the stochastic descent:
//   log2 x = e + 2/ln2 (t + t^3/3 + t^5/5 + t^7/7 + t^9/9), t = (m - 1) / (m + 1), with x = m 2^e
//            and the mantissa m in [sqrt 1/2, sqrt 2);
//   2^y    = 2^n (1 + c1 f + ... + c6 f^6), n = floor(y + 1/2), f = y - n in [-1/2, 1/2),
//            y clamped to [-126, 126].
constexpr float kSqrt2 = 1.41421356f;
constexpr float kL0 = 2.88539008f, kL1 = 0.961796694f, kL2 = 0.577078016f, kL3 = 0.412198583f, kL4 = 0.320598898f;
constexpr float kE1 = 0.693147181f, kE2 = 0.240226507f, kE3 = 0.0555041087f, kE4 = 0.00961812911f,
                kE5 = 0.00133335581f, kE6 = 0.000154035304f;
constexpr float kTiny = 1e-30f;  // keeps log2 away from 0 and denormals (coefficients are masked there)

struct Constants {
  float a, b, attract_num, repulse_num, alpha;
  std::int32_t dim;
  std::size_t stride, rate, period;
  std::uint32_t n;
};

Constants constants(const KernelParams& p) {
  // -2ab d^2b / d^2 = -2ab d^2(b-1): umap-learn's attraction; 2 gamma b: its repulsion numerator.
  return {p.a, p.b, -2.0f * p.a * p.b, 2.0f * p.gamma * p.b, p.alpha, static_cast<std::int32_t>(p.dim),
          padded_dim(p.dim), p.negative_rate, p.negative_rate + 1, p.n_tails};
}

std::size_t steps_of(const Constants& c, const LaneWork& w) {
  const std::int32_t most = *std::max_element(w.due_count, w.due_count + kLanes);
  return static_cast<std::size_t>(most) * c.period;
}

// ---- portable: one lane at a time --------------------------------------------------------------

float log2_scalar(float x) {
  const auto bits = std::bit_cast<std::int32_t>(x);
  std::int32_t e = ((bits >> 23) & 0xff) - 127;
  float m = std::bit_cast<float>((bits & 0x007fffff) | 0x3f800000);
  if (m > kSqrt2) {
    m = m * 0.5f;
    e = e + 1;
  }
  const float t = (m - 1.0f) / (m + 1.0f);
  const float t2 = t * t;
  const float series = kL0 + t2 * (kL1 + t2 * (kL2 + t2 * (kL3 + t2 * kL4)));
  return static_cast<float>(e) + t * series;
}

float exp2_scalar(float y) {
  y = y < -126.0f ? -126.0f : y;
  y = y > 126.0f ? 126.0f : y;
  const std::int32_t n = static_cast<std::int32_t>(y + 127.5f) - 127;  // y + 127.5 > 0: truncation is floor
  const float f = y - static_cast<float>(n);
  const float p = 1.0f + f * (kE1 + f * (kE2 + f * (kE3 + f * (kE4 + f * (kE5 + f * kE6)))));
  return std::bit_cast<float>(std::bit_cast<std::int32_t>(p) + n * (1 << 23));
}

// One sample of one lane: y (stride kLanes) moves towards (pull) or away from `other`. With
// `tail_move`, a pull also leaves there the opposite move for the other point.
void update_scalar(const Constants& c, bool pull, const float* other, float* y, float* diff, float* tail_move) {
  float d2 = 0.0f;
  for (std::int32_t d = 0; d < c.dim; ++d) {
    diff[d] = y[d * kLanes] - other[d];
    d2 = d2 + diff[d] * diff[d];
  }
  const float x = d2 > kTiny ? d2 : kTiny;
  const float pw = exp2_scalar(c.b * log2_scalar(x));  // d^2b
  const float num = pull ? c.attract_num * pw : c.repulse_num;
  const float den = (pull ? x : x + 0.001f) * (1.0f + c.a * pw);
  const float coef = d2 > 0.0f ? num / den : 0.0f;
  const bool push = !(d2 > 0.0f) && !pull;  // repulsion from a coincident point: +4 on every axis
  for (std::int32_t d = 0; d < c.dim; ++d) {
    float g = coef * diff[d];
    g = g < -4.0f ? -4.0f : g;
    g = g > 4.0f ? 4.0f : g;
    g = push ? 4.0f : g;
    const float move = g * c.alpha;
    y[d * kLanes] = y[d * kLanes] + move;
    if (tail_move != nullptr) tail_move[d * kLanes] = -move;
  }
}

void move_lanes_baseline(const Constants& c, const float* tails, const std::int32_t* due, const EdgeTables& edges,
                         const LaneWork& w, float* y, float* diff) {
  for (std::size_t l = 0; l < kLanes; ++l) {
    std::uint64_t j = 0;
    for (std::int32_t i = 0; i < w.due_count[l]; ++i) {
      const std::int32_t e = due[w.due_begin[l] + i];
      const auto tail = static_cast<std::size_t>(edges.columns[e]);
      float* tail_move =
          edges.tail_moves == nullptr ? nullptr : edges.tail_moves + static_cast<std::size_t>(i) * c.stride * kLanes + l;
      update_scalar(c, true, tails + tail * c.stride, y + l, diff, tail_move);
      for (std::size_t q = 0; q < c.rate; ++q) {
        const std::uint32_t k = draw_below(w.key[l], j++, c.n);
        if (static_cast<std::int32_t>(k) == w.self[l]) continue;
        update_scalar(c, false, tails + static_cast<std::size_t>(k) * c.stride, y + l, diff, nullptr);
      }
    }
  }
}

// ---- AVX-512: all lanes at once -----------------------------------------------------------------

#if defined(__x86_64__)
#define TOPICA_AVX512 __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw")))

constexpr std::size_t kVectors = kLanes / 16;

TOPICA_AVX512 inline __m512 log2_avx512(__m512 x) {
  const __m512i bits = _mm512_castps_si512(x);
  __m512i e = _mm512_sub_epi32(_mm512_and_si512(_mm512_srai_epi32(bits, 23), _mm512_set1_epi32(0xff)), _mm512_set1_epi32(127));
  __m512 m = _mm512_castsi512_ps(_mm512_or_si512(_mm512_and_si512(bits, _mm512_set1_epi32(0x007fffff)), _mm512_set1_epi32(0x3f800000)));
  const __mmask16 high = _mm512_cmp_ps_mask(m, _mm512_set1_ps(kSqrt2), _CMP_GT_OQ);
  m = _mm512_mask_mul_ps(m, high, m, _mm512_set1_ps(0.5f));
  e = _mm512_mask_add_epi32(e, high, e, _mm512_set1_epi32(1));
  const __m512 one = _mm512_set1_ps(1.0f);
  const __m512 t = _mm512_div_ps(_mm512_sub_ps(m, one), _mm512_add_ps(m, one));
  const __m512 t2 = _mm512_mul_ps(t, t);
  __m512 series = _mm512_add_ps(_mm512_set1_ps(kL3), _mm512_mul_ps(t2, _mm512_set1_ps(kL4)));
  series = _mm512_add_ps(_mm512_set1_ps(kL2), _mm512_mul_ps(t2, series));
  series = _mm512_add_ps(_mm512_set1_ps(kL1), _mm512_mul_ps(t2, series));
  series = _mm512_add_ps(_mm512_set1_ps(kL0), _mm512_mul_ps(t2, series));
  return _mm512_add_ps(_mm512_cvtepi32_ps(e), _mm512_mul_ps(t, series));
}

TOPICA_AVX512 inline __m512 exp2_avx512(__m512 y) {
  y = _mm512_max_ps(y, _mm512_set1_ps(-126.0f));  // no NaN here: max/min equal the scalar selects
  y = _mm512_min_ps(y, _mm512_set1_ps(126.0f));
  const __m512i n = _mm512_sub_epi32(_mm512_cvttps_epi32(_mm512_add_ps(y, _mm512_set1_ps(127.5f))), _mm512_set1_epi32(127));
  const __m512 f = _mm512_sub_ps(y, _mm512_cvtepi32_ps(n));
  __m512 p = _mm512_add_ps(_mm512_set1_ps(kE5), _mm512_mul_ps(f, _mm512_set1_ps(kE6)));
  p = _mm512_add_ps(_mm512_set1_ps(kE4), _mm512_mul_ps(f, p));
  p = _mm512_add_ps(_mm512_set1_ps(kE3), _mm512_mul_ps(f, p));
  p = _mm512_add_ps(_mm512_set1_ps(kE2), _mm512_mul_ps(f, p));
  p = _mm512_add_ps(_mm512_set1_ps(kE1), _mm512_mul_ps(f, p));
  p = _mm512_add_ps(_mm512_set1_ps(1.0f), _mm512_mul_ps(f, p));
  return _mm512_castsi512_ps(_mm512_add_epi32(_mm512_castps_si512(p), _mm512_slli_epi32(n, 23)));
}

// mix64 of 8 keys plus a common offset, then the top 32 bits scaled onto [0, n): 8 draws.
TOPICA_AVX512 inline __m256i draw_avx512(__m512i key, std::uint64_t offset, __m512i n) {
  __m512i z = _mm512_add_epi64(key, _mm512_set1_epi64(static_cast<long long>(offset)));
  z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 30)), _mm512_set1_epi64(static_cast<long long>(0xBF58476D1CE4E5B9ull)));
  z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 27)), _mm512_set1_epi64(static_cast<long long>(0x94D049BB133111EBull)));
  z = _mm512_xor_si512(z, _mm512_srli_epi64(z, 31));
  return _mm512_cvtepi64_epi32(_mm512_srli_epi64(_mm512_mul_epu32(_mm512_srli_epi64(z, 32), n), 32));
}

// The other point of every sample is fetched kAhead steps before it is used: negative samples
// are random rows of the layout, which outgrows the L2 cache beyond ~40,000 points, and so are
// the tails of the edges (rows are in input order), and the gathers would otherwise wait for
// each one. Negative draws are made at prefetch time and wait in a ring of kRing steps.
constexpr std::size_t kAhead = 4, kRing = 8;

// The draws of step `s` (a negative sample) for every lane, kept in `ring` and prefetched.
TOPICA_AVX512 inline void draw_ahead(const Constants& c, const float* tails, const __m512i (*key)[2], __m512i n_tails,
                                     std::size_t s, __m512i (*ring)[kVectors]) {
  const std::size_t edge = s / c.period, q = s % c.period;
  const std::uint64_t offset = (edge * c.rate + q) * kGolden;  // draw j = edge * rate + q - 1
  alignas(64) std::int32_t rows[kLanes];
  for (std::size_t v = 0; v < kVectors; ++v) {
    const __m512i k = _mm512_inserti64x4(_mm512_castsi256_si512(draw_avx512(key[v][0], offset, n_tails)),
                                         draw_avx512(key[v][1], offset, n_tails), 1);
    ring[s % kRing][v] = k;
    _mm512_store_si512(rows + v * 16, k);
  }
  for (std::size_t l = 0; l < kLanes; ++l) {
    _mm_prefetch(reinterpret_cast<const char*>(tails + static_cast<std::size_t>(rows[l]) * c.stride), _MM_HINT_T0);
  }
}

// The rows the edge samples of step `s` (a pull) will read, prefetched.
inline void prefetch_pulls(const Constants& c, const float* tails, const std::int32_t* due, const EdgeTables& edges,
                           const LaneWork& w, std::size_t s) {
  const auto edge = static_cast<std::int32_t>(s / c.period);
  for (std::size_t l = 0; l < kLanes; ++l) {
    if (edge >= w.due_count[l]) continue;
    const auto tail = static_cast<std::size_t>(edges.columns[due[w.due_begin[l] + edge]]);
    _mm_prefetch(reinterpret_cast<const char*>(tails + tail * c.stride), _MM_HINT_T0);
  }
}

TOPICA_AVX512 void move_lanes_avx512(const Constants& c, const float* tails, const std::int32_t* due,
                                     const EdgeTables& edges, const LaneWork& w, float* y_in, float* diff_in) {
  const __m512 zero = _mm512_setzero_ps(), tiny = _mm512_set1_ps(kTiny), four = _mm512_set1_ps(4.0f),
               minus_four = _mm512_set1_ps(-4.0f), one = _mm512_set1_ps(1.0f), a = _mm512_set1_ps(c.a),
               b = _mm512_set1_ps(c.b), epsilon = _mm512_set1_ps(0.001f), attract_num = _mm512_set1_ps(c.attract_num),
               repulse_num = _mm512_set1_ps(c.repulse_num);
  // Rows of `tails` are padded to an even number of floats: row k starts at pair k * pairs.
  const __m512i pairs = _mm512_set1_epi32((c.dim + 1) / 2);
  const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
  const __m512i odd = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
  const __m512i n_tails = _mm512_set1_epi64(c.n);
  const __m512 alpha = _mm512_set1_ps(c.alpha), minus_alpha = _mm512_set1_ps(-c.alpha);
  auto* y = reinterpret_cast<__m512*>(y_in);        // y[d * kVectors + v]
  auto* diff = reinterpret_cast<__m512*>(diff_in);  // same shape
  __m512i key[kVectors][2], self[kVectors], due_begin[kVectors], due_count[kVectors];
  for (std::size_t v = 0; v < kVectors; ++v) {
    key[v][0] = _mm512_loadu_si512(w.key + v * 16);
    key[v][1] = _mm512_loadu_si512(w.key + v * 16 + 8);
    self[v] = _mm512_loadu_si512(w.self + v * 16);
    due_begin[v] = _mm512_loadu_si512(w.due_begin + v * 16);
    due_count[v] = _mm512_loadu_si512(w.due_count + v * 16);
  }
  const std::size_t steps = steps_of(c, w);
  __m512i ring[kRing][kVectors];
  for (std::size_t s = 0; s < std::min(steps, kAhead); ++s) {
    if (s % c.period != 0) {
      draw_ahead(c, tails, key, n_tails, s, ring);
    } else {
      prefetch_pulls(c, tails, due, edges, w, s);
    }
  }
  for (std::size_t s = 0; s < steps; ++s) {
    const std::size_t edge = s / c.period, q = s % c.period;
    const bool pull = q == 0;
    if (s + kAhead < steps) {
      if ((s + kAhead) % c.period != 0) {
        draw_ahead(c, tails, key, n_tails, s + kAhead, ring);
      } else {
        prefetch_pulls(c, tails, due, edges, w, s + kAhead);
      }
    }
    float* tail_moves = pull && edges.tail_moves != nullptr ? edges.tail_moves + edge * c.stride * kLanes : nullptr;
    const __m512i edge_v = _mm512_set1_epi32(static_cast<std::int32_t>(edge));
    __mmask16 active[kVectors];
    __m512i row[kVectors];
    __m512 d2[kVectors];
    for (std::size_t v = 0; v < kVectors; ++v) {
      active[v] = _mm512_cmpgt_epi32_mask(due_count[v], edge_v);
      __m512i k;
      if (pull) {
        const __m512i e = _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), active[v], _mm512_add_epi32(due_begin[v], edge_v), due, 4);
        k = _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), active[v], e, edges.columns, 4);
      } else {
        k = ring[s % kRing][v];
        active[v] &= _mm512_cmpneq_epi32_mask(k, self[v]);
      }
      row[v] = _mm512_mullo_epi32(k, pairs);
      d2[v] = zero;
    }
    // Each other point's coordinates come two at a time: 64-bit gathers of coordinate pairs (half
    // the gathered elements of 32-bit gathers), split into the two coordinates by permutes.
    for (std::int32_t d = 0; d < c.dim; d += 2) {
      const __m512i pair = _mm512_set1_epi32(d / 2);
      for (std::size_t v = 0; v < kVectors; ++v) {
        const __m512i at = _mm512_add_epi32(row[v], pair);
        const __m512d low = _mm512_mask_i32gather_pd(_mm512_setzero_pd(), static_cast<__mmask8>(active[v]),
                                                     _mm512_castsi512_si256(at), tails, 8);
        const __m512d high = _mm512_mask_i32gather_pd(_mm512_setzero_pd(), static_cast<__mmask8>(active[v] >> 8),
                                                      _mm512_extracti64x4_epi64(at, 1), tails, 8);
        const __m512 lo = _mm512_castpd_ps(low), hi = _mm512_castpd_ps(high);
        __m512 delta = _mm512_sub_ps(y[d * kVectors + v], _mm512_permutex2var_ps(lo, even, hi));
        diff[d * kVectors + v] = delta;
        d2[v] = _mm512_add_ps(d2[v], _mm512_mul_ps(delta, delta));
        if (d + 1 < c.dim) {
          delta = _mm512_sub_ps(y[(d + 1) * kVectors + v], _mm512_permutex2var_ps(lo, odd, hi));
          diff[(d + 1) * kVectors + v] = delta;
          d2[v] = _mm512_add_ps(d2[v], _mm512_mul_ps(delta, delta));
        }
      }
    }
    __m512 coef[kVectors];
    __mmask16 push[kVectors];
    for (std::size_t v = 0; v < kVectors; ++v) {
      const __m512 x = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(d2[v], tiny, _CMP_GT_OQ), tiny, d2[v]);
      const __m512 pw = exp2_avx512(_mm512_mul_ps(b, log2_avx512(x)));  // d^2b
      const __m512 num = pull ? _mm512_mul_ps(attract_num, pw) : repulse_num;
      const __m512 den = _mm512_mul_ps(pull ? x : _mm512_add_ps(x, epsilon), _mm512_add_ps(one, _mm512_mul_ps(a, pw)));
      const __mmask16 positive = _mm512_cmp_ps_mask(d2[v], zero, _CMP_GT_OQ);
      coef[v] = _mm512_maskz_div_ps(positive, num, den);
      push[v] = pull ? __mmask16{0} : static_cast<__mmask16>(~positive);
    }
    for (std::int32_t d = 0; d < c.dim; ++d) {
      for (std::size_t v = 0; v < kVectors; ++v) {
        __m512 g = _mm512_mul_ps(coef[v], diff[d * kVectors + v]);
        g = _mm512_min_ps(_mm512_max_ps(g, minus_four), four);
        g = _mm512_mask_blend_ps(push[v], g, four);
        __m512& yv = y[d * kVectors + v];
        yv = _mm512_mask_add_ps(yv, active[v], yv, _mm512_mul_ps(g, alpha));  // idle lanes keep their bits
        if (tail_moves != nullptr) _mm512_mask_storeu_ps(tail_moves + d * kLanes + v * 16, active[v], _mm512_mul_ps(g, minus_alpha));
      }
    }
  }
}

bool has_avx512() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
         __builtin_cpu_supports("avx512bw");
}
#else
bool has_avx512() { return false; }
#endif

using Kernel = void (*)(const Constants&, const float*, const std::int32_t*, const EdgeTables&, const LaneWork&, float*,
                        float*);

Kernel kernel_for(KernelLevel level) {
#if defined(__x86_64__)
  if (level == KernelLevel::Avx512 || (level == KernelLevel::Best && has_avx512())) return move_lanes_avx512;
#endif
  return move_lanes_baseline;
}

}  // namespace

bool kernel_supported(KernelLevel level) { return level != KernelLevel::Avx512 || has_avx512(); }

void move_lanes(const KernelParams& p, const float* tails, const std::int32_t* due, const EdgeTables& edges,
                const LaneWork& lanes, float* y, float* diff, KernelLevel level) {
  static const Kernel best = kernel_for(KernelLevel::Best);
  (level == KernelLevel::Best ? best : kernel_for(level))(constants(p), tails, due, edges, lanes, y, diff);
}

}  // namespace topica::umap
