// The one door to BLAS. topica parallelises over blocks itself (see parallel.hpp), so BLAS runs
// single-threaded inside each block: two thread pools must never fight over two cores, and a
// single-threaded GEMM on a fixed block gives the same bits whatever the thread count.
#pragma once

#include <cstddef>

namespace topica::blas {

/// C (m x n) = alpha * A (m x k) * B^T (n x k) + beta * C, all row-major with leading
/// dimensions lda, ldb, ldc. The shape of a "queries x data" distance block.
void gemm_abt(std::size_t m, std::size_t n, std::size_t k, float alpha, const float* a, std::size_t lda,
              const float* b, std::size_t ldb, float beta, float* c, std::size_t ldc);

/// C (m x n) = alpha * A (m x k) * B (k x n) + beta * C, row-major.
void gemm_ab(std::size_t m, std::size_t n, std::size_t k, float alpha, const float* a, std::size_t lda,
             const float* b, std::size_t ldb, float beta, float* c, std::size_t ldc);

/// C (m x n) = alpha * A^T (A is k x m) * B (k x n) + beta * C, row-major.
void gemm_atb(std::size_t m, std::size_t n, std::size_t k, float alpha, const float* a, std::size_t lda,
              const float* b, std::size_t ldb, float beta, float* c, std::size_t ldc);

}  // namespace topica::blas
