// k-means clustering: greedy k-means++ seeding and Lloyd iterations, with scikit-learn 1.2's
// semantics (sklearn.cluster.KMeans, algorithm="lloyd", init="k-means++"):
//  - the data are centred before clustering (distances are then computed more accurately) and the
//    centers moved back afterwards;
//  - k-means++ tries 2 + floor(ln k) candidates per new center and keeps the one that lowers the
//    potential most (Arthur & Vassilvitskii's "greedy" variant);
//  - Lloyd stops when no label changes ("strict convergence") or when the summed squared center
//    shift is at most tol * (mean per-feature variance of the data), after max_iter at the
//    latest, and then reassigns labels to the final centers if it did not converge strictly;
//  - a cluster left empty takes the point farthest from its center (sklearn's relocation);
//  - of n_init runs the one with the lowest inertia wins (a run that only relabels the best one
//    does not replace it).
// Random numbers come from topica::Random (not numpy), so seeds do not carry over from
// scikit-learn: the same well-separated data give the same partition; on real data the inertia
// of the best run is comparable, not equal (tests/cluster/kmeans_test.cpp).
// Determinism: a given seed gives bit-identical results for any `threads` value.
//
// @see D. Arthur, S. Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "topica/matrix.hpp"

namespace topica {

struct KMeansOptions {
  std::size_t n_clusters = 8;  ///< scikit-learn 1.2: 8
  /// Independent runs (each with its own k-means++ seeding); the lowest inertia wins. scikit-learn
  /// 1.2: 10 (its n_init="warn"); 1.4 changed the default to "auto", 1 run for k-means++.
  std::size_t n_init = 10;
  std::size_t max_iter = 300;  ///< Lloyd iterations per run (scikit-learn: 300)
  /// Convergence threshold on the summed squared center shift, relative to the mean per-feature
  /// variance of the data (scikit-learn: 1e-4). 0: run until no label changes.
  double tol = 1e-4;
  std::uint64_t seed = 42;
  std::size_t threads = 0;  ///< 0: every core; the result does not depend on it
};

struct KMeansResult {
  std::vector<std::int32_t> labels;  ///< cluster of each row, in [0, n_clusters)
  Matrix<float> centers;             ///< n_clusters x features
  double inertia = 0;                ///< sum of squared distances of rows to their centers
  std::size_t n_iter = 0;            ///< Lloyd iterations of the winning run
};

/// Clusters the rows of `data`. Throws UsageError when n_clusters, n_init or max_iter is 0 or
/// n_clusters exceeds the number of rows; InputError for empty data or a NaN/Inf value (naming
/// its row). Duplicate points may leave fewer distinct labels than n_clusters (as scikit-learn,
/// which warns).
KMeansResult kmeans(const Matrix<float>& data, const KMeansOptions& options);

/// The nearest center of each row (scikit-learn's KMeans.predict). Throws InputError when the
/// column counts differ.
std::vector<std::int32_t> kmeans_predict(const Matrix<float>& centers, const Matrix<float>& data,
                                         std::size_t threads = 0);

}  // namespace topica
