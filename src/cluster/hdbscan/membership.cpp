#include "cluster/hdbscan/membership.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "cluster/hdbscan/exemplar_distances.hpp"
#include "cluster/hdbscan/merge_heights.hpp"
#include "topica/parallel.hpp"

namespace topica::hdbscan {
namespace {

// hdbscan recurse_leaf_dfs: the leaves under `cluster`, depth first, children in row order.
// Iterative: a cluster tree can be as deep as n / min_cluster_size.
void leaves_below(const ClusterTree& tree, std::int64_t cluster, std::vector<std::int64_t>& out) {
  std::vector<std::int64_t> pending{cluster};
  while (!pending.empty()) {
    const std::int64_t c = pending.back();
    pending.pop_back();
    const std::size_t i = tree.at(c);
    if (tree.first_child[i] == -1) {
      out.push_back(c);
      continue;
    }
    if (tree.second_child[i] != -1) pending.push_back(tree.second_child[i]);
    pending.push_back(tree.first_child[i]);
  }
}

constexpr std::size_t kBlock = 256;  // points per parallel block

// What the points leaving one tree cluster share: their merge heights with every selected
// cluster (NaN: the point's own lambda) and the outlier weights of the shared ones,
// exp(exp(-(lambda_max + 1e-8) / height)) -- all_points_outlier_membership_vector's softmax
// numerators. hdbscan subtracts the row's largest exponent first; the exponents lie in [0, 1]
// here, so nothing can overflow and the softmax is the same up to rounding.
struct SharedHeights {
  std::int64_t cluster = -1;
  double lambda_max = 0;
  std::vector<double> heights, weights;
  double weight_sum = 0;            // over the shared heights
  std::size_t own = 0;              // heights that are the point's lambda
  std::size_t first_own = 0;        // the first of them
  double best_height = -std::numeric_limits<double>::infinity();  // the largest shared height
  std::size_t best = 0;             // ... its first cluster

  double weight(double height) const { return std::exp(std::exp(-((lambda_max + 1e-8) / height))); }

  void reset(const MergeHeights& merge_heights, const ClusterTree& tree, std::int64_t point_cluster) {
    cluster = point_cluster;
    lambda_max = tree.max_lambda[tree.at(point_cluster)];
    merge_heights.fill(point_cluster, heights);
    weights.resize(heights.size());
    weight_sum = 0;
    own = 0;
    best_height = -std::numeric_limits<double>::infinity();
    for (std::size_t j = 0; j < heights.size(); ++j) {
      if (std::isnan(heights[j])) {
        if (own++ == 0) first_own = j;
        continue;
      }
      weight_sum += (weights[j] = weight(heights[j]));
      if (heights[j] > best_height) {
        best_height = heights[j];
        best = j;
      }
    }
  }
};

// One membership row: outlier softmax times normalised inverse distance, normalised, scaled by
// the chance of being in any cluster (all_points_prob_in_some_cluster: the first cluster at the
// largest height decides).
void membership_row(const SharedHeights& shared, const double* distance, double point_lambda, const ClusterTree& tree,
                    std::span<const std::int64_t> selected, float* out) {
  const std::size_t clusters = shared.heights.size();
  const double own_weight = shared.own != 0 ? shared.weight(point_lambda) : 0.0;
  const double outlier_sum = shared.weight_sum + static_cast<double>(shared.own) * own_weight;
  double sum = 0;
  for (std::size_t j = 0; j < clusters; ++j) {
    const double w = std::isnan(shared.heights[j]) ? own_weight : shared.weights[j];
    sum += distance[j] * (w / outlier_sum);
  }
  std::size_t best = shared.best;
  double best_height = shared.best_height;
  if (shared.own != 0 && (point_lambda > best_height || (point_lambda == best_height && shared.first_own < best))) {
    best = shared.first_own;
    best_height = point_lambda;
  }
  const double in_any = best_height / std::max(tree.max_lambda[tree.at(selected[best])], point_lambda);
  for (std::size_t j = 0; j < clusters; ++j) {
    const double w = std::isnan(shared.heights[j]) ? own_weight : shared.weights[j];
    out[j] = static_cast<float>(distance[j] * (w / outlier_sum) / sum * in_any);
  }
}

}  // namespace

std::vector<std::vector<std::int64_t>> find_exemplars(std::span<const CondensedTreeRow> rows, const ClusterTree& tree,
                                                      std::span<const std::int64_t> selected) {
  std::vector<std::vector<std::int64_t>> leaves(selected.size());
  std::vector<std::vector<std::int64_t>> leaf_points(tree.clusters);
  std::vector<std::uint8_t> wanted(tree.clusters, 0);
  for (std::size_t k = 0; k < selected.size(); ++k) {
    leaves_below(tree, selected[k], leaves[k]);
    for (const std::int64_t leaf : leaves[k]) wanted[tree.at(leaf)] = 1;
  }
  for (const CondensedTreeRow& r : rows) {
    const std::size_t p = tree.at(r.parent);
    if (wanted[p] && r.child < tree.root && r.lambda == tree.max_lambda[p]) leaf_points[p].push_back(r.child);
  }
  std::vector<std::vector<std::int64_t>> exemplars(selected.size());
  for (std::size_t k = 0; k < selected.size(); ++k) {
    for (const std::int64_t leaf : leaves[k]) {
      const auto& pts = leaf_points[tree.at(leaf)];
      exemplars[k].insert(exemplars[k].end(), pts.begin(), pts.end());
    }
  }
  return exemplars;
}

Matrix<float> all_points_membership(const HdbscanModel& model, const ClusterTree& tree, std::size_t threads) {
  const std::size_t n = model.data.rows, clusters = model.selected_clusters.size();
  Matrix<float> out(n, clusters);
  if (clusters == 0) return out;
  // Points in the order of the cluster they leave, so a block mostly shares one SharedHeights.
  std::vector<std::size_t> start(tree.clusters + 1, 0), members(n);
  for (std::size_t i = 0; i < n; ++i) ++start[tree.at(tree.point_parent[i]) + 1];
  for (std::size_t c = 0; c < tree.clusters; ++c) start[c + 1] += start[c];
  std::vector<std::size_t> fill(start.begin(), start.end() - 1);
  for (std::size_t i = 0; i < n; ++i) members[fill[tree.at(tree.point_parent[i])]++] = i;

  const std::span<const std::int64_t> selected(model.selected_clusters);
  const MergeHeights merge_heights(tree, selected);
  const ExemplarSet exemplars(model.data, model.exemplars);
  // Every row depends on its point alone, so the blocks can run in any order on any thread.
  parallel_blocks(n, kBlock, threads, [&](std::size_t begin, std::size_t end) {
    SharedHeights shared;
    std::vector<double> distance(clusters), scratch;
    for (std::size_t m = begin; m < end; ++m) {
      const std::size_t i = members[m];
      if (tree.point_parent[i] != shared.cluster) shared.reset(merge_heights, tree, tree.point_parent[i]);
      exemplars.inverse_distances(model.data.row(i), scratch, distance.data());
      membership_row(shared, distance.data(), tree.point_lambda[i], tree, selected, out.row(i));
    }
  });
  return out;
}

}  // namespace topica::hdbscan
