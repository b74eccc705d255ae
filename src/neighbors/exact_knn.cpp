// Exact k-nearest neighbours through blocked matrix products: a block of queries times a block
// of data rows gives their dot products in one single-threaded GEMM, and each query row keeps
// its k best in a bounded heap. Query blocks run in parallel; block shapes depend only on the
// problem size, so the result is bit-identical for any thread count.
//
// Cosine: distance = 1 - (unit row . unit row), the arithmetic scikit-learn uses
// (cosine_distances on float32: normalize, GEMM, 1 - S, clip to [0, 2]); the GEMM value is the
// reported distance, so selection and report agree, except that identical rows are put at
// exactly 0 (snap_identical).
//
// Euclidean: the GEMM gives |x|^2 + |y|^2 - 2 x.y, which cancels for near points, so it only
// pre-selects a few more candidates than needed; their distances are recomputed directly in
// double and re-sorted. Rows are first centred on the data mean (distances do not change) to
// shrink the norms the cancellation scales with. A row whose candidate margin is within the
// GEMM's error bound is redone by direct distances to every point, so the answer is exact up to
// the double recomputation (duplicates and dense blobs end up there; they cost time, not truth).
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/blas.hpp"
#include "neighbors/knn_common.hpp"
#include "topica/parallel.hpp"
#include "topica/vector_ops.hpp"

namespace topica {
namespace {

using neighbors::Neighbor;
using neighbors::TopK;

constexpr std::size_t kQueryBlock = 128;  // rows per task: 128 x 2048 tile = 1 MiB, about L2
constexpr std::size_t kBaseBlock = 2048;
constexpr double kRoundoff = 0x1p-24;  // float unit roundoff

// Rows as the matrix products see them.
struct GemmRows {
  Matrix<float> rows;           // cosine: unit rows; euclidean: rows minus the data mean
  std::vector<float> sq_norms;  // euclidean: squared norms of `rows`
  double max_norm = 0;          // euclidean: the largest norm, for the error bound
};

std::vector<double> column_means(const Matrix<float>& m) {
  std::vector<double> mean(m.cols, 0.0);
  for (std::size_t i = 0; i < m.rows; ++i) {
    const float* row = m.row(i);
    for (std::size_t j = 0; j < m.cols; ++j) mean[j] += row[j];
  }
  for (double& v : mean) v /= static_cast<double>(m.rows);
  return mean;
}

GemmRows prepare(const Matrix<float>& m, Metric metric, const std::vector<double>& mean) {
  GemmRows out;
  if (metric == Metric::Cosine) {
    out.rows = neighbors::unit_rows(m);
    return out;
  }
  out.rows = Matrix<float>(m.rows, m.cols);
  out.sq_norms.resize(m.rows);
  for (std::size_t i = 0; i < m.rows; ++i) {
    const float* in = m.row(i);
    float* row = out.rows.row(i);
    double sum = 0;
    for (std::size_t j = 0; j < m.cols; ++j) {
      row[j] = static_cast<float>(in[j] - mean[j]);
      sum += static_cast<double>(row[j]) * row[j];
    }
    out.sq_norms[i] = static_cast<float>(sum);
    out.max_norm = std::max(out.max_norm, std::sqrt(sum));
  }
  return out;
}

struct Problem {
  const Matrix<float>& base_raw;
  const Matrix<float>& query_raw;
  const GemmRows& base;
  const GemmRows& query;
  Metric metric;
  std::size_t k;
  bool self;         // queries are the data: skip the diagonal, put the point first
  std::size_t keep;  // candidates each row keeps from the GEMM values
  double gamma;      // relative error bound of a float dot product of this length

  std::size_t others() const { return self ? k - 1 : k; }
  std::size_t eligible() const { return self ? base.rows.rows - 1 : base.rows.rows; }
};

// Offers one query row's slice of a GEMM tile to its heap.
void offer_tile_row(const Problem& p, std::size_t q, const float* dots, std::size_t b0, std::size_t nb, TopK& top) {
  const bool cosine = p.metric == Metric::Cosine;
  const float qn = cosine ? 0.0f : p.query.sq_norms[q];
  const float* bn = cosine ? nullptr : p.base.sq_norms.data() + b0;
  float worst = top.full() ? top.worst().distance : std::numeric_limits<float>::infinity();
  for (std::size_t c = 0; c < nb; ++c) {
    const float v = cosine ? neighbors::cosine_from_dot(dots[c]) : std::max(0.0f, qn + bn[c] - 2.0f * dots[c]);
    if (v > worst) continue;
    const std::size_t j = b0 + c;
    if (p.self && j == q) continue;
    top.push(v, static_cast<std::int32_t>(j));
    if (top.full()) worst = top.worst().distance;
  }
}

// Writes the first `others` of `sorted` (after the point itself when self) into row q.
void write_row(const Problem& p, std::size_t q, const std::vector<Neighbor>& sorted, KnnGraph& out) {
  std::int32_t* idx = out.indices.data() + q * out.k;
  float* dist = out.distances.data() + q * out.k;
  std::size_t at = 0;
  if (p.self) {
    idx[at] = static_cast<std::int32_t>(q);
    dist[at++] = 0.0f;
  }
  for (std::size_t j = 0; j < p.others(); ++j, ++at) {
    idx[at] = sorted[j].index;
    dist[at] = sorted[j].distance;
  }
}

// Replaces approximate squared distances by exact distances and sorts; returns the exact
// squared distance of the last neighbour reported.
double recompute_euclidean(const Problem& p, std::size_t q, std::vector<Neighbor>& cands) {
  std::vector<double> exact(cands.size());
  for (std::size_t j = 0; j < cands.size(); ++j) {
    exact[j] = neighbors::exact_squared_distance(p.query_raw.row(q), p.base_raw.row(cands[j].index), p.base_raw.cols);
    cands[j].distance = static_cast<float>(std::sqrt(exact[j]));
  }
  std::vector<std::size_t> order(cands.size());
  for (std::size_t j = 0; j < order.size(); ++j) order[j] = j;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return cands[a] < cands[b]; });
  std::vector<Neighbor> sorted(cands.size());
  double last = 0;
  for (std::size_t j = 0; j < order.size(); ++j) {
    sorted[j] = cands[order[j]];
    if (j + 1 == p.others()) last = exact[order[j]];
  }
  cands.swap(sorted);
  return last;
}

// The slow, sure way for one row: direct distances to every point (no cancellation).
std::vector<Neighbor> direct_row(const Problem& p, std::size_t q) {
  TopK top(p.keep);
  const float* x = p.query_raw.row(q);
  for (std::size_t j = 0; j < p.base_raw.rows; ++j) {
    if (p.self && j == q) continue;
    top.push(squared_distance(x, p.base_raw.row(j), p.base_raw.cols), static_cast<std::int32_t>(j));
  }
  std::vector<Neighbor> cands = top.sorted();
  recompute_euclidean(p, q, cands);
  return cands;
}

void finish_row(const Problem& p, std::size_t q, TopK& top, KnnGraph& out) {
  std::vector<Neighbor>& cands = top.sorted();
  if (p.metric == Metric::Cosine) {
    for (Neighbor& c : cands) {
      c.distance = neighbors::snap_identical(p.query.rows.row(q), p.base.rows.row(static_cast<std::size_t>(c.index)),
                                             p.base.rows.cols, c.distance);
    }
    std::sort(cands.begin(), cands.end());
    write_row(p, q, cands, out);
    return;
  }
  const bool saw_everything = p.keep >= p.eligible();
  const double approx_worst = cands.back().distance;  // every point left out is at least this far (approx)
  const double kth = recompute_euclidean(p, q, cands);
  // Bound on |GEMM value - true squared distance| for this row: the float dot's error
  // (gamma |x||y|) plus the roundings of the norms and the sum, all below (|x| + |y|)^2.
  const double reach = std::sqrt(p.query.sq_norms[q]) + p.base.max_norm;
  const double tolerance = (p.gamma + 4 * kRoundoff) * reach * reach;
  if (saw_everything || approx_worst - tolerance > kth) {
    write_row(p, q, cands, out);
  } else {
    write_row(p, q, direct_row(p, q), out);
  }
}

void knn_block(const Problem& p, std::size_t begin, std::size_t end, KnnGraph& out) {
  const std::size_t d = p.base.rows.cols;
  const std::size_t m = end - begin;
  std::vector<TopK> tops(m, TopK(p.keep));
  std::vector<float> tile(m * std::min(kBaseBlock, p.base.rows.rows));
  for (std::size_t b0 = 0; b0 < p.base.rows.rows; b0 += kBaseBlock) {
    const std::size_t nb = std::min(kBaseBlock, p.base.rows.rows - b0);
    blas::gemm_abt(m, nb, d, 1.0f, p.query.rows.row(begin), d, p.base.rows.row(b0), d, 0.0f, tile.data(), nb);
    for (std::size_t r = 0; r < m; ++r) offer_tile_row(p, begin + r, tile.data() + r * nb, b0, nb, tops[r]);
  }
  for (std::size_t r = 0; r < m; ++r) finish_row(p, begin + r, tops[r], out);
}

KnnGraph gemm_knn(const Matrix<float>& base, const Matrix<float>& queries, const KnnOptions& options, bool self) {
  neighbors::check_input(base, "data");
  if (!self) neighbors::check_input(queries, "queries");
  if (base.cols != queries.cols) {
    throw InputError(fmt::format("neighbours: queries have {} columns, data {}", queries.cols, base.cols));
  }
  neighbors::check_k(options.k, base.rows);
  KnnGraph out = neighbors::make_graph(queries.rows, options.k);
  if (self && options.k == 1) {  // only the point itself
    for (std::size_t i = 0; i < out.n; ++i) out.indices[i] = static_cast<std::int32_t>(i);
    return out;
  }
  const std::vector<double> mean = options.metric == Metric::Euclidean ? column_means(base) : std::vector<double>();
  const GemmRows base_rows = prepare(base, options.metric, mean);
  const GemmRows query_rows = self ? GemmRows() : prepare(queries, options.metric, mean);
  const std::size_t others = self ? options.k - 1 : options.k;
  const std::size_t eligible = self ? base.rows - 1 : base.rows;
  // Euclidean keeps a margin of extra candidates so that the exact re-sort rarely has to
  // fall back to the direct path; cosine reports the GEMM values and needs none.
  const std::size_t margin = options.metric == Metric::Euclidean ? std::max<std::size_t>(8, others / 2) : 0;
  const double du = static_cast<double>(base.cols) * kRoundoff;
  const Problem p{base,
                  queries,
                  base_rows,
                  self ? base_rows : query_rows,
                  options.metric,
                  options.k,
                  self,
                  std::min(eligible, others + margin),
                  du / (1 - du)};
  parallel_blocks(queries.rows, kQueryBlock, options.threads,
                  [&](std::size_t begin, std::size_t end) { knn_block(p, begin, end, out); });
  return out;
}

}  // namespace

KnnGraph exact_knn(const Matrix<float>& data, const KnnOptions& options) { return gemm_knn(data, data, options, true); }

KnnGraph exact_knn_query(const Matrix<float>& base, const Matrix<float>& queries, const KnnOptions& options) {
  return gemm_knn(base, queries, options, false);
}

}  // namespace topica
