#include "reduce/orthonormalize.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <algorithm>
#include <optional>

#include "core/blas.hpp"
#include "topica/parallel.hpp"

namespace topica::detail {
namespace {

using MatrixXdRow = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Cholesky-QR divides by R's diagonal. The spread of that diagonal (largest / smallest, a lower
/// bound on y's condition number) that each Gram precision can afford: a float32 Gram matrix is
/// accurate to about 1e-6 relative, so a spread of 100 still leaves y R^-1 a basis with condition
/// number near 1; a float64 one copes up to 1e5, beyond which the float32 solve y R^-1 amplifies
/// rounding into the basis and Householder QR is used instead.
constexpr double kMaxSpreadSingle = 1e2;
constexpr double kMaxSpreadDouble = 1e5;
/// Below this many rows per column the sample is not tall, and Householder costs no more.
constexpr std::size_t kCholeskyMinAspect = 4;
constexpr std::size_t kGramTasks = 16;     // fixed partial sums of the Gram matrix (memory: 16 l^2)
constexpr std::size_t kGramChunk = 512;    // rows per syrk call
constexpr std::size_t kSolveBlock = 1024;  // rows per strsm task

enum class Precision { Single, Double };

/// One chunk's y^T y added to `sum` (upper triangle): in float32 (ssyrk, then added in float64)
/// or entirely in float64 (the rows converted, then dsyrk).
void add_chunk_gram(const float* rows, std::size_t count, std::size_t l, Precision precision,
                    std::vector<float>& single, std::vector<double>& converted, MatrixXdRow& sum) {
  if (precision == Precision::Double) {
    converted.assign(rows, rows + count * l);
    blas::syrk_ata(l, count, 1.0, converted.data(), l, 1.0, sum.data(), l);
    return;
  }
  blas::syrk_ata(l, count, 1.0f, rows, l, 0.0f, single.data(), l);
  for (std::size_t i = 0; i < l; ++i) {
    for (std::size_t j = i; j < l; ++j) {
      sum(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) += single[i * l + j];
    }
  }
}

/// y^T y, summed in float64. The rows are cut into kGramTasks ranges that depend only on m; each
/// range's partial Gram matrix is accumulated chunk by chunk, and the partials are added in range
/// order, so the bits do not depend on the thread count.
MatrixXdRow gram(const Matrix<float>& y, Precision precision, std::size_t threads) {
  const std::size_t m = y.rows, l = y.cols;
  const auto size = static_cast<Eigen::Index>(l);
  const std::size_t range = std::max<std::size_t>((m + kGramTasks - 1) / kGramTasks, 1);
  const std::size_t tasks = (m + range - 1) / range;
  std::vector<MatrixXdRow> partial(tasks, MatrixXdRow::Zero(size, size));
  parallel_tasks(tasks, threads, [&](std::size_t t) {
    std::vector<float> single(precision == Precision::Single ? l * l : 0);
    std::vector<double> converted;
    const std::size_t end = std::min(m, (t + 1) * range);
    for (std::size_t begin = t * range; begin < end; begin += kGramChunk) {
      add_chunk_gram(y.row(begin), std::min(kGramChunk, end - begin), l, precision, single, converted, partial[t]);
    }
  });
  MatrixXdRow g = partial[0];
  for (std::size_t t = 1; t < tasks; ++t) g += partial[t];
  return g.selfadjointView<Eigen::Upper>();
}

/// One Cholesky-QR pass; leaves y untouched and returns nothing when it cannot be trusted.
std::optional<MatrixXdRow> cholesky_qr_pass(Matrix<float>& y, Precision precision, std::size_t threads) {
  const Eigen::LLT<MatrixXdRow> llt(gram(y, precision, threads));
  if (llt.info() != Eigen::Success) return std::nullopt;
  const MatrixXdRow r = llt.matrixU();
  const double largest = r.diagonal().maxCoeff(), smallest = r.diagonal().minCoeff();
  const double max_spread = precision == Precision::Single ? kMaxSpreadSingle : kMaxSpreadDouble;
  if (!(smallest > 0) || largest > max_spread * smallest) return std::nullopt;
  const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> r32 = r.cast<float>();
  parallel_blocks(y.rows, kSolveBlock, threads, [&](std::size_t begin, std::size_t end) {
    blas::trsm_right_upper(end - begin, y.cols, r32.data(), y.cols, y.row(begin), y.cols);
  });
  return r;
}

/// Householder QR through LAPACK, which works column-major: transpose in, factor, transpose out.
MatrixXdRow householder_qr(Matrix<float>& y) {
  const std::size_t m = y.rows, l = y.cols;
  std::vector<float> column_major(m * l), r(l * l);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < l; ++j) column_major[j * m + i] = y(i, j);
  }
  blas::householder_qr(m, l, column_major.data(), m, r.data(), l);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < l; ++j) y(i, j) = column_major[j * m + i];
  }
  MatrixXdRow out(static_cast<Eigen::Index>(l), static_cast<Eigen::Index>(l));
  for (std::size_t i = 0; i < l; ++i) {
    for (std::size_t j = 0; j < l; ++j) out(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = r[j * l + i];
  }
  return out;
}

Matrix<double> to_matrix(const MatrixXdRow& r) {
  Matrix<double> out(static_cast<std::size_t>(r.rows()), static_cast<std::size_t>(r.cols()));
  std::copy(r.data(), r.data() + r.size(), out.values.begin());
  return out;
}

/// One pass of the cheapest QR that works: Cholesky-QR with a float32 Gram matrix, then with a
/// float64 one, then Householder.
MatrixXdRow qr_pass(Matrix<float>& y, std::size_t threads) {
  if (auto r = cholesky_qr_pass(y, Precision::Single, threads)) return *r;
  if (auto r = cholesky_qr_pass(y, Precision::Double, threads)) return *r;
  return householder_qr(y);
}

}  // namespace

Matrix<double> orthonormalize(Matrix<float>& y, bool two_passes, std::size_t threads, QrMethod method) {
  const bool tall = y.rows >= kCholeskyMinAspect * y.cols;
  if (method == QrMethod::Householder || (method == QrMethod::Auto && !tall)) return to_matrix(householder_qr(y));
  const MatrixXdRow first = qr_pass(y, threads);
  if (!two_passes) return to_matrix(first);
  // CholeskyQR2 (Yamamoto et al. 2015): the first pass left a basis with condition number near 1,
  // so the second restores orthonormality to float32 precision.
  const MatrixXdRow second = qr_pass(y, threads);
  const MatrixXdRow r = second.triangularView<Eigen::Upper>() * first;
  return to_matrix(r);
}

}  // namespace topica::detail
