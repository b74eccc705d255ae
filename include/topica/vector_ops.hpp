// Float kernels on contiguous vectors, dispatched at run time to the widest SIMD the CPU has
// (see cpu.hpp). Used by nearest neighbours, similarity search and the encoders.
#pragma once

#include <cstddef>

namespace topica {

/// Sum of a[i] * b[i].
float dot(const float* a, const float* b, std::size_t n);
/// Sum of (a[i] - b[i])^2.
float squared_distance(const float* a, const float* b, std::size_t n);

}  // namespace topica
