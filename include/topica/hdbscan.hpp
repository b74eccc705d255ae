// HDBSCAN clustering with the semantics of the `hdbscan` library 0.8 (McInnes, Healy & Astels;
// Campello, Moulavi & Sander 2013): labels, membership strengths, GLOSH outlier scores, soft
// membership vectors for every point, and approximate prediction for new points.
//
// Parity: on low-dimensional data (the UMAP layouts BERTopic clusters) fit() follows the
// library's default code path step for step, including its approximate spanning tree and its
// tie-breaking, and reproduces its outputs to floating-point round-off (see
// tests/cluster/hdbscan_parity_test.cpp and ../shared/reference/hdbscan/).
//
// Pipeline (src/cluster/hdbscan/, one file per step): core distances -> minimum spanning tree
// of mutual reachability -> single linkage -> condensed tree -> cluster selection -> labels,
// probabilities, GLOSH; membership and prediction reuse the fitted model.
//
// Determinism: the result does not depend on `threads`; parallel steps work in fixed blocks.
// Memory: O(n) beyond the input (no n x n matrix); membership vectors are n x clusters.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "topica/matrix.hpp"
#include "topica/neighbors.hpp"

namespace topica {

/// How flat clusters are read off the condensed tree.
enum class ClusterSelection {
  Eom,   ///< excess of mass: the most stable clusters (hdbscan's default)
  Leaf,  ///< the leaves of the cluster tree: smaller, more homogeneous clusters
};

/// How the minimum spanning tree of mutual reachability is built.
enum class MstMethod {
  /// hdbscan 0.8's default for low dimensions (boruvka_kdtree, approx_min_span_tree=True):
  /// a dual-tree Borůvka whose pruning can skip the best edge, so the tree is close to but not
  /// always minimal. Needed for label parity with the library.
  Reference,
  /// A true minimum spanning tree (the same traversal with valid bounds only).
  Exact,
};

/// Parameters of hdbscan.HDBSCAN; each default is the library's (hdbscan 0.8).
struct HdbscanOptions {
  /// Smallest group of points that counts as a cluster (hdbscan 0.8: 5; BERTopic passes 10).
  /// Larger values merge small clusters into noise. Must be at least 2.
  std::size_t min_cluster_size = 5;
  /// Neighbours that define a core point's density; 0 means "same as min_cluster_size"
  /// (hdbscan 0.8: None). Larger values make the clustering more conservative (more noise).
  /// Clipped to n - 1 as the library does.
  std::size_t min_samples = 0;
  /// Only euclidean is supported (hdbscan 0.8's default metric).
  Metric metric = Metric::Euclidean;
  ClusterSelection selection = ClusterSelection::Eom;  ///< hdbscan 0.8: "eom"
  /// Clusters closer than this distance are merged (cluster_selection_epsilon; hdbscan 0.8: 0.0).
  double epsilon = 0.0;
  /// Lets eom return the root as the only cluster (hdbscan 0.8: False).
  bool allow_single_cluster = false;
  MstMethod mst = MstMethod::Reference;  ///< see MstMethod (hdbscan 0.8: approx_min_span_tree=True)
  std::size_t threads = 0;               ///< 0: every core; results never depend on it
};

/// One row of the condensed tree (hdbscan's condensed_tree_._raw_tree): points are 0..n-1,
/// clusters n, n+1, ... with n the root; `lambda` is 1 / distance at which `child` leaves
/// `parent` (a point) or splits off as a new cluster.
struct CondensedTreeRow {
  std::int64_t parent = 0;
  std::int64_t child = 0;
  double lambda = 0;
  std::int64_t size = 0;  ///< points in `child` (1 for a point)
};

/// A fitted clustering and everything prediction and membership need (hdbscan's clusterer with
/// prediction_data=True), kept as plain values.
struct HdbscanModel {
  HdbscanOptions options;
  std::size_t min_samples = 0;  ///< the value used after defaults and clipping
  Matrix<double> data;          ///< the points clustered (prediction compares against them)
  std::vector<double> core_distances;             ///< fit: distance to the min_samples-th other point
  std::vector<double> prediction_core_distances;  ///< prediction: the min_samples-th point, itself included
  std::vector<CondensedTreeRow> condensed_tree;
  /// Condensed-tree ids of the selected clusters; label k is selected_clusters[k] (increasing).
  std::vector<std::int64_t> selected_clusters;
  std::vector<std::int64_t> labels;   ///< per point: cluster label, -1 for noise
  std::vector<double> probabilities;  ///< per point: membership strength in [0, 1], 0 for noise
  std::vector<double> outlier_scores; ///< per point: GLOSH score in [0, 1]
  /// Per label: the points at the densest level of each leaf under the cluster (hdbscan's
  /// prediction_data_.exemplars), as rows of `data`.
  std::vector<std::vector<std::int64_t>> exemplars;

  std::size_t cluster_count() const { return selected_clusters.size(); }
};

/// Clusters the rows of `data`. Throws UsageError for invalid options (min_cluster_size < 2,
/// negative epsilon, a metric other than euclidean) and InputError for fewer than 2 rows or a
/// NaN/Inf value (naming the first bad row).
HdbscanModel hdbscan_fit(const Matrix<double>& data, const HdbscanOptions& options);
/// The same on float32 rows, widened to double first as the library does.
HdbscanModel hdbscan_fit(const Matrix<float>& data, const HdbscanOptions& options);

/// hdbscan.all_points_membership_vectors: row i gives the probability that point i belongs to
/// each cluster (columns in label order); a row sums to the point's chance of being in any
/// cluster. The n x clusters result is the only large allocation. One deliberate difference:
/// hdbscan re-selects clusters here ignoring cluster_selection_epsilon, so with epsilon > 0 its
/// columns need not match its labels; topica's columns are always the labelled clusters.
Matrix<float> all_points_membership_vectors(const HdbscanModel& model, std::size_t threads = 0);

/// hdbscan.approximate_predict: the label and strength each new point would get, without
/// changing the model.
struct HdbscanPrediction {
  std::vector<std::int64_t> labels;
  std::vector<double> strengths;
};
HdbscanPrediction approximate_predict(const HdbscanModel& model, const Matrix<double>& points,
                                      std::size_t threads = 0);

/// hdbscan.membership_vector: soft membership of new points (rows x clusters).
Matrix<float> membership_vector(const HdbscanModel& model, const Matrix<double>& points, std::size_t threads = 0);

const char* cluster_selection_name(ClusterSelection selection);

}  // namespace topica
