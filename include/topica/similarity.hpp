// Cosine similarity search by exhaustive scan: BERTopic's find_topics (a query against topic
// embeddings) and "similar documents" (a query against document embeddings). Exact, in double
// precision, so a result never depends on an index, a seed or the thread count.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "topica/matrix.hpp"

namespace topica {

struct SimilarityHit {
  std::size_t row = 0;    ///< row of the searched matrix
  double similarity = 0;  ///< cosine similarity in [-1, 1]; 0 when either vector is zero
};

/// The `k` rows of `rows` most similar to `query` by cosine similarity, most similar first, ties
/// broken by the smaller row. Rows listed in `exclude` are skipped (a document is not its own
/// neighbour). Fewer than `k` hits when fewer rows remain. Throws UsageError when query.size()
/// differs from rows.cols.
std::vector<SimilarityHit> most_similar(const Matrix<float>& rows, std::span<const float> query, std::size_t k,
                                        std::span<const std::size_t> exclude = {});

}  // namespace topica
