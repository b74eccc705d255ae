// Reading an embeddings .npy file a block of rows at a time, so searching a file larger than
// memory needs one block, not the whole array. Internal to libtopica.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>

#include "topica/matrix.hpp"

namespace topica::search {

class EmbeddingRows {
 public:
  /// Opens `path` and checks its header and size. C-order '<f4' arrays (what np.save and
  /// topica embed write) are streamed; any other layout read_npy_matrix accepts is read whole.
  /// Throws InputError naming the file for a shape other than 2-d or a size that does not match.
  explicit EmbeddingRows(const std::string& path);
  ~EmbeddingRows();
  EmbeddingRows(const EmbeddingRows&) = delete;
  EmbeddingRows& operator=(const EmbeddingRows&) = delete;

  std::size_t rows() const { return rows_; }
  std::size_t cols() const { return cols_; }
  const std::string& path() const { return path_; }

  /// Fills `block` with the next rows (at most `max_rows`) and returns how many; 0 at the end.
  /// Throws InputError naming the file and row for NaN or Inf.
  std::size_t next(Matrix<float>& block, std::size_t max_rows);
  /// Index of the first row the next call returns.
  std::size_t position() const { return next_row_; }

 private:
  std::string path_;
  std::size_t rows_ = 0, cols_ = 0, next_row_ = 0;
  std::FILE* file_ = nullptr;  // streamed; null when whole_ holds the data
  Matrix<float> whole_;
};

/// Scales `row` (n values) to unit length in place; a zero row stays zero.
void normalize_row(float* row, std::size_t n);

}  // namespace topica::search
