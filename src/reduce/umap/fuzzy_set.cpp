#include "reduce/umap/fuzzy_set.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "topica/parallel.hpp"

namespace topica::umap {
namespace {

// umap-learn 0.5.3 umap_.py constants.
constexpr double kSmoothKTolerance = 1e-5;  // SMOOTH_K_TOLERANCE
constexpr double kMinKDistScale = 1e-3;     // MIN_K_DIST_SCALE
constexpr int kBinarySearchSteps = 64;      // smooth_knn_dist(n_iter=64)

double mean_finite(const float* values, std::size_t n) {
  double sum = 0;
  std::size_t count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(values[i])) continue;
    sum += values[i];
    ++count;
  }
  return count == 0 ? 0.0 : sum / static_cast<double>(count);
}

// rho: interpolated distance to the local_connectivity-th neighbour at a positive distance.
float local_rho(const float* dist, std::size_t k, double local_connectivity) {
  std::vector<float> positive;
  positive.reserve(k);
  for (std::size_t j = 0; j < k; ++j) {
    if (dist[j] > 0.0f) positive.push_back(dist[j]);
  }
  if (positive.empty()) return 0.0f;
  if (static_cast<double>(positive.size()) < local_connectivity) {
    return *std::max_element(positive.begin(), positive.end());
  }
  const auto index = static_cast<std::size_t>(std::floor(local_connectivity));
  const double interpolation = local_connectivity - static_cast<double>(index);
  if (index == 0) return static_cast<float>(interpolation * positive[0]);
  float rho = positive[index - 1];
  if (interpolation > kSmoothKTolerance) {
    rho += static_cast<float>(interpolation * (positive[index] - positive[index - 1]));
  }
  return rho;
}

// The bandwidth whose smoothed neighbour count matches `target`, by bisection (doubling while
// the upper end is still unbounded).
double bisect_sigma(const float* dist, std::size_t k, float rho, double target) {
  double lo = 0.0, hi = std::numeric_limits<double>::infinity(), mid = 1.0;
  for (int step = 0; step < kBinarySearchSteps; ++step) {
    double psum = 0.0;
    for (std::size_t j = 1; j < k; ++j) {
      const float d = dist[j] - rho;  // float32, as umap-learn's numba code computes it
      psum += d > 0.0f ? std::exp(-(static_cast<double>(d) / mid)) : 1.0;
    }
    if (std::fabs(psum - target) < kSmoothKTolerance) break;
    if (psum > target) {
      hi = mid;
      mid = (lo + hi) / 2.0;
    } else {
      lo = mid;
      mid = std::isinf(hi) ? mid * 2.0 : (lo + hi) / 2.0;
    }
  }
  return mid;
}

}  // namespace

LocalScales smooth_knn_dist(const KnnGraph& knn, double k, double local_connectivity, std::size_t threads) {
  LocalScales s;
  s.sigmas.assign(knn.n, 0.0f);
  s.rhos.assign(knn.n, 0.0f);
  const double target = std::log2(k);
  const double mean_all = mean_finite(knn.distances.data(), knn.distances.size());
  parallel_blocks(knn.n, 1024, threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const float* dist = knn.distances_of(i);
      const float rho = local_rho(dist, knn.k, local_connectivity);
      double sigma = bisect_sigma(dist, knn.k, rho, target);
      // Keep sigma away from 0 so near-duplicate neighbourhoods do not give infinite exponents.
      const double floor = kMinKDistScale * (rho > 0.0f ? mean_finite(dist, knn.k) : mean_all);
      s.sigmas[i] = static_cast<float>(std::max(sigma, floor));
      s.rhos[i] = rho;
    }
  });
  return s;
}

Graph membership_strengths(const KnnGraph& knn, const LocalScales& scales, bool bipartite, std::size_t cols) {
  Graph g;
  g.rows = knn.n;
  g.cols = cols;
  g.offsets.assign(knn.n + 1, 0);
  g.columns.reserve(knn.n * knn.k);
  g.weights.reserve(knn.n * knn.k);
  for (std::size_t i = 0; i < knn.n; ++i) {
    const std::int32_t* idx = knn.neighbors(i);
    const float* dist = knn.distances_of(i);
    const float rho = scales.rhos[i], sigma = scales.sigmas[i];
    for (std::size_t j = 0; j < knn.k; ++j) {
      if (idx[j] < 0) continue;  // no neighbour here (umap-learn: index -1)
      float w;
      if (!bipartite && static_cast<std::size_t>(idx[j]) == i) {
        w = 0.0f;
      } else if (dist[j] - rho <= 0.0f || sigma == 0.0f) {
        w = 1.0f;
      } else {
        w = std::exp(-((dist[j] - rho) / sigma));
      }
      if (w == 0.0f) continue;  // scipy's eliminate_zeros
      g.columns.push_back(idx[j]);
      g.weights.push_back(w);
    }
    g.offsets[i + 1] = g.columns.size();
  }
  return g;
}

Graph fuzzy_union(const Graph& a) {
  const std::size_t n = a.rows;
  // The transpose, filled in increasing source order so each of its rows is sorted by column.
  std::vector<std::size_t> t_offsets(n + 1, 0);
  for (std::int32_t c : a.columns) ++t_offsets[static_cast<std::size_t>(c) + 1];
  for (std::size_t i = 0; i < n; ++i) t_offsets[i + 1] += t_offsets[i];
  std::vector<std::int32_t> t_columns(a.edges());
  std::vector<float> t_weights(a.edges());
  {
    std::vector<std::size_t> fill(t_offsets.begin(), t_offsets.end() - 1);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t e = a.begin(i); e < a.end(i); ++e) {
        const std::size_t slot = fill[static_cast<std::size_t>(a.columns[e])]++;
        t_columns[slot] = static_cast<std::int32_t>(i);
        t_weights[slot] = a.weights[e];
      }
    }
  }

  Graph u;
  u.rows = u.cols = n;
  u.offsets.assign(n + 1, 0);
  u.columns.reserve(2 * a.edges());
  u.weights.reserve(2 * a.edges());
  std::vector<std::pair<std::int32_t, float>> row;
  for (std::size_t i = 0; i < n; ++i) {
    row.clear();
    for (std::size_t e = a.begin(i); e < a.end(i); ++e) row.emplace_back(a.columns[e], a.weights[e]);
    std::sort(row.begin(), row.end());
    // Merge the row of A with the row of A^T: w = x + y - x * y (float32, as scipy computes it).
    std::size_t p = 0, q = t_offsets[i];
    const std::size_t q_end = t_offsets[i + 1];
    while (p < row.size() || q < q_end) {
      std::int32_t col;
      float x = 0.0f, y = 0.0f;
      if (q == q_end || (p < row.size() && row[p].first < t_columns[q])) {
        col = row[p].first;
        x = row[p++].second;
      } else if (p == row.size() || t_columns[q] < row[p].first) {
        col = t_columns[q];
        y = t_weights[q++];
      } else {
        col = row[p].first;
        x = row[p++].second;
        y = t_weights[q++];
      }
      const float w = (x + y) - x * y;
      if (w == 0.0f) continue;
      u.columns.push_back(col);
      u.weights.push_back(w);
    }
    u.offsets[i + 1] = u.columns.size();
  }
  return u;
}

Graph fuzzy_simplicial_set(const KnnGraph& knn, std::size_t n_neighbors, std::size_t threads, LocalScales* scales_out) {
  LocalScales scales = smooth_knn_dist(knn, static_cast<double>(n_neighbors), 1.0, threads);
  Graph g = fuzzy_union(membership_strengths(knn, scales, false, knn.n));
  if (scales_out != nullptr) *scales_out = std::move(scales);
  return g;
}

}  // namespace topica::umap
