// CSR x dense, the hot loop of LSA: every stored entry (r, c, v) adds v * b[c, :] to out[r, :].
//
// Columns are processed in tiles of kTile floats, the whole matrix per tile, so the slice of b
// being gathered from (b.rows x kTile floats: 10 MB for a 40k-term vocabulary) stays in the
// last-level cache while every row block reads it; a row's tile is accumulated in registers.
// Rows are spread over threads in fixed blocks; tiles and blocks never split a sum, so the bits
// do not depend on the thread count.
#include "core/sparse_kernels.hpp"

#include <algorithm>
#include <cstring>

#include "topica/parallel.hpp"

#if defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
#define TOPICA_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define TOPICA_CLONES
#endif

namespace topica::detail {
namespace {

constexpr std::size_t kTile = 64;        // floats per column tile: four AVX-512 registers
constexpr std::size_t kRowBlock = 256;   // rows per parallel task

/// out[0, kTile) = sum over entries of value * b[index * ldb + (0, kTile)].
TOPICA_CLONES void gather_full_tile(const std::int32_t* indices, const float* values, std::size_t count,
                                    const float* b, std::size_t ldb, float* out) {
  float acc[kTile] = {};
  for (std::size_t e = 0; e < count; ++e) {
    const float v = values[e];
    const float* row = b + static_cast<std::size_t>(indices[e]) * ldb;
    for (std::size_t j = 0; j < kTile; ++j) acc[j] += v * row[j];
  }
  std::memcpy(out, acc, sizeof acc);
}

/// The same for the last, narrower tile (width < kTile).
void gather_partial_tile(const std::int32_t* indices, const float* values, std::size_t count, const float* b,
                         std::size_t ldb, std::size_t width, float* out) {
  float acc[kTile] = {};
  for (std::size_t e = 0; e < count; ++e) {
    const float v = values[e];
    const float* row = b + static_cast<std::size_t>(indices[e]) * ldb;
    for (std::size_t j = 0; j < width; ++j) acc[j] += v * row[j];
  }
  std::memcpy(out, acc, width * sizeof(float));
}

}  // namespace

void csr_times_dense(const CsrMatrix& a, const float* b, std::size_t k, float* out, std::size_t threads) {
  for (std::size_t t0 = 0; t0 < k; t0 += kTile) {
    const std::size_t width = std::min(kTile, k - t0);
    parallel_blocks(a.rows, kRowBlock, threads, [&](std::size_t begin, std::size_t end) {
      for (std::size_t r = begin; r < end; ++r) {
        const auto first = static_cast<std::size_t>(a.indptr[r]);
        const std::size_t count = static_cast<std::size_t>(a.indptr[r + 1]) - first;
        float* dst = out + r * k + t0;
        if (width == kTile) {
          gather_full_tile(a.indices.data() + first, a.values.data() + first, count, b + t0, k, dst);
        } else {
          gather_partial_tile(a.indices.data() + first, a.values.data() + first, count, b + t0, k, width, dst);
        }
      }
    });
  }
}

}  // namespace topica::detail
