// NN-descent (Dong, Moses & Li 2011, "Efficient k-nearest neighbor graph construction for
// generic similarity measures") as pynndescent 0.5 runs it: a random-projection forest gives
// every point a first set of neighbours, then rounds of local joins (a neighbour of a neighbour
// is probably a neighbour) improve them until a round changes almost nothing.
//
// Reproducible for any thread count: random draws come from per-tree and per-point streams
// and from a hash of (seed, round, pair); each round generates its heap updates in fixed blocks
// and applies them per fixed range of target points in block order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "topica/matrix.hpp"
#include "topica/neighbors.hpp"

namespace topica::neighbors {

/// NnDescentOptions with every "0 = default" resolved for n points and k neighbours.
struct DescentPlan {
  std::size_t n_trees;
  std::size_t leaf_size;
  std::size_t max_candidates;
  std::size_t n_iters;
  double delta;
  std::size_t tree_dims;
};
DescentPlan plan_descent(std::size_t n, std::size_t k, const NnDescentOptions& options);

/// What a run did, for benchmarks and tests.
struct DescentStats {
  std::vector<std::size_t> changes;  ///< heap changes per local-join round
  /// CPU time of all threads (robust to a busy machine) of the forest with its leaf joins and
  /// random fill, and of each round (candidates + joins).
  double forest_cpu_seconds = 0;
  std::vector<double> round_cpu_seconds;
  std::size_t distance_evaluations = 0;
  std::size_t updates = 0;  ///< heap updates proposed by the joins
};

/// n lists of `capacity` neighbour indices (unordered; the point itself excluded).
struct DescentGraph {
  std::size_t n = 0;
  std::size_t capacity = 0;
  std::vector<std::int32_t> indices;
  const std::int32_t* neighbors(std::size_t i) const { return indices.data() + i * capacity; }
};

/// The k - 1 approximate nearest neighbours (the point itself excluded) of every row of
/// `data` by squared euclidean distance. `data` is prepared: unit rows for cosine, whose
/// squared euclidean distance 2 - 2 cos orders neighbours as cosine distance does.
/// Needs 1 <= k <= data.rows. With `zero_rows_apart` (cosine), an all-zero row is infinitely far
/// from every non-zero row and at 0 from other zero rows, as pynndescent's cosine ranks them:
/// otherwise a zero row would sit at squared distance 1 (cosine 0.5) from everything and become
/// every sparse point's neighbour (44 empty TF-IDF rows of 20 Newsgroups pulled half the corpus
/// into one topic).
DescentGraph nn_descent(const Matrix<float>& data, std::size_t k, const NnDescentOptions& options,
                         std::uint64_t seed, std::size_t threads, bool zero_rows_apart, DescentStats* stats = nullptr);

}  // namespace topica::neighbors
