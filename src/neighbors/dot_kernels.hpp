// Dot products of one row against many, the inner loop of NN-descent's local joins and of graph
// search. Four rows share each load of `x` and keep independent accumulators, so the loop is
// bound by arithmetic rather than by one long addition chain (vector_ops' dot is one-to-one).
//
// Every pair is summed in the same order wherever it sits in the batch (sixteen lanes, then a
// fixed reduction), so dot(x, y) does not depend on its neighbours in the call, and
// dot(x, y) == dot(y, x) exactly. The AVX-512 path is taken when the CPU has it.
#pragma once

#include <cstddef>

namespace topica::neighbors {

/// out[j] = sum_i x[i] * rows[j][i] for j < count.
void dots(const float* x, const float* const* rows, std::size_t count, std::size_t dim, float* out);

/// A 4 x 4 tile of a Gram matrix: out[4 * a + b] = x[a] . y[b]. Each x row is loaded once per
/// four y rows and each y row once per four x rows, so the tile runs at arithmetic speed
/// from L1/L2 where four one-to-many calls would be bound by loads. Same bits per pair
/// wherever it sits in the tile.
void dots_4x4(const float* const* x, const float* const* y, std::size_t dim, float* out);

}  // namespace topica::neighbors
