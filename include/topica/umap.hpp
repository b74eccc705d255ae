// UMAP dimension reduction (McInnes, Healy & Melville 2018, arXiv:1802.03426) with the semantics
// of umap-learn 0.5: k-nearest-neighbour graph -> fuzzy simplicial set -> spectral initial layout
// -> stochastic gradient descent on the fuzzy-set cross entropy; and transform of new points onto
// a fitted layout. The steps live in src/reduce/umap/, one file each.
//
// Unlike umap-learn, a given seed gives the same bits for any thread count: each layout epoch runs
// in a few phases whose moves are all computed from the layout as the phase began (see
// src/reduce/umap/optimize_layout.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "topica/matrix.hpp"
#include "topica/neighbors.hpp"

namespace topica {

/// Where a long run is: stage is "neighbours", "fuzzy set", "spectral init", "layout" or
/// "transform"; done of total units (epochs in the layout stages, 0 of 1 / 1 of 1 otherwise).
struct UmapProgress {
  std::string_view stage;
  std::size_t done = 0;
  std::size_t total = 1;
};

/// Defaults are umap-learn 0.5's; BERTopic (and `topica reduce`) use n_components 5, min_dist 0,
/// metric cosine.
struct UmapOptions {
  /// Neighbourhood size, the point itself included (umap-learn 0.5: 15). Larger values keep more
  /// global structure, smaller more local detail. At least 2. When there are no more rows than
  /// this, it is lowered to rows - 1 with a warning, as umap-learn does.
  std::size_t n_neighbors = 15;
  /// Dimensions of the layout (umap-learn 0.5: 2; BERTopic: 5).
  std::size_t n_components = 2;
  /// Smallest distance between points in the layout; smaller packs clusters tighter
  /// (umap-learn 0.5: 0.1; BERTopic: 0.0). 0 <= min_dist <= spread.
  float min_dist = 0.1f;
  /// Scale of the layout's similarity curve, with min_dist (umap-learn 0.5: 1.0).
  float spread = 1.0f;
  /// Distance between input rows (umap-learn 0.5: euclidean; BERTopic: cosine).
  Metric metric = Metric::Euclidean;
  /// Layout epochs; 0 takes umap-learn's rule: 500 for at most 10,000 rows, else 200. More epochs
  /// give a more settled layout and take proportionally longer.
  std::size_t n_epochs = 0;
  /// Initial SGD step size, decaying linearly to 0 (umap-learn 0.5: 1.0).
  float learning_rate = 1.0f;
  /// Random non-neighbours pushed away per neighbour pulled (umap-learn 0.5: 5).
  std::size_t negative_sample_rate = 5;
  /// The same seed gives the same layout bit for bit (umap-learn 0.5: random_state=None; topica always seeds).
  std::uint64_t seed = 42;
  /// With target labels (supervised UMAP): how much the labels count against the data, 0 to 1
  /// (umap-learn 0.5: 0.5). Different labels are 2.5 / (1 - target_weight) apart.
  float target_weight = 0.5f;
  /// Threads to use, 0 for every core; the result never depends on it.
  std::size_t threads = 0;
  /// Called on the calling thread as stages start and epochs finish; may be empty.
  std::function<void(const UmapProgress&)> progress;
};

/// Wall-clock seconds spent in each step of a fit.
struct UmapTimings {
  double neighbors = 0;
  double fuzzy_set = 0;
  double spectral_init = 0;
  double layout = 0;
};

/// A fitted layout and what transform needs to place new points on it.
struct UmapModel {
  UmapOptions options;            ///< as given to the fit
  std::size_t n_neighbors = 0;    ///< the neighbourhood size used (lower than asked for tiny inputs)
  std::size_t n_epochs = 0;       ///< the layout epochs run
  double a = 0, b = 0;            ///< the layout's similarity curve 1 / (1 + a d^2b)
  Matrix<float> embedding;        ///< rows x n_components
  std::vector<std::string> warnings;  ///< what the fit changed or worked around, one line each
  UmapTimings timings;
};

/// Lays out the rows of `data`. Throws InputError for NaN/Inf (naming the first bad row) or
/// fewer than 2 rows, UsageError for impossible options. Exact duplicates and data with no
/// spread at all are laid out without error.
UmapModel umap_fit(const Matrix<float>& data, const UmapOptions& options);

/// Supervised UMAP, as umap-learn's fit(data, y) with target_metric "categorical": `labels` has
/// one class per row, -1 for unlabelled rows. The fuzzy graph is intersected with the labels'
/// graph (see src/reduce/umap/categorical_target.hpp) before the layout. Transform is unchanged.
UmapModel umap_fit(const Matrix<float>& data, const UmapOptions& options, std::span<const int> labels);

/// The same with neighbour lists already computed (each row's own index first, as exact_knn
/// gives them; k >= options.n_neighbors, only the first n_neighbors are used). `data` is still
/// needed to place disconnected components relative to each other.
UmapModel umap_fit(const Matrix<float>& data, const KnnGraph& knn, const UmapOptions& options);

/// Places new points on a fitted layout as umap-learn's transform does: their n_neighbors nearest
/// training rows, membership weights without the local-connectivity offset, start at the weighted
/// mean of those rows' positions (exactly on a training point they duplicate), then optimise the
/// new points alone for 100 epochs (30 when there are more than 10,000 new points; a third of
/// n_epochs if that was set) at a quarter of the learning rate. `training_data` must be the data
/// the model was fitted on.
/// Unlike umap-learn, a point's result does not depend on the other points of the batch (for
/// batches of equal epoch count): its random samples are keyed by its values, and the edge
/// schedule is scaled by the largest possible membership (1) instead of the batch's largest.
Matrix<float> umap_transform(const UmapModel& model, const Matrix<float>& training_data, const Matrix<float>& points);

}  // namespace topica
