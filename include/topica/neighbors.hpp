// k-nearest neighbours, shared by UMAP, HDBSCAN and similarity search.
//
// Conventions (as umap-learn and scikit-learn): a point's list includes the point itself at
// distance 0 when the query set is the data set (so k = 15 gives the point and 14 others);
// lists are sorted by increasing distance, ties by increasing index. Cosine distance is
// 1 - cos(a, b) computed as scikit-learn does (float32 unit rows, 1 - dot, clipped to [0, 2]),
// except that identical rows are at exactly 0; a zero vector has distance 1 to everything
// (as scikit-learn). Euclidean distances are exact (recomputed in double).
//
// Two paths: exact (blocked matrix products, below 4,096 points or on request) and approximate
// (NN-descent over a random-projection forest, as pynndescent, which umap-learn uses above
// 4,096 points). Both give bit-identical results for any thread count with a given seed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "topica/error.hpp"
#include "topica/matrix.hpp"

namespace topica {

enum class Metric { Euclidean, Cosine };
const char* metric_name(Metric metric);

/// n lists of k neighbours each, row-major: neighbour j of point i is indices[i * k + j].
struct KnnGraph {
  std::size_t n = 0;
  std::size_t k = 0;
  std::vector<std::int32_t> indices;
  std::vector<float> distances;

  const std::int32_t* neighbors(std::size_t i) const { return indices.data() + i * k; }
  const float* distances_of(std::size_t i) const { return distances.data() + i * k; }
};

/// Thrown when k exceeds the number of points. A UsageError, so a front end exits with 2;
/// callers that can shrink k instead (UMAP warns and does) check `k <= rows` first.
class NotEnoughPointsError : public UsageError {
 public:
  using UsageError::UsageError;
};

/// Tuning of the approximate path. Zero means the rule of the reference named beside it.
struct NnDescentOptions {
  /// Random-projection trees that seed the graph. 0: umap-learn 0.5's min(64, 5 + round(sqrt(n) / 20))
  /// (17 trees at 58,959 points). More trees: better start, slower build.
  std::size_t n_trees = 0;
  /// Largest leaf of a tree. 0: pynndescent 0.5's max(10, k).
  std::size_t leaf_size = 0;
  /// New (and old) candidates sampled per point and round. 0: umap-learn 0.5 passes 60.
  std::size_t max_candidates = 0;
  /// Most rounds of local joins. 0: pynndescent 0.5's max(5, round(log2 n)).
  std::size_t n_iters = 0;
  /// Stop once a round changes fewer than delta * k * n entries (pynndescent 0.5: 0.001).
  /// Larger: faster and lower recall.
  double delta = 0.001;
  /// Trees split rows projected onto this many random directions when the data have more
  /// columns (a topica choice, not pynndescent's: on the 58,959 x 384 Debian embeddings,
  /// 17 trees build in 0.37 s instead of 1.31 s of CPU for 0.003 less recall).
  std::size_t tree_dims = 32;
};

struct KnnOptions {
  std::size_t k = 15;
  Metric metric = Metric::Euclidean;
  std::size_t threads = 0;  ///< 0: every core; results do not depend on it
  std::uint64_t seed = 42;  ///< the approximate path's random trees and sampling
  /// Exact neighbours whatever the size (default: exact below kExactBelow points, as umap-learn).
  bool exact = false;
  NnDescentOptions descent;
  /// Queries on an approximate index keep exploring while a candidate is within (1 + epsilon)
  /// of the current k-th distance (pynndescent 0.5's search epsilon 0.1). Larger: slower, higher recall.
  double search_epsilon = 0.1;
};

/// umap-learn 0.5 computes exact neighbours below this many points and NN-descent above.
inline constexpr std::size_t kExactBelow = 4096;

/// Exact neighbours of every row of `data` among the rows of `data` (the point itself first).
/// Throws NotEnoughPointsError when k > rows, InputError on no rows or NaN/Inf (naming the
/// first bad row).
KnnGraph exact_knn(const Matrix<float>& data, const KnnOptions& options);

/// Exact neighbours of every row of `queries` among the rows of `base` (no self convention:
/// a query equal to a data row finds it at distance 0).
KnnGraph exact_knn_query(const Matrix<float>& base, const Matrix<float>& queries, const KnnOptions& options);

/// Approximate neighbours of every row of `data` by NN-descent, whatever the size; same
/// conventions and errors as exact_knn.
KnnGraph approximate_knn(const Matrix<float>& data, const KnnOptions& options);

/// Exact below kExactBelow points or when options.exact, approximate above: the graph UMAP
/// and HDBSCAN start from.
KnnGraph nearest_neighbors(const Matrix<float>& data, const KnnOptions& options);

/// The neighbours of a data set and a way to query new points against it (UMAP transform,
/// HDBSCAN approximate_predict, similar documents). Exact or approximate by the same rule as
/// nearest_neighbors; an approximate index answers queries by a best-first search of its
/// neighbour graph (pynndescent 0.5's query).
class KnnIndex {
 public:
  /// Indexes `data` (moved in; pass a copy to keep yours) and computes its own neighbour graph.
  static KnnIndex build(Matrix<float> data, const KnnOptions& options);

  KnnIndex(KnnIndex&&) noexcept;
  KnnIndex& operator=(KnnIndex&&) noexcept;
  ~KnnIndex();

  /// The k-neighbour graph of the indexed data (the point itself first).
  const KnnGraph& graph() const;
  /// The `k` nearest indexed points of every row of `queries` (k <= size()).
  KnnGraph query(const Matrix<float>& queries, std::size_t k) const;

  bool is_exact() const;
  std::size_t size() const;
  std::size_t dim() const;
  const KnnOptions& options() const;

 private:
  struct State;
  explicit KnnIndex(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace topica
