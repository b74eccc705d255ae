#include "reduce/linear_operator.hpp"

#include <algorithm>

#include "core/blas.hpp"
#include "core/sparse_kernels.hpp"
#include "topica/parallel.hpp"

namespace topica::detail {
namespace {

constexpr std::size_t kRowBlock = 1024;    // rows of A per sgemm task in A * x
constexpr std::size_t kColumnBlock = 128;  // columns of A per sgemm task in A^T * x

}  // namespace

Matrix<float> transposed(const Matrix<float>& m) {
  Matrix<float> t(m.cols, m.rows);
  for (std::size_t i = 0; i < m.rows; ++i) {
    for (std::size_t j = 0; j < m.cols; ++j) t(j, i) = m(i, j);
  }
  return t;
}

void reshape(Matrix<float>& m, std::size_t rows, std::size_t cols) {
  m.rows = rows;
  m.cols = cols;
  m.values.resize(rows * cols);
}

void multiply_dense(const Matrix<float>& a, const Matrix<float>& b, Matrix<float>& y, std::size_t threads) {
  reshape(y, a.rows, b.cols);
  if (a.cols == 0) {  // an empty sum: zeros
    std::fill(y.values.begin(), y.values.end(), 0.0f);
    return;
  }
  parallel_blocks(a.rows, kRowBlock, threads, [&](std::size_t begin, std::size_t end) {
    blas::gemm_ab(end - begin, b.cols, a.cols, 1.0f, a.row(begin), a.cols, b.values.data(), b.cols, 0.0f,
                  y.row(begin), y.cols);
  });
}

Matrix<float> multiply_dense(const Matrix<float>& a, const Matrix<float>& b, std::size_t threads) {
  Matrix<float> y;
  multiply_dense(a, b, y, threads);
  return y;
}

void DenseOperator::apply(const Matrix<float>& x, Matrix<float>& y) const { multiply_dense(a_, x, y, threads_); }

void DenseOperator::apply_transposed(const Matrix<float>& x, Matrix<float>& y) const {
  // Column blocks of A give disjoint row blocks of A^T x, so no task sums another's output.
  reshape(y, a_.cols, x.cols);
  if (a_.rows == 0) {
    std::fill(y.values.begin(), y.values.end(), 0.0f);
    return;
  }
  parallel_blocks(a_.cols, kColumnBlock, threads_, [&](std::size_t begin, std::size_t end) {
    blas::gemm_atb(end - begin, x.cols, a_.rows, 1.0f, a_.values.data() + begin, a_.cols, x.values.data(), x.cols,
                   0.0f, y.row(begin), y.cols);
  });
}

SparseOperator::SparseOperator(const CsrMatrix& a, std::size_t threads) : a_(a), at_(transpose(a)), threads_(threads) {}

void SparseOperator::apply(const Matrix<float>& x, Matrix<float>& y) const {
  reshape(y, a_.rows, x.cols);
  csr_times_dense(a_, x.values.data(), x.cols, y.values.data(), threads_);
}

void SparseOperator::apply_transposed(const Matrix<float>& x, Matrix<float>& y) const {
  reshape(y, at_.rows, x.cols);
  csr_times_dense(at_, x.values.data(), x.cols, y.values.data(), threads_);
}

}  // namespace topica::detail
