// Pairwise distances in scipy's condensed layout, in float64 (scipy.spatial.distance.pdist
// converts its input to float64 too).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "topica/agglomerative.hpp"
#include "topica/error.hpp"
#include "topica/parallel.hpp"

#if defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
#define TOPICA_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define TOPICA_CLONES
#endif

namespace topica {
namespace {

constexpr std::size_t kRowBlock = 16;  // rows of the upper triangle per task
// Independent partial sums, so the loops vectorise (a single running sum must be added in order,
// which keeps the compiler scalar); the order is fixed, so the bits are too.
constexpr std::size_t kLanes = 8;

TOPICA_CLONES double euclidean(const double* a, const double* b, std::size_t d) {
  double acc[kLanes] = {};
  std::size_t j = 0;
  for (; j + kLanes <= d; j += kLanes) {
    for (std::size_t l = 0; l < kLanes; ++l) acc[l] += (a[j + l] - b[j + l]) * (a[j + l] - b[j + l]);
  }
  double sum = 0;
  for (double v : acc) sum += v;
  for (; j < d; ++j) sum += (a[j] - b[j]) * (a[j] - b[j]);
  return std::sqrt(sum);
}

TOPICA_CLONES double dot(const double* a, const double* b, std::size_t d) {
  double acc[kLanes] = {};
  std::size_t j = 0;
  for (; j + kLanes <= d; j += kLanes) {
    for (std::size_t l = 0; l < kLanes; ++l) acc[l] += a[j + l] * b[j + l];
  }
  double sum = 0;
  for (double v : acc) sum += v;
  for (; j < d; ++j) sum += a[j] * b[j];
  return sum;
}

/// Distance from the dot product and the squared norms (rows already unit length for cosine).
double from_dot(Metric metric, double product, double squared_a, double squared_b) {
  if (metric == Metric::Cosine) return std::clamp(1.0 - product, 0.0, 2.0);
  return std::sqrt(std::max(squared_a + squared_b - 2.0 * product, 0.0));
}

template <typename T>
void check_sparse(const Csr<T>& m) {
  if (m.indptr.size() != m.rows + 1 || m.indices.size() != m.values.size() || m.indptr.front() != 0 ||
      m.indptr.back() != static_cast<std::int64_t>(m.values.size())) {
    throw InputError("distances: the sparse rows are malformed (indptr, indices and values disagree)");
  }
  for (std::size_t r = 0; r < m.rows; ++r) {
    if (m.indptr[r + 1] < m.indptr[r]) throw InputError(fmt::format("distances: indptr decreases at row {}", r));
    for (auto k = static_cast<std::size_t>(m.indptr[r]); k < static_cast<std::size_t>(m.indptr[r + 1]); ++k) {
      if (m.indices[k] < 0 || static_cast<std::size_t>(m.indices[k]) >= m.cols) {
        throw InputError(fmt::format("distances: row {} has column index {} outside [0, {})", r, m.indices[k], m.cols));
      }
      if (!std::isfinite(static_cast<double>(m.values[k]))) {
        throw InputError(fmt::format("distances: row {} holds a non-finite value in column {}", r, m.indices[k]));
      }
    }
  }
}

template <typename T>
std::vector<double> sparse_condensed(const Csr<T>& points, Metric metric, std::size_t threads) {
  check_sparse(points);
  const std::size_t n = points.rows;
  // Per-row scale (1 / norm for cosine) and squared norm after scaling.
  std::vector<double> scale(n, 1.0), squared(n, 0.0);
  for (std::size_t r = 0; r < n; ++r) {
    double sum = 0;
    for (auto k = static_cast<std::size_t>(points.indptr[r]); k < static_cast<std::size_t>(points.indptr[r + 1]); ++k) {
      sum += static_cast<double>(points.values[k]) * static_cast<double>(points.values[k]);
    }
    if (metric == Metric::Cosine && sum > 0) scale[r] = 1.0 / std::sqrt(sum);
    squared[r] = sum * scale[r] * scale[r];
  }
  std::vector<double> out(n < 2 ? 0 : n * (n - 1) / 2);
  parallel_blocks(n, kRowBlock, threads, [&](std::size_t begin, std::size_t end) {
    std::vector<double> dense(points.cols, 0.0);
    for (std::size_t i = begin; i < end; ++i) {
      const auto first = static_cast<std::size_t>(points.indptr[i]), last = static_cast<std::size_t>(points.indptr[i + 1]);
      for (std::size_t k = first; k < last; ++k) dense[static_cast<std::size_t>(points.indices[k])] += static_cast<double>(points.values[k]) * scale[i];
      for (std::size_t j = i + 1; j < n; ++j) {
        double product = 0;
        for (auto k = static_cast<std::size_t>(points.indptr[j]); k < static_cast<std::size_t>(points.indptr[j + 1]); ++k) {
          product += dense[static_cast<std::size_t>(points.indices[k])] * static_cast<double>(points.values[k]);
        }
        out[condensed_index(n, i, j)] = from_dot(metric, product * scale[j], squared[i], squared[j]);
      }
      for (std::size_t k = first; k < last; ++k) dense[static_cast<std::size_t>(points.indices[k])] = 0.0;
    }
  });
  return out;
}

}  // namespace

std::vector<double> condensed_distances(const Csr<double>& points, Metric metric, std::size_t threads) {
  return sparse_condensed(points, metric, threads);
}

std::vector<double> condensed_distances(const Csr<float>& points, Metric metric, std::size_t threads) {
  return sparse_condensed(points, metric, threads);
}

std::vector<double> condensed_distances(const Matrix<float>& points, Metric metric, std::size_t threads) {
  const std::size_t n = points.rows, d = points.cols;
  std::vector<double> x(points.values.begin(), points.values.end());
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < d; ++j) {
      if (!std::isfinite(x[i * d + j])) {
        throw InputError(fmt::format("distances: row {} holds a non-finite value ({}) in column {}", i, x[i * d + j], j));
      }
    }
  }
  if (metric == Metric::Cosine) {
    // Unit rows (a zero row stays zero: its similarity to everything is 0, as scikit-learn's
    // normalize + dot gives), so a distance is 1 - dot.
    for (std::size_t i = 0; i < n; ++i) {
      double* row = x.data() + i * d;
      const double norm = std::sqrt(dot(row, row, d));
      if (norm > 0) {
        for (std::size_t j = 0; j < d; ++j) row[j] /= norm;
      }
    }
  }
  std::vector<double> out(n < 2 ? 0 : n * (n - 1) / 2);
  parallel_blocks(n, kRowBlock, threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const double* a = x.data() + i * d;
      double* dst = out.data() + (i + 1 < n ? condensed_index(n, i, i + 1) : 0);
      for (std::size_t j = i + 1; j < n; ++j) {
        const double* b = x.data() + j * d;
        *dst++ = metric == Metric::Euclidean ? euclidean(a, b, d) : std::clamp(1.0 - dot(a, b, d), 0.0, 2.0);
      }
    }
  });
  return out;
}

}  // namespace topica
