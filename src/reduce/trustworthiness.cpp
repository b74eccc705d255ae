// Input distances come a block of rows at a time from one GEMM (x.y, turned into euclidean or
// cosine distance), so the n x n matrix scikit-learn builds is never held. Rows are cut into
// fixed blocks and the per-block sums added in block order: the same value for any thread count.
#include "topica/trustworthiness.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/blas.hpp"
#include "topica/error.hpp"
#include "topica/parallel.hpp"
#include "topica/vector_ops.hpp"

namespace topica {
namespace {

constexpr std::size_t kBlock = 64;

void check_finite(const Matrix<float>& m, const char* what) {
  for (std::size_t i = 0; i < m.values.size(); ++i) {
    if (!std::isfinite(m.values[i])) {
      throw InputError(fmt::format("trustworthiness: {} row {} holds a non-finite value", what, i / m.cols));
    }
  }
}

// The k nearest rows of `y` to row i (i excluded) by euclidean distance, ties by index.
void embedded_neighbors(const Matrix<float>& y, std::size_t i, std::size_t k,
                        std::vector<std::pair<float, std::int32_t>>& scratch, std::vector<std::int32_t>& out) {
  scratch.clear();
  for (std::size_t j = 0; j < y.rows; ++j) {
    if (j != i) scratch.emplace_back(squared_distance(y.row(i), y.row(j), y.cols), static_cast<std::int32_t>(j));
  }
  std::partial_sort(scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(k), scratch.end());
  out.resize(k);
  for (std::size_t q = 0; q < k; ++q) out[q] = scratch[q].second;
}

// 1-based rank of j among all points other than i by input distance from i (ties by index).
std::size_t input_rank(const float* dist, std::size_t n, std::size_t i, std::size_t j) {
  const float dj = dist[j];
  std::size_t closer = 0;
  for (std::size_t m = 0; m < n; ++m) closer += static_cast<std::size_t>(dist[m] < dj) + static_cast<std::size_t>(dist[m] == dj && m < j);
  // i itself sits at distance 0 (or below dj): scikit-learn puts it last, so do not count it.
  if (dist[i] < dj || (dist[i] == dj && i < j)) --closer;
  return closer + 1;
}

}  // namespace

double trustworthiness(const Matrix<float>& data, const Matrix<float>& embedding, std::size_t n_neighbors, Metric metric,
                       std::size_t threads) {
  const std::size_t n = data.rows, k = n_neighbors;
  if (embedding.rows != n) {
    throw UsageError(fmt::format("trustworthiness: {} input rows but {} embedded rows", n, embedding.rows));
  }
  if (k < 1 || 2 * k >= n) {
    throw UsageError(fmt::format("trustworthiness: n_neighbors ({}) should be less than n_samples / 2 ({})", k, n / 2.0));
  }
  check_finite(data, "input");
  check_finite(embedding, "embedding");
  std::vector<float> sq_norm(n);
  for (std::size_t i = 0; i < n; ++i) sq_norm[i] = dot(data.row(i), data.row(i), data.cols);

  const std::size_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<double> penalty(blocks, 0.0);
  parallel_blocks(n, kBlock, threads, [&](std::size_t begin, std::size_t end) {
    const std::size_t rows = end - begin;
    std::vector<float> dist(rows * n);
    blas::gemm_abt(rows, n, data.cols, 1.0f, data.row(begin), data.cols, data.values.data(), data.cols, 0.0f,
                   dist.data(), n);
    for (std::size_t r = 0; r < rows; ++r) {
      float* d = dist.data() + r * n;
      const std::size_t i = begin + r;
      for (std::size_t m = 0; m < n; ++m) {
        if (metric == Metric::Euclidean) {  // squared: same order, no square root
          d[m] = std::max(0.0f, sq_norm[i] + sq_norm[m] - 2.0f * d[m]);
        } else {
          const float norms = std::sqrt(sq_norm[i]) * std::sqrt(sq_norm[m]);
          d[m] = norms > 0 ? std::clamp(1.0f - d[m] / norms, 0.0f, 2.0f) : 1.0f;
        }
      }
    }
    std::vector<std::pair<float, std::int32_t>> scratch;
    std::vector<std::int32_t> neighbors;
    double sum = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      const std::size_t i = begin + r;
      embedded_neighbors(embedding, i, k, scratch, neighbors);
      for (std::int32_t j : neighbors) {
        const std::size_t rank = input_rank(dist.data() + r * n, n, i, static_cast<std::size_t>(j));
        if (rank > k) sum += static_cast<double>(rank - k);
      }
    }
    penalty[begin / kBlock] = sum;
  });
  const double total = std::accumulate(penalty.begin(), penalty.end(), 0.0);
  const double nd = static_cast<double>(n), kd = static_cast<double>(k);
  return 1.0 - total * (2.0 / (nd * kd * (2.0 * nd - 3.0 * kd - 1.0)));
}

}  // namespace topica
