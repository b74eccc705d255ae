// The inner loop of UMAP's layout optimisation: a group of heads move through their samples side
// by side, one SIMD lane each. optimize_layout.cpp decides which edges are due; the kernel draws
// the negative samples itself, so they never pass through memory.
#pragma once

#include <cstddef>
#include <cstdint>

namespace topica::umap {

/// Heads moved side by side (two 16-float vectors whose dependency chains the CPU overlaps).
constexpr std::size_t kLanes = 32;

/// Row length of the positions move_lanes reads: dim rounded up to even (coordinates travel in
/// pairs).
constexpr std::size_t padded_dim(std::size_t dim) { return dim + dim % 2; }

// SplitMix64's output function (Steele, Lea & Flood 2014), used as a counter-based generator:
// negative sample j of a head is draw(key, j) with key = head_key(epoch key, head). No state passes
// from draw to draw, so a head's samples do not depend on the order heads are processed in.
inline constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ull;

inline std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

inline std::uint64_t head_key(std::uint64_t epoch_key, std::uint64_t head) { return mix64(epoch_key + (head + 1) * kGolden); }

/// Draw j of a stream mapped onto [0, n): the top 32 bits times n, shifted down (bias < n / 2^32).
inline std::uint32_t draw_below(std::uint64_t key, std::uint64_t j, std::uint32_t n) {
  return static_cast<std::uint32_t>(((mix64(key + (j + 1) * kGolden) >> 32) * n) >> 32);
}

/// The constants of one epoch's update rule.
struct KernelParams {
  float a = 0, b = 0;        ///< the curve 1 / (1 + a d^2b)
  float gamma = 1;           ///< repulsion strength
  float alpha = 0;           ///< learning rate of this epoch
  std::size_t dim = 0;
  std::size_t negative_rate = 5;  ///< negative samples after each edge sample
  std::uint32_t n_tails = 0;      ///< negative samples are drawn from [0, n_tails)
};

/// The edges the lanes' due lists point into, and where a fit leaves the tails' share of each
/// edge sample (umap-learn moves both ends of an edge; the caller applies the tails' moves later).
struct EdgeTables {
  const std::int32_t* columns = nullptr;  ///< tail of each edge
  /// Null, or room for max due_count * padded_dim(dim) * kLanes floats: the move of the tail of
  /// lane l's i-th due edge, coordinate d, goes to tail_moves[(i * padded_dim(dim) + d) * kLanes + l].
  float* tail_moves = nullptr;
};

/// What each lane does: its head's due edges and random stream.
struct LaneWork {
  std::uint64_t key[kLanes];       ///< head_key of the lane's head
  std::int32_t self[kLanes];       ///< a tail never met (the head itself in a fit), or -1
  std::int32_t due_begin[kLanes];  ///< the head's due edges are due[due_begin .. + due_count)
  std::int32_t due_count[kLanes];  ///< 0 for an idle lane
};

/// Which compiled variant runs the lanes: the best the CPU has, or one named (tests check that all
/// give the same bits). Naming one the CPU lacks is an error of the caller (see kernel_supported).
enum class KernelLevel { Best, Avx512, Baseline };
bool kernel_supported(KernelLevel level);

/// Moves the kLanes heads, lane l holding y[d * kLanes + l] (d < dim). Lane l takes, for each of
/// its due edges e = due[...] in order, the edge (a pull towards its tail edges.columns[e], whose
/// opposite move for the tail goes to edges.tail_moves if given) and then
/// negative_rate negative samples (pushes away from draw_below(key, j, n_tails) for j = 0, 1, ...;
/// a draw equal to `self` is skipped, as umap-learn skips a point's sample of itself). Other points
/// are read from `tails` (rows of padded_dim(dim) floats) and never written. Each update is umap-learn's (layouts.py:
/// _optimize_layout_euclidean_single_epoch): coefficient from the squared distance, each
/// coordinate's gradient clipped to [-4, 4], a repulsion from an exactly coincident point pushing +4
/// along every axis, times the step. Lanes never interact, so a lane's result does not depend on
/// the other lanes or on the SIMD width that runs it. `y` and `diff` (scratch) hold dim * kLanes
/// floats and are 64-byte aligned.
void move_lanes(const KernelParams& p, const float* tails, const std::int32_t* due, const EdgeTables& edges,
                const LaneWork& lanes, float* y, float* diff, KernelLevel level = KernelLevel::Best);

}  // namespace topica::umap
