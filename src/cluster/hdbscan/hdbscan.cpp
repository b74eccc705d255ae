// hdbscan_fit ties the steps together in the library's order (hdbscan 0.8 hdbscan_.py
// hdbscan(), _hdbscan_boruvka_kdtree, _tree_to_labels, PredictionData).
#include "topica/hdbscan.hpp"

#include <cmath>

#include <fmt/format.h>

#include "cluster/hdbscan/condensed_tree.hpp"
#include "cluster/hdbscan/core_distance.hpp"
#include "cluster/hdbscan/glosh.hpp"
#include "cluster/hdbscan/kd_tree.hpp"
#include "cluster/hdbscan/membership.hpp"
#include "cluster/hdbscan/mst.hpp"
#include "cluster/hdbscan/numpy_argsort.hpp"
#include "cluster/hdbscan/predict.hpp"
#include "cluster/hdbscan/select.hpp"
#include "cluster/hdbscan/single_linkage.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

// _hdbscan_boruvka_kdtree builds its kd-tree with leaf_size 40 and KDTreeBoruvkaAlgorithm a
// second one with leaf_size 40 // 3 for the spanning tree; only the second shapes the result.
constexpr std::size_t kBoruvkaLeafSize = 40 / 3;
// hdbscan's "best" algorithm leaves the kd-tree Borůvka above 60 dimensions for Prim's
// algorithm, which builds an exact spanning tree.
constexpr std::size_t kMaxBoruvkaDims = 60;

void check_options(const HdbscanOptions& o) {
  if (o.min_cluster_size < 2) {
    throw UsageError(fmt::format("min_cluster_size must be at least 2 (got {})", o.min_cluster_size));
  }
  if (!(o.epsilon >= 0.0) || !std::isfinite(o.epsilon)) {
    throw UsageError(fmt::format("cluster selection epsilon must be a finite value >= 0 (got {})", o.epsilon));
  }
  if (o.metric != Metric::Euclidean) {
    throw UsageError(fmt::format("HDBSCAN supports the euclidean metric only (got {})", metric_name(o.metric)));
  }
}

void check_data(const Matrix<double>& data) {
  if (data.rows < 2) throw InputError(fmt::format("HDBSCAN needs at least 2 rows to cluster (got {})", data.rows));
  if (data.cols == 0) throw InputError("HDBSCAN needs at least one column");
  for (std::size_t i = 0; i < data.rows; ++i) {
    const double* row = data.row(i);
    for (std::size_t j = 0; j < data.cols; ++j) {
      if (!std::isfinite(row[j])) {
        throw InputError(fmt::format("row {} holds a non-finite value ({}) in column {}", i, row[j], j));
      }
    }
  }
}

hdbscan::ClusterTree tree_of(const HdbscanModel& model) {
  return hdbscan::index_condensed_tree(model.condensed_tree, model.data.rows);
}

void check_points(const HdbscanModel& model, const Matrix<double>& points) {
  if (points.cols != model.data.cols) {
    throw InputError(fmt::format("points have {} columns but the model was fitted on {}", points.cols, model.data.cols));
  }
  for (std::size_t i = 0; i < points.rows; ++i) {
    for (std::size_t j = 0; j < points.cols; ++j) {
      if (!std::isfinite(points(i, j))) throw InputError(fmt::format("point {} holds a non-finite value", i));
    }
  }
}

}  // namespace

const char* cluster_selection_name(ClusterSelection selection) {
  return selection == ClusterSelection::Eom ? "eom" : "leaf";
}

HdbscanModel hdbscan_fit(const Matrix<double>& data, const HdbscanOptions& options) {
  check_options(options);
  check_data(data);
  HdbscanModel model;
  model.options = options;
  model.data = data;
  const std::size_t n = data.rows;
  // hdbscan(): min_samples defaults to min_cluster_size, is clipped to n - 1 and raised to 1.
  const std::size_t requested = options.min_samples != 0 ? options.min_samples : options.min_cluster_size;
  model.min_samples = std::max<std::size_t>(std::min(n - 1, requested), 1);

  const hdbscan::KdTree tree(model.data, kBoruvkaLeafSize);
  hdbscan::CoreDistances core = hdbscan::compute_core_distances(tree, model.min_samples, options.threads);
  const MstMethod method = data.cols > kMaxBoruvkaDims ? MstMethod::Exact : options.mst;
  std::vector<hdbscan::MstEdge> edges = hdbscan::boruvka_mst(tree, core, method);
  model.core_distances = std::move(core.fit);
  model.prediction_core_distances = std::move(core.prediction);

  std::vector<double> weights(edges.size());
  for (std::size_t i = 0; i < edges.size(); ++i) weights[i] = edges[i].distance;
  std::vector<hdbscan::MstEdge> sorted(edges.size());
  const std::vector<std::size_t> order = hdbscan::numpy_argsort(weights);
  for (std::size_t i = 0; i < order.size(); ++i) sorted[i] = edges[order[i]];

  model.condensed_tree = hdbscan::condense_tree(hdbscan::single_linkage(sorted), options.min_cluster_size);
  const hdbscan::ClusterTree ctree = tree_of(model);
  model.selected_clusters = hdbscan::select_clusters(model.condensed_tree, ctree, options);
  model.labels = hdbscan::label_points(ctree, model.selected_clusters, options);
  model.probabilities = hdbscan::membership_strengths(ctree, model.selected_clusters, model.labels);
  model.outlier_scores = hdbscan::glosh_scores(ctree);
  model.exemplars = hdbscan::find_exemplars(model.condensed_tree, ctree, model.selected_clusters);
  return model;
}

HdbscanModel hdbscan_fit(const Matrix<float>& data, const HdbscanOptions& options) {
  Matrix<double> wide(data.rows, data.cols);
  for (std::size_t i = 0; i < data.values.size(); ++i) wide.values[i] = data.values[i];
  return hdbscan_fit(wide, options);
}

Matrix<float> all_points_membership_vectors(const HdbscanModel& model, std::size_t threads) {
  return hdbscan::all_points_membership(model, tree_of(model), threads);
}

HdbscanPrediction approximate_predict(const HdbscanModel& model, const Matrix<double>& points, std::size_t threads) {
  check_points(model, points);
  return hdbscan::predict_points(model, tree_of(model), points, threads);
}

Matrix<float> membership_vector(const HdbscanModel& model, const Matrix<double>& points, std::size_t threads) {
  check_points(model, points);
  return hdbscan::predict_memberships(model, tree_of(model), points, threads);
}

}  // namespace topica
