#include "neighbors/dot_kernels.hpp"

#include <algorithm>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace topica::neighbors {
namespace {

constexpr std::size_t kLanes = 16;

// The portable path: sixteen partial sums per row, reduced in a fixed order.
float dot_portable(const float* x, const float* y, std::size_t dim) {
  float acc[kLanes] = {};
  std::size_t i = 0;
  for (; i + kLanes <= dim; i += kLanes) {
    for (std::size_t l = 0; l < kLanes; ++l) acc[l] += x[i + l] * y[i + l];
  }
  float sum = 0.0f;
  for (std::size_t l = 0; l < kLanes; ++l) sum += acc[l];
  for (; i < dim; ++i) sum += x[i] * y[i];
  return sum;
}

void dots_portable(const float* x, const float* const* rows, std::size_t count, std::size_t dim, float* out) {
  for (std::size_t j = 0; j < count; ++j) out[j] = dot_portable(x, rows[j], dim);
}

#if defined(__x86_64__)
__attribute__((target("avx512f"))) float finish_avx512(__m512 acc, const float* x, const float* y, std::size_t from,
                                                       std::size_t dim) {
  // A fixed pairwise reduction (GCC 12's _mm512_reduce_add_ps trips -Wmaybe-uninitialized).
  alignas(64) float lane[kLanes];
  _mm512_store_ps(lane, acc);
  for (std::size_t width = kLanes / 2; width > 0; width /= 2) {
    for (std::size_t l = 0; l < width; ++l) lane[l] += lane[l + width];
  }
  float sum = lane[0];
  for (std::size_t i = from; i < dim; ++i) sum += x[i] * y[i];
  return sum;
}

__attribute__((target("avx512f"))) void dots_avx512(const float* x, const float* const* rows, std::size_t count,
                                                    std::size_t dim, float* out) {
  const std::size_t body = dim - dim % kLanes;
  std::size_t j = 0;
  for (; j + 4 <= count; j += 4) {
    const float* y0 = rows[j];
    const float* y1 = rows[j + 1];
    const float* y2 = rows[j + 2];
    const float* y3 = rows[j + 3];
    // The rows come from anywhere in a data set larger than the cache: fetch the next four
    // while these four are summed, one cache line each per step.
    const std::size_t ahead = std::min(count, j + 8);
    const float* p0 = j + 4 < ahead ? rows[j + 4] : y0;
    const float* p1 = j + 5 < ahead ? rows[j + 5] : y1;
    const float* p2 = j + 6 < ahead ? rows[j + 6] : y2;
    const float* p3 = j + 7 < ahead ? rows[j + 7] : y3;
    __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps(), a2 = _mm512_setzero_ps(), a3 = _mm512_setzero_ps();
    for (std::size_t i = 0; i < body; i += kLanes) {
      _mm_prefetch(reinterpret_cast<const char*>(p0 + i), _MM_HINT_T0);
      _mm_prefetch(reinterpret_cast<const char*>(p1 + i), _MM_HINT_T0);
      _mm_prefetch(reinterpret_cast<const char*>(p2 + i), _MM_HINT_T0);
      _mm_prefetch(reinterpret_cast<const char*>(p3 + i), _MM_HINT_T0);
      const __m512 xv = _mm512_loadu_ps(x + i);
      a0 = _mm512_fmadd_ps(xv, _mm512_loadu_ps(y0 + i), a0);
      a1 = _mm512_fmadd_ps(xv, _mm512_loadu_ps(y1 + i), a1);
      a2 = _mm512_fmadd_ps(xv, _mm512_loadu_ps(y2 + i), a2);
      a3 = _mm512_fmadd_ps(xv, _mm512_loadu_ps(y3 + i), a3);
    }
    out[j] = finish_avx512(a0, x, y0, body, dim);
    out[j + 1] = finish_avx512(a1, x, y1, body, dim);
    out[j + 2] = finish_avx512(a2, x, y2, body, dim);
    out[j + 3] = finish_avx512(a3, x, y3, body, dim);
  }
  for (; j < count; ++j) {
    const float* y = rows[j];
    __m512 a = _mm512_setzero_ps();
    for (std::size_t i = 0; i < body; i += kLanes) a = _mm512_fmadd_ps(_mm512_loadu_ps(x + i), _mm512_loadu_ps(y + i), a);
    out[j] = finish_avx512(a, x, y, body, dim);
  }
}

// Four horizontal sums at once: the same shuffle tree for each input, so a pair's sum does not
// depend on its slot.
__attribute__((target("avx512f"))) __m128 sum4_avx512(__m512 a, __m512 b, __m512 c, __m512 d) {
  const __m512 ab = _mm512_add_ps(_mm512_unpacklo_ps(a, b), _mm512_unpackhi_ps(a, b));
  const __m512 cd = _mm512_add_ps(_mm512_unpacklo_ps(c, d), _mm512_unpackhi_ps(c, d));
  const __m512 s = _mm512_add_ps(_mm512_shuffle_ps(ab, cd, _MM_SHUFFLE(1, 0, 1, 0)),
                                 _mm512_shuffle_ps(ab, cd, _MM_SHUFFLE(3, 2, 3, 2)));
  const __m128 lo = _mm_add_ps(_mm512_extractf32x4_ps(s, 0), _mm512_extractf32x4_ps(s, 1));
  const __m128 hi = _mm_add_ps(_mm512_extractf32x4_ps(s, 2), _mm512_extractf32x4_ps(s, 3));
  return _mm_add_ps(lo, hi);
}

__attribute__((target("avx512f"))) void dots_4x4_avx512(const float* const* x, const float* const* y, std::size_t dim,
                                                        float* out) {
  const std::size_t body = dim - dim % kLanes;
  __m512 acc[4][4];
  for (auto& row : acc) {
    for (auto& a : row) a = _mm512_setzero_ps();
  }
  for (std::size_t i = 0; i < body; i += kLanes) {
    const __m512 y0 = _mm512_loadu_ps(y[0] + i);
    const __m512 y1 = _mm512_loadu_ps(y[1] + i);
    const __m512 y2 = _mm512_loadu_ps(y[2] + i);
    const __m512 y3 = _mm512_loadu_ps(y[3] + i);
    for (std::size_t a = 0; a < 4; ++a) {
      const __m512 xa = _mm512_loadu_ps(x[a] + i);
      acc[a][0] = _mm512_fmadd_ps(xa, y0, acc[a][0]);
      acc[a][1] = _mm512_fmadd_ps(xa, y1, acc[a][1]);
      acc[a][2] = _mm512_fmadd_ps(xa, y2, acc[a][2]);
      acc[a][3] = _mm512_fmadd_ps(xa, y3, acc[a][3]);
    }
  }
  for (std::size_t a = 0; a < 4; ++a) {
    _mm_storeu_ps(out + 4 * a, sum4_avx512(acc[a][0], acc[a][1], acc[a][2], acc[a][3]));
    for (std::size_t b = 0; b < 4; ++b) {
      for (std::size_t i = body; i < dim; ++i) out[4 * a + b] += x[a][i] * y[b][i];
    }
  }
}

bool has_avx512() {
  static const bool yes = __builtin_cpu_supports("avx512f");
  return yes;
}
#endif

}  // namespace

void dots_4x4(const float* const* x, const float* const* y, std::size_t dim, float* out) {
#if defined(__x86_64__)
  if (has_avx512()) {
    dots_4x4_avx512(x, y, dim, out);
    return;
  }
#endif
  for (std::size_t a = 0; a < 4; ++a) dots_portable(x[a], y, 4, dim, out + 4 * a);
}

void dots(const float* x, const float* const* rows, std::size_t count, std::size_t dim, float* out) {
#if defined(__x86_64__)
  if (has_avx512()) {
    dots_avx512(x, rows, count, dim, out);
    return;
  }
#endif
  dots_portable(x, rows, count, dim, out);
}

}  // namespace topica::neighbors
