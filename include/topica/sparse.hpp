// Compressed sparse row (CSR) matrices: the shape of term counts, TF-IDF and c-TF-IDF, laid out
// as scipy.sparse.csr_matrix holds them (indptr, indices, data), so the three arrays can travel to
// and from Python as .npy files unchanged.
//
// Row i holds the entries indices[indptr[i] .. indptr[i+1]) with values at the same positions.
// A default-constructed matrix is the valid empty matrix (indptr = {0}), so rows can be appended
// by pushing their entries and then the new end offset. Column indices within a row need not be
// sorted; a repeated (row, column) pair counts as the sum of its values, as in scipy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "topica/matrix.hpp"

namespace topica {

template <typename T>
struct Csr {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<std::int64_t> indptr{0};  ///< rows + 1 offsets, indptr[0] = 0, non-decreasing
  std::vector<std::int32_t> indices;    ///< column of each stored value, in [0, cols)
  std::vector<T> values;                ///< the stored values

  std::size_t nnz() const { return values.size(); }
};

/// float32 CSR: what TF-IDF is fed to the randomized SVD (LSA) as.
using CsrMatrix = Csr<float>;

/// Checks the structure and values of `m` and throws InputError naming `name` and the first
/// problem found: indptr of the wrong length, not starting at 0 or decreasing, indices and values
/// of different lengths, a column index out of range, or a NaN/Inf value (with its row).
void validate_csr(const CsrMatrix& m, std::string_view name);

/// The transpose as a new CSR matrix (that is, `m` in compressed sparse column form). Within each
/// row of the result, columns come in increasing order. O(nnz + rows + cols).
CsrMatrix transpose(const CsrMatrix& m);

/// Converts a dense matrix, keeping the entries that are not exactly zero.
CsrMatrix to_csr(const Matrix<float>& dense);

/// The dense product a (rows x cols) * b (cols x k), row-major. Each output row is summed in the
/// order of its stored entries by one task, so the result is identical for any `threads`
/// (0: every core). Throws InputError when b.rows != a.cols.
Matrix<float> multiply(const CsrMatrix& a, const Matrix<float>& b, std::size_t threads);

/// Column means and population variances (ddof 0, implicit zeros included) in float64, as
/// scikit-learn 1.2's sparsefuncs.mean_variance_axis(X, axis=0).
struct ColumnMoments {
  std::vector<double> mean;
  std::vector<double> variance;
};
ColumnMoments column_moments(const CsrMatrix& m);

}  // namespace topica
