#include "cluster/hdbscan/membership.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

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

// The softmax and normalisations of one membership row (all_points_membership_vectors).
void membership_row(const double* distance, std::span<const double> heights, double point_lambda, double lambda_max,
                    const ClusterTree& tree, std::span<const std::int64_t> selected, std::vector<double>& scratch,
                    float* out) {
  const std::size_t clusters = heights.size();
  scratch.resize(clusters);
  double top = -std::numeric_limits<double>::infinity();
  for (std::size_t j = 0; j < clusters; ++j) {
    scratch[j] = std::exp(-((lambda_max + 1e-8) / heights[j]));
    if (scratch[j] > top) top = scratch[j];  // np.nanmax: NaN never wins
  }
  double outlier_sum = 0;
  for (std::size_t j = 0; j < clusters; ++j) outlier_sum += (scratch[j] = std::exp(scratch[j] - top));
  double sum = 0;
  for (std::size_t j = 0; j < clusters; ++j) sum += (scratch[j] = distance[j] * (scratch[j] / outlier_sum));
  // all_points_prob_in_some_cluster: the first cluster at the largest height decides.
  const std::size_t best = static_cast<std::size_t>(std::max_element(heights.begin(), heights.end()) - heights.begin());
  const double in_any =
      heights[best] / std::max(tree.max_lambda[tree.at(selected[best])], point_lambda);
  for (std::size_t j = 0; j < clusters; ++j) out[j] = static_cast<float>(scratch[j] / sum * in_any);
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

void merge_heights(const ClusterTree& tree, std::span<const std::int64_t> selected, std::int64_t point_cluster,
                   std::vector<double>& out) {
  out.resize(selected.size());
  const auto depth = [&](std::int64_t c) { return tree.depth[tree.at(c)]; };
  const auto up = [&](std::int64_t c) { return tree.parent[tree.at(c)]; };
  // ancestors[d]: the ancestor of point_cluster at depth d.
  std::vector<std::int64_t> ancestors(depth(point_cluster) + 1);
  for (std::int64_t c = point_cluster; c != -1; c = up(c)) ancestors[depth(c)] = c;
  const std::uint32_t point_depth = depth(point_cluster);
  for (std::size_t j = 0; j < selected.size(); ++j) {
    std::int64_t node = selected[j], below = -1;
    while (depth(node) > point_depth) {
      below = node;
      node = up(node);
    }
    if (node == ancestors[depth(node)]) {  // one lies below the other (or they are the same)
      out[j] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    while (node != ancestors[depth(node)]) {
      below = node;
      node = up(node);
    }
    out[j] = tree.birth[tree.at(below)];
  }
}

void exemplar_distance_vector(const double* x, const Matrix<double>& data,
                              const std::vector<std::vector<std::int64_t>>& exemplars, double* out) {
  const std::size_t clusters = exemplars.size();
  double sum = 0;
  for (std::size_t j = 0; j < clusters; ++j) {
    double nearest = std::numeric_limits<double>::max();
    for (const std::int64_t e : exemplars[j]) {
      const double* y = data.row(static_cast<std::size_t>(e));
      double d = 0;
      for (std::size_t k = 0; k < data.cols; ++k) {
        const double t = x[k] - y[k];
        d += t * t;
      }
      nearest = std::min(nearest, std::sqrt(d));
    }
    out[j] = nearest != 0 ? 1.0 / nearest : std::numeric_limits<double>::max() / static_cast<double>(clusters);
    sum += out[j];
  }
  for (std::size_t j = 0; j < clusters; ++j) out[j] /= sum;
}

Matrix<float> all_points_membership(const HdbscanModel& model, const ClusterTree& tree, std::size_t threads) {
  const std::size_t n = model.data.rows, clusters = model.selected_clusters.size();
  Matrix<float> out(n, clusters);
  if (clusters == 0) return out;
  // Points grouped by the cluster they leave: the merge heights are shared within a group.
  std::vector<std::size_t> start(tree.clusters + 1, 0), members(n);
  for (std::size_t i = 0; i < n; ++i) ++start[tree.at(tree.point_parent[i]) + 1];
  for (std::size_t c = 0; c < tree.clusters; ++c) start[c + 1] += start[c];
  std::vector<std::size_t> fill(start.begin(), start.end() - 1);
  for (std::size_t i = 0; i < n; ++i) members[fill[tree.at(tree.point_parent[i])]++] = i;

  const std::span<const std::int64_t> selected(model.selected_clusters);
  parallel_tasks(tree.clusters, threads, [&](std::size_t c) {
    if (start[c] == start[c + 1]) return;
    std::vector<double> shared, heights(clusters), distance(clusters), scratch;
    merge_heights(tree, selected, tree.root + static_cast<std::int64_t>(c), shared);
    for (std::size_t m = start[c]; m < start[c + 1]; ++m) {
      const std::size_t i = members[m];
      const double lambda = tree.point_lambda[i];
      for (std::size_t j = 0; j < clusters; ++j) heights[j] = std::isnan(shared[j]) ? lambda : shared[j];
      exemplar_distance_vector(model.data.row(i), model.data, model.exemplars, distance.data());
      membership_row(distance.data(), heights, lambda, tree.max_lambda[c], tree, selected, scratch, out.row(i));
    }
  });
  return out;
}

}  // namespace topica::hdbscan
