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

/// C (n x n) upper triangle = alpha * A^T A + beta * C, where A is k x n row-major; the strict
/// lower triangle of C is left untouched. Half the work of gemm_atb for a Gram matrix.
void syrk_ata(std::size_t n, std::size_t k, float alpha, const float* a, std::size_t lda, float beta, float* c,
              std::size_t ldc);
/// The same in float64 (dsyrk).
void syrk_ata(std::size_t n, std::size_t k, double alpha, const double* a, std::size_t lda, double beta, double* c,
              std::size_t ldc);

/// B (m x n) = B * R^-1 in place, R (n x n) upper triangular, all row-major (strsm): the solve
/// that turns a sample into an orthonormal basis once R is known.
void trsm_right_upper(std::size_t m, std::size_t n, const float* r, std::size_t ldr, float* b, std::size_t ldb);

/// Thin Householder QR through LAPACK (sgeqrf, then sorgqr): `a` holds an m x n matrix, m >= n,
/// stored COLUMN-major with leading dimension lda >= m, and is overwritten by Q (orthonormal
/// columns); `r` (n x n, column-major, leading dimension ldr) receives R, zeros below the
/// diagonal. Rank-deficient input is fine: Q is still orthonormal. Throws topica::Error if LAPACK
/// reports a bad argument.
void householder_qr(std::size_t m, std::size_t n, float* a, std::size_t lda, float* r, std::size_t ldr);

}  // namespace topica::blas
