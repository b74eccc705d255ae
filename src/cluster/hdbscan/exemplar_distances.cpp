#include "cluster/hdbscan/exemplar_distances.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#if defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
#define TOPICA_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define TOPICA_CLONES
#endif

namespace topica::hdbscan {
namespace {

// Exemplars per pass: their squares (8 KB) stay in L1 while the per-cluster minima read them.
constexpr std::size_t kRun = 1024;

// The squares with the number of coordinates known at compile time: the sum for one exemplar
// stays in a register across the coordinates, and the loop over exemplars vectorises.
template <std::size_t D>
[[gnu::always_inline]] inline void squares_of_fixed_width(const double* x, const double* coords, std::size_t count,
                                                          std::size_t begin, std::size_t n, double* out) {
  for (std::size_t e = 0; e < n; ++e) {
    double d = 0;
    for (std::size_t k = 0; k < D; ++k) {
      const double t = x[k] - coords[k * count + begin + e];
      d += t * t;
    }
    out[e] = d;
  }
}

/// out[e] = squared distance from x to exemplar begin + e, for e in [0, n). The terms are added
/// in coordinate order, as the per-pair loop of hdbscan does. Any width: coordinate by
/// coordinate over the run, so the inner loop is contiguous and vectorises.
TOPICA_CLONES void squared_distances(const double* x, const double* coords, std::size_t dims, std::size_t count,
                                     std::size_t begin, std::size_t n, double* out) {
  switch (dims) {  // UMAP's usual layouts (BERTopic: 5; charts: 2)
    case 2: return squares_of_fixed_width<2>(x, coords, count, begin, n, out);
    case 3: return squares_of_fixed_width<3>(x, coords, count, begin, n, out);
    case 5: return squares_of_fixed_width<5>(x, coords, count, begin, n, out);
    case 10: return squares_of_fixed_width<10>(x, coords, count, begin, n, out);
    default: break;
  }
  std::fill(out, out + n, 0.0);
  for (std::size_t k = 0; k < dims; ++k) {
    const double xk = x[k];
    const double* c = coords + k * count + begin;
    for (std::size_t e = 0; e < n; ++e) {
      const double t = xk - c[e];
      out[e] += t * t;
    }
  }
}

}  // namespace

ExemplarSet::ExemplarSet(const Matrix<double>& data, const std::vector<std::vector<std::int64_t>>& exemplars)
    : dims_(data.cols), start_(exemplars.size() + 1, 0) {
  for (std::size_t j = 0; j < exemplars.size(); ++j) start_[j + 1] = start_[j] + exemplars[j].size();
  count_ = start_.back();
  coords_.resize(dims_ * count_);
  for (std::size_t j = 0; j < exemplars.size(); ++j) {
    for (std::size_t m = 0; m < exemplars[j].size(); ++m) {
      const double* row = data.row(static_cast<std::size_t>(exemplars[j][m]));
      for (std::size_t k = 0; k < dims_; ++k) coords_[k * count_ + start_[j] + m] = row[k];
    }
  }
}

void ExemplarSet::inverse_distances(const double* x, std::vector<double>& scratch, double* out) const {
  const std::size_t clusters = this->clusters();
  scratch.resize(kRun);
  std::fill(out, out + clusters, std::numeric_limits<double>::infinity());  // smallest square so far
  std::size_t j = 0;
  for (std::size_t begin = 0; begin < count_; begin += kRun) {
    const std::size_t end = std::min(begin + kRun, count_);
    squared_distances(x, coords_.data(), dims_, count_, begin, end - begin, scratch.data());
    for (; j < clusters && start_[j] < end; ++j) {
      double nearest = out[j];
      for (std::size_t e = std::max(start_[j], begin); e < std::min(start_[j + 1], end); ++e) {
        nearest = std::min(nearest, scratch[e - begin]);
      }
      out[j] = nearest;
      if (start_[j + 1] > end) break;  // the cluster goes on in the next run
    }
  }
  double sum = 0;
  for (std::size_t c = 0; c < clusters; ++c) {
    // A cluster without exemplars keeps hdbscan's starting distance, DBL_MAX.
    const double nearest = start_[c] == start_[c + 1] ? std::numeric_limits<double>::max() : std::sqrt(out[c]);
    out[c] = nearest != 0 ? 1.0 / nearest : std::numeric_limits<double>::max() / static_cast<double>(clusters);
    sum += out[c];
  }
  for (std::size_t c = 0; c < clusters; ++c) out[c] /= sum;
}

}  // namespace topica::hdbscan
