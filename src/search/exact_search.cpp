// The exact path: the file is read a block of rows at a time; one GEMM per block gives every
// query's dot product with every row of the block, and each row's norm turns them into cosines.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/blas.hpp"
#include "search/embedding_rows.hpp"
#include "search/top_hits.hpp"
#include "topica/error.hpp"
#include "topica/search.hpp"

namespace topica {
namespace {

// 4,096 rows of 384 floats is 6 MiB: large enough for GEMM to run at speed, small enough that
// a search of any file stays within a few blocks of memory.
constexpr std::size_t kBlockRows = 4096;

Matrix<float> unit_queries(const Matrix<float>& queries) {
  Matrix<float> q = queries;
  for (std::size_t i = 0; i < q.rows; ++i) search::normalize_row(q.row(i), q.cols);
  return q;
}

}  // namespace

std::vector<std::vector<SearchHit>> exact_search(const std::string& npy_path, const Matrix<float>& queries,
                                                 std::size_t top) {
  search::EmbeddingRows rows(npy_path);
  if (queries.cols != rows.cols()) {
    throw InputError(fmt::format("{}: {}-d embeddings but the query is {}-d (embedded by another model?)", npy_path,
                                 rows.cols(), queries.cols));
  }
  const Matrix<float> q = unit_queries(queries);
  std::vector<search::TopHits> best(q.rows, search::TopHits(std::min(top, rows.rows())));
  Matrix<float> block, dots;
  std::vector<float> inverse_norms;
  while (true) {
    const std::size_t first = rows.position();
    const std::size_t count = rows.next(block, kBlockRows);
    if (count == 0) break;
    inverse_norms.assign(count, 0.0f);
    for (std::size_t r = 0; r < count; ++r) {
      double sum = 0;
      for (std::size_t j = 0; j < block.cols; ++j) sum += double(block(r, j)) * block(r, j);
      if (sum > 0) inverse_norms[r] = static_cast<float>(1.0 / std::sqrt(sum));
    }
    dots = Matrix<float>(q.rows, count);
    blas::gemm_abt(q.rows, count, q.cols, 1.0f, q.values.data(), q.cols, block.values.data(), block.cols, 0.0f,
                   dots.values.data(), count);
    for (std::size_t i = 0; i < q.rows; ++i) {
      for (std::size_t r = 0; r < count; ++r) best[i].offer({first + r, dots(i, r) * inverse_norms[r]});
    }
  }
  std::vector<std::vector<SearchHit>> out;
  for (const auto& b : best) out.push_back(b.sorted());
  return out;
}

}  // namespace topica
