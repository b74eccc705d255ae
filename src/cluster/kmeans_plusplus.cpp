// Greedy k-means++ seeding, as scikit-learn 1.2's _kmeans_plusplus.
#include <algorithm>
#include <cmath>
#include <limits>

#include "cluster/kmeans_steps.hpp"
#include "topica/parallel.hpp"
#include "topica/vector_ops.hpp"

namespace topica::detail {
namespace {

constexpr std::size_t kBlock = 2048;  // rows per task when measuring candidates

void copy_row(const Matrix<float>& from, std::size_t i, Matrix<float>& to, std::size_t j) {
  std::copy(from.row(i), from.row(i) + from.cols, to.row(j));
}

/// For each candidate t: min(closest[i], |x_i - x_candidate_t|^2) for every row i (in
/// distances[t * n + i]) and the sum of those, summed over fixed blocks in block order. Squared
/// distances are |x|^2 + |c|^2 - 2 x.c clipped at 0, as scikit-learn's euclidean_distances
/// computes them (it does so in float64 for float32 data; in float32 the rounding, ~1e-7 of the
/// squared norms, is far below what sampling cares about). With only 2 + ln k candidates, one
/// dot product per pair beats sgemm, whose packing costs more than the few products it feeds.
std::vector<double> measure_candidates(const Matrix<float>& x, const std::vector<float>& squared_norms,
                                       const std::vector<std::size_t>& candidates, const std::vector<double>& closest,
                                       std::vector<double>& distances, std::size_t threads) {
  const std::size_t n = x.rows, d = x.cols, trials = candidates.size();
  const std::size_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<double> block_sums(blocks * trials, 0.0);
  distances.resize(trials * n);
  parallel_blocks(n, kBlock, threads, [&](std::size_t begin, std::size_t end) {
    double* sums = block_sums.data() + (begin / kBlock) * trials;
    for (std::size_t i = begin; i < end; ++i) {
      for (std::size_t t = 0; t < trials; ++t) {
        const float product = dot(x.row(i), x.row(candidates[t]), d);
        const float squared = squared_norms[i] + squared_norms[candidates[t]] - 2.0f * product;
        const double distance = std::min(closest[i], static_cast<double>(std::max(squared, 0.0f)));
        distances[t * n + i] = distance;
        sums[t] += distance;
      }
    }
  });
  std::vector<double> potentials(trials, 0.0);
  for (std::size_t b = 0; b < blocks; ++b) {
    for (std::size_t t = 0; t < trials; ++t) potentials[t] += block_sums[b * trials + t];
  }
  return potentials;
}

}  // namespace

Matrix<float> kmeans_plusplus(const Matrix<float>& x, const std::vector<float>& squared_norms, std::size_t k,
                              Random& random, std::size_t threads) {
  const std::size_t n = x.rows;
  // "This is what Arthur/Vassilvitskii tried, but did not report specific results for other than
  // mentioning in the conclusion that it helped" (scikit-learn's comment).
  const std::size_t trials = 2 + static_cast<std::size_t>(std::log(static_cast<double>(k)));
  Matrix<float> centers(k, x.cols);
  const std::size_t first = random.below(n);
  copy_row(x, first, centers, 0);

  std::vector<double> closest(n, std::numeric_limits<double>::infinity()), distances;
  double potential = measure_candidates(x, squared_norms, {first}, closest, distances, threads)[0];
  closest.assign(distances.begin(), distances.begin() + static_cast<std::ptrdiff_t>(n));

  std::vector<double> cumulative(n);
  std::vector<std::size_t> candidates(trials);
  for (std::size_t c = 1; c < k; ++c) {
    // Sample candidates with probability closest[i] / potential: a search in the running sum
    // (numpy's searchsorted, side "left"), clipped as scikit-learn does against rounding.
    double running = 0;
    for (std::size_t i = 0; i < n; ++i) cumulative[i] = running += closest[i];
    for (std::size_t t = 0; t < trials; ++t) {
      const double target = random.uniform() * potential;
      const auto at = static_cast<std::size_t>(std::lower_bound(cumulative.begin(), cumulative.end(), target) -
                                               cumulative.begin());
      candidates[t] = std::min(at, n - 1);
    }
    const std::vector<double> potentials = measure_candidates(x, squared_norms, candidates, closest, distances, threads);
    const auto best = static_cast<std::size_t>(std::min_element(potentials.begin(), potentials.end()) -
                                               potentials.begin());
    potential = potentials[best];
    std::copy(distances.begin() + static_cast<std::ptrdiff_t>(best * n),
              distances.begin() + static_cast<std::ptrdiff_t>((best + 1) * n), closest.begin());
    copy_row(x, candidates[best], centers, c);
  }
  return centers;
}

}  // namespace topica::detail
