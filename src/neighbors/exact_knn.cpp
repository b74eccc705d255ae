// Exact k-nearest neighbours by brute force. Rows are processed in fixed blocks so the result
// is identical for any thread count.
#include <algorithm>
#include <cmath>
#include <queue>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topica/neighbors.hpp"
#include "topica/parallel.hpp"
#include "topica/vector_ops.hpp"

namespace topica {

const char* metric_name(Metric metric) { return metric == Metric::Cosine ? "cosine" : "euclidean"; }

namespace {

void check_finite(const Matrix<float>& m, const char* what) {
  for (std::size_t i = 0; i < m.rows; ++i) {
    const float* row = m.row(i);
    for (std::size_t j = 0; j < m.cols; ++j) {
      if (!std::isfinite(row[j])) {
        throw InputError(fmt::format("{}: row {} holds a non-finite value ({}) in column {}", what, i, row[j], j));
      }
    }
  }
}

std::vector<float> inverse_norms(const Matrix<float>& m) {
  std::vector<float> inv(m.rows);
  for (std::size_t i = 0; i < m.rows; ++i) {
    const float norm = std::sqrt(dot(m.row(i), m.row(i), m.cols));
    inv[i] = norm > 0 ? 1.0f / norm : 0.0f;
  }
  return inv;
}

struct Candidate {
  float distance;
  std::int32_t index;
  bool operator<(const Candidate& o) const {  // max-heap on (distance, index)
    return distance < o.distance || (distance == o.distance && index < o.index);
  }
};

}  // namespace

KnnGraph exact_knn_query(const Matrix<float>& base, const Matrix<float>& queries, const KnnOptions& options) {
  if (base.cols != queries.cols) {
    throw InputError(fmt::format("neighbours: queries have {} columns, data {}", queries.cols, base.cols));
  }
  if (options.k == 0 || options.k > base.rows) {
    throw UsageError(fmt::format("neighbours: k = {} but there are {} points", options.k, base.rows));
  }
  check_finite(base, "data");
  check_finite(queries, "queries");
  const bool cosine = options.metric == Metric::Cosine;
  const std::vector<float> base_inv = cosine ? inverse_norms(base) : std::vector<float>();
  const std::vector<float> query_inv = cosine ? inverse_norms(queries) : std::vector<float>();

  KnnGraph g;
  g.n = queries.rows;
  g.k = options.k;
  g.indices.resize(g.n * g.k);
  g.distances.resize(g.n * g.k);
  parallel_blocks(queries.rows, 64, options.threads, [&](std::size_t begin, std::size_t end) {
    std::vector<Candidate> heap;
    for (std::size_t q = begin; q < end; ++q) {
      heap.clear();
      const float* x = queries.row(q);
      for (std::size_t i = 0; i < base.rows; ++i) {
        float d;
        if (cosine) {
          d = (query_inv[q] == 0 || base_inv[i] == 0) ? 1.0f
                                                      : 1.0f - dot(x, base.row(i), base.cols) * query_inv[q] * base_inv[i];
          d = std::max(d, 0.0f);
        } else {
          d = std::sqrt(squared_distance(x, base.row(i), base.cols));
        }
        const Candidate c{d, static_cast<std::int32_t>(i)};
        if (heap.size() < g.k) {
          heap.push_back(c);
          std::push_heap(heap.begin(), heap.end());
        } else if (c < heap.front()) {
          std::pop_heap(heap.begin(), heap.end());
          heap.back() = c;
          std::push_heap(heap.begin(), heap.end());
        }
      }
      std::sort_heap(heap.begin(), heap.end());
      for (std::size_t j = 0; j < g.k; ++j) {
        g.indices[q * g.k + j] = heap[j].index;
        g.distances[q * g.k + j] = heap[j].distance;
      }
    }
  });
  return g;
}

KnnGraph exact_knn(const Matrix<float>& data, const KnnOptions& options) {
  KnnGraph g = exact_knn_query(data, data, options);
  // Rounding can leave a point a hair away from itself; put it first at distance 0 as the
  // references do (unless an exact duplicate with a smaller index already sits there at 0).
  for (std::size_t i = 0; i < g.n; ++i) {
    std::int32_t* idx = g.indices.data() + i * g.k;
    float* dist = g.distances.data() + i * g.k;
    const auto self = std::find(idx, idx + g.k, static_cast<std::int32_t>(i));
    if (self == idx) {
      dist[0] = 0.0f;
      continue;
    }
    const std::size_t from = self == idx + g.k ? g.k - 1 : static_cast<std::size_t>(self - idx);
    for (std::size_t j = from; j > 0; --j) {
      idx[j] = idx[j - 1];
      dist[j] = dist[j - 1];
    }
    idx[0] = static_cast<std::int32_t>(i);
    dist[0] = 0.0f;
  }
  return g;
}

}  // namespace topica
