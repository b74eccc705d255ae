// A matrix seen only through its products with tall dense blocks: what the randomized SVD needs,
// whether the matrix is dense, sparse or read through its transpose.
#pragma once

#include <cstddef>

#include "topica/matrix.hpp"
#include "topica/sparse.hpp"

namespace topica::detail {

class LinearOperator {
 public:
  virtual ~LinearOperator() = default;
  virtual std::size_t rows() const = 0;
  virtual std::size_t cols() const = 0;
  /// y = A * x: x is cols() x l, y becomes rows() x l (its storage is reused when large enough,
  /// sparing the page faults of a fresh buffer per power iteration).
  virtual void apply(const Matrix<float>& x, Matrix<float>& y) const = 0;
  /// y = A^T * x: x is rows() x l, y becomes cols() x l.
  virtual void apply_transposed(const Matrix<float>& x, Matrix<float>& y) const = 0;
};

/// Makes m a rows x cols matrix, keeping its allocation; the values are unspecified.
void reshape(Matrix<float>& m, std::size_t rows, std::size_t cols);

/// A dense row-major matrix (held by reference). Products are sgemm calls over fixed row blocks
/// (A x) or column blocks (A^T x) of A, each written by one task: the bits do not depend on the
/// thread count.
class DenseOperator final : public LinearOperator {
 public:
  DenseOperator(const Matrix<float>& a, std::size_t threads) : a_(a), threads_(threads) {}
  std::size_t rows() const override { return a_.rows; }
  std::size_t cols() const override { return a_.cols; }
  void apply(const Matrix<float>& x, Matrix<float>& y) const override;
  void apply_transposed(const Matrix<float>& x, Matrix<float>& y) const override;

 private:
  const Matrix<float>& a_;
  std::size_t threads_;
};

/// A CSR matrix (held by reference) and its transpose (built once, O(nnz) memory), so both
/// products are row-parallel gathers.
class SparseOperator final : public LinearOperator {
 public:
  SparseOperator(const CsrMatrix& a, std::size_t threads);
  std::size_t rows() const override { return a_.rows; }
  std::size_t cols() const override { return a_.cols; }
  void apply(const Matrix<float>& x, Matrix<float>& y) const override;
  void apply_transposed(const Matrix<float>& x, Matrix<float>& y) const override;

 private:
  const CsrMatrix& a_;
  CsrMatrix at_;
  std::size_t threads_;
};

/// The transpose of another operator (held by reference).
class TransposedOperator final : public LinearOperator {
 public:
  explicit TransposedOperator(const LinearOperator& a) : a_(a) {}
  std::size_t rows() const override { return a_.cols(); }
  std::size_t cols() const override { return a_.rows(); }
  void apply(const Matrix<float>& x, Matrix<float>& y) const override { a_.apply_transposed(x, y); }
  void apply_transposed(const Matrix<float>& x, Matrix<float>& y) const override { a_.apply(x, y); }

 private:
  const LinearOperator& a_;
};

/// m^T as a new row-major matrix.
Matrix<float> transposed(const Matrix<float>& m);

/// a * b for dense row-major matrices, in fixed row blocks of a (thread-count independent).
Matrix<float> multiply_dense(const Matrix<float>& a, const Matrix<float>& b, std::size_t threads);
void multiply_dense(const Matrix<float>& a, const Matrix<float>& b, Matrix<float>& out, std::size_t threads);

}  // namespace topica::detail
