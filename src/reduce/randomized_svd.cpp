// Randomized truncated SVD (Halko, Martinsson & Tropp 2011) with scikit-learn 1.2's semantics;
// see include/topica/svd.hpp for where it departs from extmath.randomized_svd and why.
#include <Eigen/Core>
#include <Eigen/SVD>
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "reduce/linear_operator.hpp"
#include "reduce/orthonormalize.hpp"
#include "topica/error.hpp"
#include "topica/parallel.hpp"
#include "topica/random.hpp"
#include "topica/svd.hpp"

namespace topica {
namespace {

using detail::LinearOperator;
using MatrixXdRow = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

constexpr std::size_t kGaussianBlock = 256;  // rows per random stream of the test matrix

void check_request(std::size_t rows, std::size_t cols, const RandomizedSvdOptions& options) {
  if (rows == 0 || cols == 0) {
    throw InputError(fmt::format("randomized SVD: the matrix is empty ({} x {})", rows, cols));
  }
  if (options.n_components == 0) throw UsageError("randomized SVD: n_components must be at least 1");
  if (options.n_components > std::min(rows, cols)) {
    throw UsageError(fmt::format("randomized SVD: n_components = {} exceeds min(rows, columns) = min({}, {})",
                                 options.n_components, rows, cols));
  }
}

void check_finite(const Matrix<float>& a) {
  for (std::size_t i = 0; i < a.rows; ++i) {
    for (std::size_t j = 0; j < a.cols; ++j) {
      if (!std::isfinite(a(i, j))) {
        throw InputError(fmt::format("randomized SVD: row {} holds a non-finite value ({}) in column {}", i, a(i, j), j));
      }
    }
  }
}

/// scikit-learn 1.2 randomized_svd, n_iter='auto': "7 was found a good compromise for PCA"
/// (sklearn #5299), fewer when k is a large share of the matrix.
std::size_t power_iterations(std::size_t rows, std::size_t cols, const RandomizedSvdOptions& options) {
  if (options.n_iter) return *options.n_iter;
  return static_cast<double>(options.n_components) < 0.1 * static_cast<double>(std::min(rows, cols)) ? 7 : 4;
}

/// Standard normal test matrix. Each block of rows draws from its own stream of `seed`, so the
/// matrix is the same whichever thread fills which block.
Matrix<float> gaussian(std::size_t rows, std::size_t cols, std::uint64_t seed, std::size_t threads) {
  Matrix<float> g(rows, cols);
  parallel_blocks(rows, kGaussianBlock, threads, [&](std::size_t begin, std::size_t end) {
    Random random(seed, begin / kGaussianBlock);
    for (std::size_t i = begin * cols; i < end * cols; ++i) g.values[i] = static_cast<float>(random.normal());
  });
  return g;
}

/// Columns [0, k) of a row-major float64 matrix, as float32.
Matrix<float> leading_columns(const MatrixXdRow& m, std::size_t k) {
  Matrix<float> out(static_cast<std::size_t>(m.rows()), k);
  for (std::size_t i = 0; i < out.rows; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      out(i, j) = static_cast<float>(m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
    }
  }
  return out;
}

/// scikit-learn's svd_flip: make the largest-magnitude entry of each column of u positive (the
/// first such entry on ties, as numpy's argmax), flipping the matching column of v with it.
void flip_signs(Matrix<float>& u, Matrix<float>& v) {
  // Row by row (the matrices are row-major and tall): the first row holding each column's
  // largest magnitude wins, as argmax does.
  std::vector<float> largest(u.cols, -1.0f), sign(u.cols, 1.0f);
  for (std::size_t i = 0; i < u.rows; ++i) {
    for (std::size_t j = 0; j < u.cols; ++j) {
      if (std::abs(u(i, j)) > largest[j]) {
        largest[j] = std::abs(u(i, j));
        sign[j] = u(i, j) < 0 ? -1.0f : 1.0f;
      }
    }
  }
  for (Matrix<float>* m : {&u, &v}) {
    for (std::size_t i = 0; i < m->rows; ++i) {
      for (std::size_t j = 0; j < m->cols; ++j) (*m)(i, j) *= sign[j];
    }
  }
}

/// The algorithm on an operator with rows >= cols (the caller transposes wide matrices, as
/// scikit-learn does). Returns u (rows x k), s, and v (cols x k), before sign flipping.
struct Factors {
  Matrix<float> u, v;
  std::vector<float> s;
};

Factors decompose(const LinearOperator& a, std::size_t k, std::size_t n_iter, const RandomizedSvdOptions& options) {
  const std::size_t threads = options.threads;
  // Halko et al. algorithm 4.3 with a QR after every product (their algorithm 4.4).
  const std::size_t sample = std::min(k + options.n_oversamples, std::min(a.rows(), a.cols()));
  Matrix<float> omega = gaussian(a.cols(), sample, options.seed, threads), q;
  for (std::size_t i = 0; i < n_iter; ++i) {
    a.apply(omega, q);
    detail::orthonormalize(q, false, threads);
    a.apply_transposed(q, omega);
    detail::orthonormalize(omega, false, threads);
  }
  a.apply(omega, q);
  detail::orthonormalize(q, true, threads);

  // B = Q^T A is sample x cols; factor its transpose B^T = W R (W orthonormal), then the small
  // R = Ur S Vr^T in float64, so B = Vr S (W Ur)^T: U = Q Vr, V = W Ur.
  Matrix<float>& w = omega;
  a.apply_transposed(q, w);
  const Matrix<double> r = detail::orthonormalize(w, true, threads);
  const Eigen::Map<const MatrixXdRow> r_map(r.values.data(), static_cast<Eigen::Index>(r.rows),
                                            static_cast<Eigen::Index>(r.cols));
  const Eigen::BDCSVD<Eigen::MatrixXd> svd(r_map, Eigen::ComputeThinU | Eigen::ComputeThinV);
  const MatrixXdRow ur = svd.matrixU(), vr = svd.matrixV();

  Factors f;
  f.u = detail::multiply_dense(q, leading_columns(vr, k), threads);
  f.v = detail::multiply_dense(w, leading_columns(ur, k), threads);
  f.s.resize(k);
  for (std::size_t j = 0; j < k; ++j) f.s[j] = static_cast<float>(svd.singularValues()(static_cast<Eigen::Index>(j)));
  return f;
}

SvdResult randomized_svd_of(const LinearOperator& a, const RandomizedSvdOptions& options) {
  const std::size_t k = options.n_components;
  const std::size_t n_iter = power_iterations(a.rows(), a.cols(), options);
  // scikit-learn transpose='auto': sample the shorter side ("a bit faster with smaller shape[1]").
  const bool transpose = a.rows() < a.cols();
  Factors f;
  if (transpose) {
    f = decompose(detail::TransposedOperator(a), k, n_iter, options);
    std::swap(f.u, f.v);
  } else {
    f = decompose(a, k, n_iter, options);
  }
  // Signs follow the left singular vectors of the caller's matrix in both cases (scikit-learn
  // passes u_based_decision=False for the transposed problem to the same effect).
  flip_signs(f.u, f.v);
  return SvdResult{std::move(f.u), std::move(f.s), detail::transposed(f.v)};
}

}  // namespace

SvdResult randomized_svd(const Matrix<float>& a, const RandomizedSvdOptions& options) {
  check_request(a.rows, a.cols, options);
  check_finite(a);
  return randomized_svd_of(detail::DenseOperator(a, options.threads), options);
}

SvdResult randomized_svd(const CsrMatrix& a, const RandomizedSvdOptions& options) {
  validate_csr(a, "randomized SVD input");
  check_request(a.rows, a.cols, options);
  return randomized_svd_of(detail::SparseOperator(a, options.threads), options);
}

}  // namespace topica
