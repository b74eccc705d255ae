#include "neighbors/brute_force.hpp"

#include <cmath>

#include <fmt/format.h>

#include "neighbors/knn_common.hpp"
#include "topica/parallel.hpp"
#include "topica/vector_ops.hpp"

namespace topica::neighbors {
namespace {

// Distances as the exact path reports them: cosine from the float dot of unit rows (the
// arithmetic of scikit-learn), euclidean from a double-accumulated sum of squares.
KnnGraph brute_force(const Matrix<float>& base, const Matrix<float>& queries, const KnnOptions& options,
                     bool self) {
  check_input(base, "data");
  if (!self) check_input(queries, "queries");
  if (base.cols != queries.cols) {
    throw InputError(fmt::format("neighbours: queries have {} columns, data {}", queries.cols, base.cols));
  }
  check_k(options.k, base.rows);
  const bool cosine = options.metric == Metric::Cosine;
  const Matrix<float> base_unit = cosine ? unit_rows(base) : Matrix<float>();
  const Matrix<float> query_unit = cosine && !self ? unit_rows(queries) : Matrix<float>();
  const Matrix<float>& b = cosine ? base_unit : base;
  const Matrix<float>& q = cosine ? (self ? base_unit : query_unit) : queries;
  const std::size_t others = self ? options.k - 1 : options.k;

  KnnGraph g = make_graph(queries.rows, options.k);
  parallel_blocks(queries.rows, 64, options.threads, [&](std::size_t begin, std::size_t end) {
    TopK top;
    for (std::size_t i = begin; i < end; ++i) {
      top.reset(others);
      for (std::size_t j = 0; j < b.rows; ++j) {
        if (self && j == i) continue;
        const float d =
            cosine ? snap_identical(q.row(i), b.row(j), b.cols, cosine_from_dot(dot(q.row(i), b.row(j), b.cols)))
                   : static_cast<float>(std::sqrt(exact_squared_distance(q.row(i), b.row(j), b.cols)));
        top.push(d, static_cast<std::int32_t>(j));
      }
      std::int32_t* idx = g.indices.data() + i * g.k;
      float* dist = g.distances.data() + i * g.k;
      std::size_t at = 0;
      if (self) idx[at++] = static_cast<std::int32_t>(i);  // distance 0, as the references
      for (const Neighbor& n : top.sorted()) {
        idx[at] = n.index;
        dist[at++] = n.distance;
      }
    }
  });
  return g;
}

}  // namespace

KnnGraph brute_force_knn(const Matrix<float>& data, const KnnOptions& options) {
  return brute_force(data, data, options, true);
}

KnnGraph brute_force_knn_query(const Matrix<float>& base, const Matrix<float>& queries, const KnnOptions& options) {
  return brute_force(base, queries, options, false);
}

}  // namespace topica::neighbors
