// Lloyd's k-means iterations, as scikit-learn 1.2's _kmeans_single_lloyd (dense data, unit
// sample weights), including its empty-cluster relocation and final reassignment.
#include <algorithm>
#include <numeric>

#include "cluster/kmeans_steps.hpp"
#include "core/blas.hpp"
#include "topica/parallel.hpp"
#include "topica/vector_ops.hpp"

#if defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
#define TOPICA_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define TOPICA_CLONES
#endif

namespace topica::detail {
namespace {

constexpr std::size_t kRanges = 16;  // partial sums of the centers (memory: 16 k d doubles)
/// Rows per distance product: scikit-learn's CHUNK_SIZE is 256; with few centers larger chunks
/// spread sgemm's call overhead over more rows, up to where the chunk leaves the cache.
constexpr std::size_t kMinChunk = 256, kMaxChunk = 1024, kChunkScores = 1 << 16;

std::size_t chunk_rows(std::size_t k) { return std::clamp(kChunkScores / std::max<std::size_t>(k, 1), kMinChunk, kMaxChunk); }

/// sum[0, d) += row[0, d) in float64 (one row into its cluster's running sum).
TOPICA_CLONES void add_row(double* sum, const float* row, std::size_t d) {
  for (std::size_t j = 0; j < d; ++j) sum[j] += row[j];
}

/// Per-cluster sums of the rows (float64) and row counts.
struct ClusterSums {
  std::vector<double> sums;  // k x d
  std::vector<double> counts;
};

ClusterSums sum_clusters(const Matrix<float>& x, std::size_t k, const std::vector<std::int32_t>& labels,
                         std::size_t threads) {
  const std::size_t d = x.cols;
  const std::vector<std::size_t> starts = row_range_starts(x.rows);
  const std::size_t ranges = starts.size() - 1;
  std::vector<ClusterSums> partial(ranges);
  parallel_tasks(ranges, threads, [&](std::size_t r) {
    ClusterSums& p = partial[r];
    p.sums.assign(k * d, 0.0);
    p.counts.assign(k, 0.0);
    for (std::size_t i = starts[r]; i < starts[r + 1]; ++i) {
      const auto c = static_cast<std::size_t>(labels[i]);
      add_row(p.sums.data() + c * d, x.row(i), d);
      p.counts[c] += 1;
    }
  });
  ClusterSums total = std::move(partial[0]);
  for (std::size_t r = 1; r < ranges; ++r) {
    for (std::size_t j = 0; j < total.sums.size(); ++j) total.sums[j] += partial[r].sums[j];
    for (std::size_t c = 0; c < k; ++c) total.counts[c] += partial[r].counts[c];
  }
  return total;
}

/// scikit-learn's _relocate_empty_clusters_dense: each empty cluster takes one of the points
/// farthest from their current center (farthest first; ties by row), which leaves its old
/// cluster's sum. The point keeps its label until the next assignment.
void relocate_empty_clusters(const Matrix<float>& x, const Matrix<float>& old_centers,
                             const std::vector<std::int32_t>& labels, ClusterSums& s) {
  std::vector<std::size_t> empty;
  for (std::size_t c = 0; c < s.counts.size(); ++c) {
    if (s.counts[c] == 0) empty.push_back(c);
  }
  if (empty.empty()) return;
  const std::size_t d = x.cols;
  std::vector<float> distance(x.rows);
  for (std::size_t i = 0; i < x.rows; ++i) {
    distance[i] = squared_distance(x.row(i), old_centers.row(static_cast<std::size_t>(labels[i])), d);
  }
  std::vector<std::size_t> order(x.rows);
  std::iota(order.begin(), order.end(), 0);
  const auto far = static_cast<std::ptrdiff_t>(std::min(empty.size(), order.size()));
  std::partial_sort(order.begin(), order.begin() + far, order.end(), [&](std::size_t a, std::size_t b) {
    return distance[a] > distance[b] || (distance[a] == distance[b] && a < b);
  });
  for (std::size_t e = 0; e < static_cast<std::size_t>(far); ++e) {
    const std::size_t point = order[e], to = empty[e], from = static_cast<std::size_t>(labels[point]);
    for (std::size_t j = 0; j < d; ++j) {
      s.sums[from * d + j] -= x(point, j);
      s.sums[to * d + j] = x(point, j);
    }
    s.counts[to] = 1;
    s.counts[from] -= 1;
  }
}

/// Means from sums (scikit-learn's _average_centers: a cluster with no weight keeps its sum),
/// and the summed squared shift from the previous centers.
double update_centers(const ClusterSums& s, const Matrix<float>& old_centers, Matrix<float>& centers) {
  const std::size_t k = old_centers.rows, d = old_centers.cols;
  double shift = 0;
  for (std::size_t c = 0; c < k; ++c) {
    const double scale = s.counts[c] > 0 ? 1.0 / s.counts[c] : 1.0;
    for (std::size_t j = 0; j < d; ++j) {
      centers(c, j) = static_cast<float>(s.sums[c * d + j] * scale);
      const double delta = static_cast<double>(centers(c, j)) - old_centers(c, j);
      shift += delta * delta;
    }
  }
  return shift;
}

}  // namespace

std::vector<float> squared_row_norms(const Matrix<float>& x) {
  std::vector<float> norms(x.rows);
  for (std::size_t i = 0; i < x.rows; ++i) norms[i] = dot(x.row(i), x.row(i), x.cols);
  return norms;
}

std::vector<std::size_t> row_range_starts(std::size_t n) {
  const std::size_t size = std::max<std::size_t>((n + kRanges - 1) / kRanges, 1);
  std::vector<std::size_t> starts;
  for (std::size_t s = 0; s < n; s += size) starts.push_back(s);
  starts.push_back(n);
  if (starts.size() == 1) starts.insert(starts.begin(), 0);  // n == 0: one empty range
  return starts;
}

void assign_labels(const Matrix<float>& x, const Matrix<float>& centers, std::vector<std::int32_t>& labels,
                   std::size_t threads) {
  const std::size_t k = centers.rows, d = x.cols;
  std::vector<float> norms(k);
  for (std::size_t c = 0; c < k; ++c) norms[c] = dot(centers.row(c), centers.row(c), d);
  labels.resize(x.rows);
  parallel_blocks(x.rows, chunk_rows(k), threads, [&](std::size_t begin, std::size_t end) {
    const std::size_t rows = end - begin;
    std::vector<float> scores(rows * k);
    for (std::size_t i = 0; i < rows; ++i) std::copy(norms.begin(), norms.end(), scores.begin() + static_cast<std::ptrdiff_t>(i * k));
    if (d > 0) blas::gemm_abt(rows, k, d, -2.0f, x.row(begin), d, centers.values.data(), d, 1.0f, scores.data(), k);
    for (std::size_t i = 0; i < rows; ++i) {
      const float* row = scores.data() + i * k;
      labels[begin + i] = static_cast<std::int32_t>(std::min_element(row, row + k) - row);
    }
  });
}

double inertia(const Matrix<float>& x, const Matrix<float>& centers, const std::vector<std::int32_t>& labels,
               std::size_t threads) {
  const std::vector<std::size_t> starts = row_range_starts(x.rows);
  std::vector<double> partial(starts.size() - 1, 0.0);
  parallel_tasks(partial.size(), threads, [&](std::size_t r) {
    for (std::size_t i = starts[r]; i < starts[r + 1]; ++i) {
      partial[r] += squared_distance(x.row(i), centers.row(static_cast<std::size_t>(labels[i])), x.cols);
    }
  });
  return std::accumulate(partial.begin(), partial.end(), 0.0);
}

LloydResult lloyd(const Matrix<float>& x, Matrix<float> centers, std::size_t max_iter, double tol,
                  std::size_t threads) {
  LloydResult result;
  std::vector<std::int32_t> labels(x.rows, -1), previous(x.rows, -1);
  Matrix<float> next(centers.rows, centers.cols);
  bool strict = false;
  std::size_t iteration = 0;
  while (iteration < max_iter) {
    ++iteration;
    assign_labels(x, centers, labels, threads);
    ClusterSums sums = sum_clusters(x, centers.rows, labels, threads);
    relocate_empty_clusters(x, centers, labels, sums);
    const double shift = update_centers(sums, centers, next);
    std::swap(centers, next);
    if (labels == previous) {
      strict = true;
      break;
    }
    if (shift <= tol) break;
    previous = labels;
  }
  // "rerun E-step so that predicted labels match cluster centers" (scikit-learn).
  if (!strict) assign_labels(x, centers, labels, threads);
  result.inertia = inertia(x, centers, labels, threads);
  result.labels = std::move(labels);
  result.centers = std::move(centers);
  result.n_iter = iteration;
  return result;
}

}  // namespace topica::detail
