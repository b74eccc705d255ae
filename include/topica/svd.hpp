// Truncated singular value decomposition by randomized range finding, and the two estimators
// built on it: TruncatedSvd (LSA; no centring, sparse input welcome) and Pca (centred, dense).
//
// The algorithm and its defaults follow scikit-learn 1.2 (sklearn.utils.extmath.randomized_svd,
// sklearn.decomposition.TruncatedSVD / PCA with svd_solver="randomized"):
//  - a Gaussian test matrix with k + n_oversamples columns, power iterations, a thin QR of the
//    sample, the exact SVD of the small projected matrix, then sign flipping (svd_flip) so that
//    the largest-magnitude entry of every left singular vector is positive;
//  - like scikit-learn, the shorter side is sampled: a matrix with fewer rows than columns is
//    decomposed through its transpose.
// Where topica differs, on purpose:
//  - Random numbers come from topica::Random, not numpy, so the test matrix (and the last bits of
//    the result) differ from scikit-learn's for the same seed; singular values and well-separated
//    singular vectors agree to the accuracy of the method (see tests/reduce/svd_test.cpp).
//  - Power iterations are normalised by a thin QR instead of scikit-learn's default LU
//    (power_iteration_normalizer='auto' -> 'LU'): both keep the same subspace, the QR a better
//    conditioned basis of it. The QR is Cholesky-QR (the Gram matrix summed over fixed row
//    blocks, so it runs in parallel and gives the same bits for any thread count; formed in
//    float32, again in float64 when the sample is ill-conditioned), falling back to LAPACK's
//    Householder QR when the sample is rank deficient. The final basis gets two passes
//    (CholeskyQR2), so it is orthonormal to float32 precision.
//  - The sample size k + n_oversamples is capped at min(rows, cols): beyond the rank the extra
//    columns carry no information, and with the cap the result is the exact truncated SVD.
//  - Products run in float32 (sgemm and a sparse kernel); the small (k + p)-sized factorizations
//    run in float64.
// Determinism: a given seed gives bit-identical results for any `threads` value.
//
// @see N. Halko, P.-G. Martinsson, J. A. Tropp, "Finding structure with randomness", SIAM Review
//      53(2), 2011 (arXiv:0909.4061), algorithms 4.3 and 5.1.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "topica/matrix.hpp"
#include "topica/sparse.hpp"

namespace topica {

struct RandomizedSvdOptions {
  /// Singular triplets to keep, 1 <= k <= min(rows, cols). Required (0 is refused).
  std::size_t n_components = 0;
  /// Extra sample columns beyond k (scikit-learn 1.2: 10). More: better accuracy, more time.
  std::size_t n_oversamples = 10;
  /// Power iterations. Unset: scikit-learn's 'auto' rule, 7 when k < 0.1 * min(rows, cols),
  /// else 4. More iterations sharpen slowly decaying spectra at the cost of two products each.
  std::optional<std::size_t> n_iter;
  std::uint64_t seed = 42;  ///< seeds the Gaussian test matrix
  std::size_t threads = 0;  ///< 0: every core; the result does not depend on it
};

/// a ~= u * diag(s) * vt, with s in decreasing order.
struct SvdResult {
  Matrix<float> u;       ///< rows x k, orthonormal columns
  std::vector<float> s;  ///< k singular values, decreasing
  Matrix<float> vt;      ///< k x cols, orthonormal rows
};

/// Randomized truncated SVD of a dense matrix. Throws UsageError when n_components is 0 or larger
/// than min(rows, cols), InputError when `a` is empty or holds NaN/Inf (naming the first bad row).
SvdResult randomized_svd(const Matrix<float>& a, const RandomizedSvdOptions& options);

/// The same for a CSR matrix (validated with validate_csr; the matrix is read, never densified).
/// Memory: the input, its transpose, and a few (rows + cols) x (k + p) float32 blocks.
SvdResult randomized_svd(const CsrMatrix& a, const RandomizedSvdOptions& options);

// ---------------------------------------------------------------------------------------------

struct TruncatedSvdOptions {
  std::size_t n_components = 2;   ///< scikit-learn 1.2 TruncatedSVD: 2 (LSA uses 100-384)
  std::size_t n_iter = 5;         ///< scikit-learn TruncatedSVD: 5 (not randomized_svd's 'auto')
  std::size_t n_oversamples = 10; ///< scikit-learn 1.2: 10
  std::uint64_t seed = 42;
  std::size_t threads = 0;
};

/// What a fitted TruncatedSvd holds, with scikit-learn's attribute names and meanings.
struct TruncatedSvdModel {
  Matrix<float> components;               ///< components_: k x features (rows of V^T)
  std::vector<float> singular_values;     ///< singular_values_
  std::vector<double> explained_variance; ///< variance of each column of the training transform
  std::vector<double> explained_variance_ratio;  ///< ... divided by the total column variance of X
};

/// scikit-learn's TruncatedSVD(algorithm="randomized"): no centring, so it works on sparse TF-IDF
/// (latent semantic analysis). transform(X) = X * components^T; fit_transform returns the same for
/// the training data (not U * S, as scikit-learn: the two differ by the approximation error).
class TruncatedSvd {
 public:
  explicit TruncatedSvd(const TruncatedSvdOptions& options = {});
  /// A fitted estimator from a saved model (options are only used for `threads`).
  TruncatedSvd(TruncatedSvdModel model, const TruncatedSvdOptions& options = {});

  /// Fits on `x` and returns its transform (rows x k). Throws UsageError when n_components is 0,
  /// exceeds the number of features or of rows, or x has fewer than 2 features (as scikit-learn);
  /// InputError for empty, malformed or non-finite input.
  Matrix<float> fit_transform(const CsrMatrix& x);
  Matrix<float> fit_transform(const Matrix<float>& x);
  void fit(const CsrMatrix& x) { fit_transform(x); }
  void fit(const Matrix<float>& x) { fit_transform(x); }

  /// X * components^T. Throws UsageError before fit, InputError when the feature count differs.
  Matrix<float> transform(const CsrMatrix& x) const;
  Matrix<float> transform(const Matrix<float>& x) const;

  bool fitted() const { return model_.components.rows > 0; }
  const TruncatedSvdModel& model() const { return model_; }
  const TruncatedSvdOptions& options() const { return options_; }

 private:
  TruncatedSvdOptions options_;
  TruncatedSvdModel model_;
  // components^T (features x k), kept beside the model: transform is called per query by the
  // explorer and `find`, and transposing a 384 x 36k matrix each time cost more than the product.
  Matrix<float> components_t_;
};

// ---------------------------------------------------------------------------------------------

struct PcaOptions {
  std::size_t n_components = 2;  ///< required in practice; 1 <= k <= min(rows, features)
  std::size_t n_oversamples = 10;
  /// Unset: scikit-learn PCA's iterated_power='auto' (randomized_svd's rule: 7 or 4).
  std::optional<std::size_t> n_iter;
  bool whiten = false;  ///< scale each output column to unit variance (scikit-learn's whiten)
  std::uint64_t seed = 42;
  std::size_t threads = 0;
};

/// What a fitted Pca holds, with scikit-learn's attribute names and meanings.
struct PcaModel {
  std::vector<float> mean;                ///< mean_: per-feature mean of the training data
  Matrix<float> components;               ///< components_: k x features
  std::vector<double> explained_variance; ///< S^2 / (n - 1)
  std::vector<double> explained_variance_ratio;  ///< ... over the total variance (ddof 1)
  std::vector<float> singular_values;     ///< singular_values_ of the centred data
  double noise_variance = 0;              ///< noise_variance_ (probabilistic PCA's sigma^2)
  std::size_t n_samples = 0;
};

/// scikit-learn's PCA(svd_solver="randomized"): centres the data (a float32 copy), then the
/// randomized SVD. fit_transform returns U * S as scikit-learn does; transform is
/// (X - mean) * components^T (divided by sqrt(explained_variance) when whitening).
class Pca {
 public:
  explicit Pca(const PcaOptions& options = {});
  Pca(PcaModel model, const PcaOptions& options = {});

  /// Throws UsageError when n_components is 0 or exceeds min(rows, features), InputError for fewer
  /// than 2 rows or non-finite values (naming the first bad row).
  Matrix<float> fit_transform(const Matrix<float>& x);
  void fit(const Matrix<float>& x) { fit_transform(x); }
  Matrix<float> transform(const Matrix<float>& x) const;

  bool fitted() const { return model_.components.rows > 0; }
  const PcaModel& model() const { return model_; }
  const PcaOptions& options() const { return options_; }

 private:
  PcaOptions options_;
  PcaModel model_;
};

}  // namespace topica
