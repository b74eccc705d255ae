// Thin QR of the tall samples in the randomized SVD: y (m x l, m >= l) = Q R.
#pragma once

#include <cstddef>

#include "topica/matrix.hpp"

namespace topica::detail {

enum class QrMethod {
  Auto,         ///< Cholesky-QR when it is safe (tall, well-conditioned), else Householder
  Cholesky,     ///< Cholesky-QR, still falling back to Householder when it cannot work
  Householder,  ///< LAPACK sgeqrf + sorgqr
};

/// Replaces `y` (m x l, m >= l, row-major) by Q with orthonormal columns spanning the same space,
/// and returns R (l x l, upper triangular, row-major float64) with y = Q R.
///
/// Cholesky-QR forms G = y^T y over fixed row blocks (in parallel, partial sums added in block
/// order: identical bits for any thread count), factors G = R^T R in float64 and solves
/// Q = y R^-1 with strsm. One pass gives a well-conditioned basis, which is all a power iteration
/// needs; two passes (CholeskyQR2, Yamamoto et al. 2015) give columns orthonormal to float32
/// precision. G is first formed in float32 (ssyrk); when R's diagonal shows y too ill-conditioned
/// for that, G is formed again in float64, and when even that fails (a rank-deficient sample)
/// LAPACK's Householder QR, which has no such limit, takes over.
Matrix<double> orthonormalize(Matrix<float>& y, bool two_passes, std::size_t threads,
                              QrMethod method = QrMethod::Auto);

}  // namespace topica::detail
