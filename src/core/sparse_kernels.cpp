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

constexpr std::size_t kTile = 64;       // floats per column tile: four AVX-512 registers
constexpr std::size_t kRowBlock = 256;  // rows per parallel task

// GCC vector extensions pin the accumulators in registers (plain loops over a local array were
// compiled to a scalar loop through memory). Each clone lowers a 16-float vector to one AVX-512,
// two AVX2 or four SSE registers. Loads and stores go through memcpy: unaligned, and no aliasing
// question between float and vector types; compilers turn them into single vector moves.
using Lanes = float __attribute__((vector_size(64)));
constexpr std::size_t kLanes = 16;

// These kernels are internal (never called across a library boundary), so GCC's note that
// passing 64-byte vectors by value changes the ABI when AVX-512 is off does not apply.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"
[[gnu::always_inline]] inline Lanes load(const float* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

[[gnu::always_inline]] inline void store(float* p, const Lanes& v) { std::memcpy(p, &v, sizeof v); }

constexpr std::size_t kTileVectors = kTile / kLanes;
static_assert(kTile % kLanes == 0, "a tile is a whole number of vectors");

/// out[0, kTile) = sum over entries of value * b[index * ldb + (0, kTile)].
TOPICA_CLONES void gather_full_tile(const std::int32_t* indices, const float* values, std::size_t count,
                                    const float* b, std::size_t ldb, float* out) {
  Lanes acc[kTileVectors] = {};
  for (std::size_t e = 0; e < count; ++e) {
    const float v = values[e];
    const float* row = b + static_cast<std::size_t>(indices[e]) * ldb;
#pragma GCC unroll 8
    for (std::size_t t = 0; t < kTileVectors; ++t) acc[t] += v * load(row + t * kLanes);
  }
#pragma GCC unroll 8
  for (std::size_t t = 0; t < kTileVectors; ++t) store(out + t * kLanes, acc[t]);
}

/// The last `width` < kLanes columns. A full vector is loaded from each row anyway: the floats
/// past the row's end belong to the following rows of b and are dropped. Rows from `unsafe_from`
/// on, where such a load would run past the end of b, are read float by float into a separate sum.
TOPICA_CLONES void gather_remainder(const std::int32_t* indices, const float* values, std::size_t count,
                                    const float* b, std::size_t ldb, std::size_t width, std::size_t unsafe_from,
                                    float* out) {
  Lanes acc = {};
  float last[kLanes] = {};
  for (std::size_t e = 0; e < count; ++e) {
    const float v = values[e];
    const auto index = static_cast<std::size_t>(indices[e]);
    if (index < unsafe_from) {
      acc += v * load(b + index * ldb);
    } else {
      for (std::size_t j = 0; j < width; ++j) last[j] += v * b[index * ldb + j];
    }
  }
  for (std::size_t j = 0; j < width; ++j) out[j] = acc[j] + last[j];
}

/// A tile of `vectors` < kTileVectors whole vectors, for the part of the last tile that holds
/// whole vectors.
TOPICA_CLONES void gather_vectors(const std::int32_t* indices, const float* values, std::size_t count, const float* b,
                                  std::size_t ldb, std::size_t vectors, float* out) {
  Lanes acc[kTileVectors] = {};
  for (std::size_t e = 0; e < count; ++e) {
    const float v = values[e];
    const float* row = b + static_cast<std::size_t>(indices[e]) * ldb;
    for (std::size_t t = 0; t < vectors; ++t) acc[t] += v * load(row + t * kLanes);
  }
  for (std::size_t t = 0; t < vectors; ++t) store(out + t * kLanes, acc[t]);
}

/// One row's share of the tile of the given width that starts at column `offset` of b (b_rows x ldb).
void gather_tile(const std::int32_t* indices, const float* values, std::size_t count, const float* b,
                 std::size_t b_rows, std::size_t ldb, std::size_t offset, std::size_t width, float* out) {
  b += offset;
  if (width == kTile) {
    gather_full_tile(indices, values, count, b, ldb, out);
    return;
  }
  const std::size_t vectors = width / kLanes;
  if (vectors > 0) gather_vectors(indices, values, count, b, ldb, vectors, out);
  const std::size_t done = vectors * kLanes;
  if (done < width) {
    // Row r's vector load ends at r * ldb + offset + done + kLanes, which must not pass b_rows * ldb.
    const std::size_t end = offset + done + kLanes, total = b_rows * ldb;
    const std::size_t unsafe_from = total >= end ? (total - end) / ldb + 1 : 0;
    gather_remainder(indices, values, count, b + done, ldb, width - done, unsafe_from, out + done);
  }
}

#pragma GCC diagnostic pop

}  // namespace

void csr_times_dense(const CsrMatrix& a, const float* b, std::size_t k, float* out, std::size_t threads) {
  for (std::size_t t0 = 0; t0 < k; t0 += kTile) {
    const std::size_t width = std::min(kTile, k - t0);
    parallel_blocks(a.rows, kRowBlock, threads, [&](std::size_t begin, std::size_t end) {
      for (std::size_t r = begin; r < end; ++r) {
        const auto first = static_cast<std::size_t>(a.indptr[r]);
        const std::size_t count = static_cast<std::size_t>(a.indptr[r + 1]) - first;
        gather_tile(a.indices.data() + first, a.values.data() + first, count, b, a.cols, k, t0, width,
                    out + r * k + t0);
      }
    });
  }
}

}  // namespace topica::detail
