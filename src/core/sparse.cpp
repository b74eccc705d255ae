// CSR helpers for the float32 matrices the randomized SVD reads (TF-IDF for LSA).
#include "topica/sparse.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/sparse_kernels.hpp"
#include "topica/error.hpp"
#include "topica/parallel.hpp"

namespace topica {

void validate_csr(const CsrMatrix& m, std::string_view name) {
  if (m.indptr.size() != m.rows + 1) {
    throw InputError(fmt::format("{}: CSR indptr holds {} offsets for {} rows (expected {})", name, m.indptr.size(),
                                 m.rows, m.rows + 1));
  }
  if (m.indices.size() != m.values.size()) {
    throw InputError(
        fmt::format("{}: CSR holds {} column indices but {} values", name, m.indices.size(), m.values.size()));
  }
  if (m.indptr.front() != 0 || m.indptr.back() != static_cast<std::int64_t>(m.nnz())) {
    throw InputError(fmt::format("{}: CSR indptr runs from {} to {}, expected 0 to {} (the number of values)", name,
                                 m.indptr.front(), m.indptr.back(), m.nnz()));
  }
  for (std::size_t r = 0; r < m.rows; ++r) {
    if (m.indptr[r + 1] < m.indptr[r]) {
      throw InputError(fmt::format("{}: CSR indptr decreases at row {} ({} then {})", name, r, m.indptr[r],
                                   m.indptr[r + 1]));
    }
    for (auto k = static_cast<std::size_t>(m.indptr[r]); k < static_cast<std::size_t>(m.indptr[r + 1]); ++k) {
      const std::int32_t c = m.indices[k];
      if (c < 0 || static_cast<std::size_t>(c) >= m.cols) {
        throw InputError(fmt::format("{}: row {} has column index {} outside [0, {})", name, r, c, m.cols));
      }
      if (!std::isfinite(m.values[k])) {
        throw InputError(fmt::format("{}: row {} holds a non-finite value ({}) in column {}", name, r, m.values[k], c));
      }
    }
  }
}

CsrMatrix transpose(const CsrMatrix& m) {
  CsrMatrix t;
  t.rows = m.cols;
  t.cols = m.rows;
  t.indptr.assign(m.cols + 1, 0);
  for (std::size_t k = 0; k < m.nnz(); ++k) ++t.indptr[static_cast<std::size_t>(m.indices[k]) + 1];
  for (std::size_t c = 0; c < m.cols; ++c) t.indptr[c + 1] += t.indptr[c];
  t.indices.resize(m.nnz());
  t.values.resize(m.nnz());
  std::vector<std::int64_t> next(t.indptr.begin(), t.indptr.end() - 1);
  // Rows of m are visited in increasing order, so each row of t gets increasing columns.
  for (std::size_t r = 0; r < m.rows; ++r) {
    for (auto k = static_cast<std::size_t>(m.indptr[r]); k < static_cast<std::size_t>(m.indptr[r + 1]); ++k) {
      const auto slot = static_cast<std::size_t>(next[static_cast<std::size_t>(m.indices[k])]++);
      t.indices[slot] = static_cast<std::int32_t>(r);
      t.values[slot] = m.values[k];
    }
  }
  return t;
}

CsrMatrix to_csr(const Matrix<float>& dense) {
  CsrMatrix m;
  m.rows = dense.rows;
  m.cols = dense.cols;
  m.indptr.reserve(dense.rows + 1);
  for (std::size_t r = 0; r < dense.rows; ++r) {
    for (std::size_t c = 0; c < dense.cols; ++c) {
      if (dense(r, c) != 0.0f) {
        m.indices.push_back(static_cast<std::int32_t>(c));
        m.values.push_back(dense(r, c));
      }
    }
    m.indptr.push_back(static_cast<std::int64_t>(m.nnz()));
  }
  return m;
}

Matrix<float> multiply(const CsrMatrix& a, const Matrix<float>& b, std::size_t threads) {
  if (b.rows != a.cols) {
    throw InputError(fmt::format("sparse product: the dense matrix has {} rows, the sparse one {} columns", b.rows,
                                 a.cols));
  }
  Matrix<float> out(a.rows, b.cols);
  detail::csr_times_dense(a, b.values.data(), b.cols, out.values.data(), threads);
  return out;
}

ColumnMoments column_moments(const CsrMatrix& m) {
  ColumnMoments moments;
  moments.mean.assign(m.cols, 0.0);
  moments.variance.assign(m.cols, 0.0);
  std::vector<std::size_t> stored(m.cols, 0);
  for (std::size_t k = 0; k < m.nnz(); ++k) moments.mean[static_cast<std::size_t>(m.indices[k])] += m.values[k];
  const double n = static_cast<double>(m.rows);
  for (double& mean : moments.mean) mean /= n;
  // Two passes, as sparsefuncs does: squared deviations of the stored values, then the implicit
  // zeros' share, (rows - stored) * mean^2.
  for (std::size_t k = 0; k < m.nnz(); ++k) {
    const auto c = static_cast<std::size_t>(m.indices[k]);
    const double d = m.values[k] - moments.mean[c];
    moments.variance[c] += d * d;
    ++stored[c];
  }
  for (std::size_t c = 0; c < m.cols; ++c) {
    const double zeros = n - static_cast<double>(stored[c]);
    moments.variance[c] = (moments.variance[c] + zeros * moments.mean[c] * moments.mean[c]) / n;
  }
  return moments;
}

}  // namespace topica
