// exp and the exact (erf) GELU over whole rows, written so the compiler vectorises them (std::exp
// and std::erf are scalar library calls): they ran once per attention score and once per
// feed-forward unit, as much time as the matrix products themselves once those were bf16 / int8.
// Accurate to a few float32 ulps, well inside the encoder's float32 tolerance against PyTorch
// (whose own kernels use yet other approximations).
#pragma once

#include <cstddef>

namespace topica::encoder {

/// x[i] = exp(x[i]); relative error < 3e-7 for x in [-87.3, 88.3], 0 below (as float32 underflow).
void exp_in_place(float* x, std::size_t n);

/// The largest x[i] (n >= 1), and the largest |x[i]| (0 for n = 0). These reductions and the sum
/// below keep one partial per SIMD lane: the build has no -ffast-math or OpenMP, and without
/// either the compiler keeps a float reduction in source order, one scalar at a time.
float max_of(const float* x, std::size_t n);
float max_abs(const float* x, std::size_t n);

/// x[i] = exp(x[i] - shift), returning their sum (softmax's numerators and denominator in one pass).
float exp_shifted_sum(float* x, std::size_t n, float shift);

/// x[i] = 0.5 x (1 + erf(x / sqrt 2)) (transformers' "gelu"); absolute error < 2e-7 |x|.
void gelu_erf_in_place(float* x, std::size_t n);

}  // namespace topica::encoder
