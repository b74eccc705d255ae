#include "cluster/hdbscan/predict.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "cluster/hdbscan/exemplar_distances.hpp"
#include "cluster/hdbscan/kd_tree.hpp"
#include "cluster/hdbscan/merge_heights.hpp"
#include "cluster/hdbscan/select.hpp"
#include "topica/parallel.hpp"

namespace topica::hdbscan {
namespace {

constexpr std::size_t kBlock = 256;

struct Placement {
  std::int64_t neighbor;
  double lambda;
};

// The k neighbours a prediction looks at, and min_samples as prediction.py reads it
// (clusterer.min_samples or clusterer.min_cluster_size, not clipped).
struct Lookup {
  std::size_t min_samples, k;
};

Lookup lookup_for(const HdbscanModel& model) {
  const std::size_t ms = model.options.min_samples != 0 ? model.options.min_samples : model.options.min_cluster_size;
  const std::size_t k = std::min(2 * ms, model.data.rows);
  return {std::min(ms, k - 1), k};
}

// prediction.py _find_neighbor_and_lambda.
Placement place(const std::vector<KdNeighbor>& found, const HdbscanModel& model, std::size_t min_samples) {
  const double own_core = std::sqrt(found[min_samples].rdist);
  std::size_t best = 0;
  double best_mr = std::numeric_limits<double>::infinity();
  for (std::size_t j = 0; j < found.size(); ++j) {
    const double d = std::sqrt(found[j].rdist);
    const double mr = std::max({model.prediction_core_distances[static_cast<std::size_t>(found[j].index)], own_core, d});
    if (mr < best_mr) {
      best_mr = mr;
      best = j;
    }
  }
  const double lambda = best_mr > 0.0 ? 1.0 / best_mr : std::numeric_limits<double>::max();
  return {found[best].index, lambda};
}

// Runs `body(i, placement)` for every row of `points`, in fixed blocks.
template <typename Body>
void for_each_placement(const HdbscanModel& model, const Matrix<double>& points, std::size_t threads, Body body) {
  const KdTree index(model.data, 40);
  const Lookup lookup = lookup_for(model);
  parallel_blocks(points.rows, kBlock, threads, [&](std::size_t begin, std::size_t end) {
    std::vector<KdNeighbor> found(lookup.k);
    for (std::size_t i = begin; i < end; ++i) {
      index.knn(points.row(i), lookup.k, found.data());
      body(i, place(found, model, lookup.min_samples));
    }
  });
}

}  // namespace

HdbscanPrediction predict_points(const HdbscanModel& model, const ClusterTree& tree, const Matrix<double>& points,
                                 std::size_t threads) {
  HdbscanPrediction out;
  out.labels.assign(points.rows, -1);
  out.strengths.assign(points.rows, 0.0);
  if (tree.clusters <= 1 || model.selected_clusters.empty()) return out;  // no clusters: all noise
  const std::vector<std::int64_t> owner = cluster_owner(tree, model.selected_clusters);
  for_each_placement(model, points, threads, [&](std::size_t i, Placement at) {
    std::int64_t cluster = tree.point_parent[static_cast<std::size_t>(at.neighbor)];
    if (tree.point_lambda[static_cast<std::size_t>(at.neighbor)] > at.lambda) {
      // The point is sparser than its neighbour: climb to the cluster alive at its lambda.
      while (cluster > tree.root && tree.birth[tree.at(cluster)] >= at.lambda) cluster = tree.parent[tree.at(cluster)];
    }
    const std::int64_t label = owner[tree.at(cluster)];
    if (label < 0) return;
    const double max_lambda = tree.max_lambda[tree.at(model.selected_clusters[static_cast<std::size_t>(label)])];
    out.labels[i] = label;
    out.strengths[i] = max_lambda > 0.0 ? std::min(max_lambda, at.lambda) / max_lambda : 1.0;
  });
  return out;
}

Matrix<float> predict_memberships(const HdbscanModel& model, const ClusterTree& tree, const Matrix<double>& points,
                                  std::size_t threads) {
  const std::size_t clusters = model.selected_clusters.size();
  Matrix<float> out(points.rows, clusters);
  if (clusters == 0) return out;
  const std::span<const std::int64_t> selected(model.selected_clusters);
  const MergeHeights merge_heights(tree, selected);
  const ExemplarSet exemplars(model.data, model.exemplars);
  for_each_placement(model, points, threads, [&](std::size_t i, Placement at) {
    const auto nn = static_cast<std::size_t>(at.neighbor);
    const double lambda = std::min(at.lambda, tree.point_lambda[nn]);
    const std::int64_t point_cluster = tree.point_parent[nn];
    const double lambda_max = tree.max_lambda[tree.at(point_cluster)];
    std::vector<double> shared, distance(clusters), outlier(clusters), scratch;
    merge_heights.fill(point_cluster, shared);
    exemplars.inverse_distances(points.row(i), scratch, distance.data());
    // per_cluster_scores takes lambda as float32 (a Cython np.float32_t argument).
    const double lambda32 = static_cast<double>(static_cast<float>(lambda));
    double top = -std::numeric_limits<double>::infinity();
    for (std::size_t j = 0; j < clusters; ++j) {
      const double h = std::isnan(shared[j]) ? lambda32 : shared[j];
      const double gap = lambda_max - h;
      outlier[j] = lambda_max / (gap <= 0 ? 1e-8 : gap);  // safe_always_positive_division
      if (outlier[j] > top) top = outlier[j];
    }
    double outlier_sum = 0;
    for (double& v : outlier) outlier_sum += (v = std::exp(v - top));
    double sum = 0;
    for (std::size_t j = 0; j < clusters; ++j) {
      const double o = outlier[j] / outlier_sum;
      sum += (outlier[j] = std::sqrt(distance[j]) * (o * o));
    }
    // prob_in_some_cluster, with the double lambda and its + 1e-8.
    std::size_t best = 0;
    double best_height = -std::numeric_limits<double>::infinity();
    for (std::size_t j = 0; j < clusters; ++j) {
      const double h = std::isnan(shared[j]) ? lambda : shared[j];
      if (h > best_height) {
        best_height = h;
        best = j;
      }
    }
    const double in_any = best_height / (std::max(lambda, tree.max_lambda[tree.at(selected[best])]) + 1e-8);
    for (std::size_t j = 0; j < clusters; ++j) out(i, j) = static_cast<float>(outlier[j] / sum * in_any);
  });
  return out;
}

}  // namespace topica::hdbscan
