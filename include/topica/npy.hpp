// NumPy `.npy` files: the format embeddings and labels travel in between topica and Python.
// Reads accept what np.save writes (format versions 1.0, 2.0 and 3.0, C or Fortran order) and
// refuse anything else with an InputError that names the file; writes match np.save's layout
// (version 1.0, C order, data aligned to 64 bytes) and go through AtomicFile, so a failure
// leaves no partial file. Every multi-byte value is little-endian, as np.save writes on x86/ARM.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "topica/matrix.hpp"

namespace topica {

/// What a `.npy` header says, before any data is read.
struct NpyInfo {
  std::string dtype;                 ///< the header's 'descr', e.g. "<f4"
  bool fortran_order = false;        ///< true: the data is stored column by column
  std::vector<std::uint64_t> shape;  ///< empty for a 0-d (scalar) array
  std::uint64_t data_offset = 0;     ///< byte offset of the first element in the file
};

/// Parses the header of `path` without reading the data, so callers can check a shape cheaply.
/// Any dtype is reported as written; the header itself must be well formed. Throws Error when the
/// file cannot be opened, InputError for a bad magic, an unknown version or a malformed header.
NpyInfo read_npy_info(const std::string& path);

/// Reads a 2-d array as float32 rows; a 1-d array of N values becomes N x 1.
/// Accepts '<f4' and '<f8' (float64 is rounded to the nearest float32, as numpy's astype does)
/// in C or Fortran order; Fortran data is transposed into row-major order while it is read.
/// Memory: the matrix plus a fixed 256 KiB buffer. Throws InputError naming the file for any other
/// dtype, big-endian data, 0-d or >2-d shapes, truncated or oversized data.
Matrix<float> read_npy_matrix(const std::string& path);

/// Reads integer labels (e.g. cluster ids, -1 for outliers) from a 1-d or N x 1 '<i4' / '<i8'
/// array. Floats are refused rather than cast, so a wrong file cannot pass as labels.
std::vector<std::int64_t> read_npy_labels(const std::string& path);

/// Writes `m` as a C-order '<f4' array of shape (rows, cols) that np.load reads back unchanged.
/// "-" writes to standard output. Throws Error when `m.values` does not hold rows * cols values
/// or the file cannot be written; the target is then left untouched.
void write_npy(const std::string& path, const Matrix<float>& m);

/// Writes `values` as a 1-d '<i8' array (the dtype np.load gives Python ints by default).
void write_npy(const std::string& path, std::span<const std::int64_t> values);

/// Reads a 1-d or 2-d '<f8' or '<f4' array as float64 rows without rounding (src/io/npy_f64.cpp),
/// for callers that must see numpy's exact values (parity against float64 references).
/// Throws InputError naming the file for other dtypes or shapes and for truncated data.
Matrix<double> read_npy_matrix_f64(const std::string& path);

}  // namespace topica
