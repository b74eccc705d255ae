// Rows the explorer searches by cosine on every request (document and topic embeddings). Each
// row's norm is computed once, at startup, so a query costs one SIMD dot product per row (a pass
// over the matrix at memory speed) instead of most_similar's two double-precision passes; no
// lock, so requests on every server thread scan at once. The hits kept are rescored in double
// precision exactly as most_similar (topica/similarity.hpp) scores them, so the answers hold the
// same numbers whichever path found them.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "topica/matrix.hpp"
#include "topica/similarity.hpp"

namespace topica::serve {

class CosineRows {
 public:
  /// `rows` must outlive this; nullptr means no rows (every search finds nothing).
  explicit CosineRows(const Matrix<float>* rows);

  bool empty() const { return rows_ == nullptr || rows_->rows == 0; }
  std::size_t dimensions() const { return rows_ == nullptr ? 0 : rows_->cols; }

  /// most_similar(rows, query, k, exclude): the same hits, most similar first, ties by row.
  std::vector<SimilarityHit> most_similar(std::span<const float> query, std::size_t k,
                                          std::span<const std::size_t> exclude = {}) const;

 private:
  const Matrix<float>* rows_;
  std::vector<float> inverse_norms_;  // 0 for a zero row: similar to nothing, as in most_similar
};

}  // namespace topica::serve
