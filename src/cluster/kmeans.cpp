// k-means as scikit-learn 1.2's KMeans.fit (algorithm "lloyd", init "k-means++"): centre the
// data, then n_init runs of seeding + Lloyd, keeping the lowest inertia.
#include "topica/kmeans.hpp"

#include <cmath>

#include <fmt/format.h>

#include "cluster/kmeans_steps.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

void check(const Matrix<float>& data, const KMeansOptions& options) {
  if (data.rows == 0 || data.cols == 0) {
    throw InputError(fmt::format("k-means: the data are empty ({} x {})", data.rows, data.cols));
  }
  if (options.n_clusters == 0) throw UsageError("k-means: n_clusters must be at least 1");
  if (options.n_init == 0) throw UsageError("k-means: n_init must be at least 1");
  if (options.max_iter == 0) throw UsageError("k-means: max_iter must be at least 1");
  if (options.n_clusters > data.rows) {
    throw UsageError(fmt::format("k-means: n_clusters = {} exceeds the {} rows", options.n_clusters, data.rows));
  }
  for (std::size_t i = 0; i < data.rows; ++i) {
    for (std::size_t j = 0; j < data.cols; ++j) {
      if (!std::isfinite(data(i, j))) {
        throw InputError(fmt::format("k-means: row {} holds a non-finite value ({}) in column {}", i, data(i, j), j));
      }
    }
  }
}

/// Per-feature means (float64 sums) and the mean per-feature population variance.
struct Moments {
  std::vector<float> mean;
  double mean_variance = 0;
};

Moments moments(const Matrix<float>& x) {
  std::vector<double> sum(x.cols, 0.0), squares(x.cols, 0.0);
  for (std::size_t i = 0; i < x.rows; ++i) {
    for (std::size_t j = 0; j < x.cols; ++j) sum[j] += x(i, j);
  }
  const double n = static_cast<double>(x.rows);
  Moments m;
  for (std::size_t j = 0; j < x.cols; ++j) m.mean.push_back(static_cast<float>(sum[j] / n));
  for (std::size_t i = 0; i < x.rows; ++i) {
    for (std::size_t j = 0; j < x.cols; ++j) {
      const double d = x(i, j) - sum[j] / n;
      squares[j] += d * d;
    }
  }
  for (double s : squares) m.mean_variance += s / n;
  m.mean_variance /= static_cast<double>(x.cols);
  return m;
}

/// scikit-learn's _is_same_clustering: labels b are labels a renamed.
bool same_clustering(const std::vector<std::int32_t>& a, const std::vector<std::int32_t>& b, std::size_t k) {
  std::vector<std::int32_t> mapping(k, -1);
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto& m = mapping[static_cast<std::size_t>(a[i])];
    if (m == -1) {
      m = b[i];
    } else if (m != b[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

KMeansResult kmeans(const Matrix<float>& data, const KMeansOptions& options) {
  check(data, options);
  // "subtract of mean of x for more accurate distance computations" (scikit-learn).
  const Moments m = moments(data);
  Matrix<float> x = data;
  for (std::size_t i = 0; i < x.rows; ++i) {
    for (std::size_t j = 0; j < x.cols; ++j) x(i, j) -= m.mean[j];
  }
  const double tol = options.tol * m.mean_variance;  // scikit-learn's _tolerance

  const std::vector<float> squared_norms = detail::squared_row_norms(x);
  Random random(options.seed);
  detail::LloydResult best;
  bool have_best = false;
  for (std::size_t run = 0; run < options.n_init; ++run) {
    Matrix<float> seeds = detail::kmeans_plusplus(x, squared_norms, options.n_clusters, random, options.threads);
    detail::LloydResult r = detail::lloyd(x, std::move(seeds), options.max_iter, tol, options.threads);
    // A slightly lower inertia from the same partition relabelled is rounding, not a better run.
    if (!have_best ||
        (r.inertia < best.inertia && !same_clustering(r.labels, best.labels, options.n_clusters))) {
      best = std::move(r);
      have_best = true;
    }
  }
  for (std::size_t c = 0; c < best.centers.rows; ++c) {
    for (std::size_t j = 0; j < best.centers.cols; ++j) best.centers(c, j) += m.mean[j];
  }
  return KMeansResult{std::move(best.labels), std::move(best.centers), best.inertia, best.n_iter};
}

std::vector<std::int32_t> kmeans_predict(const Matrix<float>& centers, const Matrix<float>& data,
                                         std::size_t threads) {
  if (centers.cols != data.cols) {
    throw InputError(fmt::format("k-means predict: the data have {} columns, the centers {}", data.cols, centers.cols));
  }
  if (centers.rows == 0) throw UsageError("k-means predict: there are no centers");
  std::vector<std::int32_t> labels;
  detail::assign_labels(data, centers, labels, threads);
  return labels;
}

}  // namespace topica
