// From nearest neighbours to UMAP's fuzzy graph (umap-learn 0.5.3 umap_.py: smooth_knn_dist,
// compute_membership_strengths, fuzzy_simplicial_set).
#pragma once

#include <cstddef>
#include <vector>

#include "reduce/umap/graph.hpp"
#include "topica/neighbors.hpp"

namespace topica::umap {

/// Each point's local scale: rho, the distance to its nearest neighbour at a positive distance,
/// and sigma, chosen so that sum over its neighbours j >= 1 of exp(-(d_j - rho) / sigma) = log2(k).
struct LocalScales {
  std::vector<float> sigmas;
  std::vector<float> rhos;
};

/// umap-learn's smooth_knn_dist: a binary search of at most 64 steps to a tolerance of 1e-5, with
/// sigma floored at 1e-3 times the mean neighbour distance (the point's own, or all points' when
/// rho is 0). The first column of each list is skipped in the sum, as umap-learn does, because it
/// is the point itself in a fit. `k` is the target neighbourhood size (umap-learn passes
/// n_neighbors); `local_connectivity` is 1 for a fit and 0 for transform. Entries with index -1
/// (no neighbour) must carry an infinite distance. Rows are independent: threads do not matter.
LocalScales smooth_knn_dist(const KnnGraph& knn, double k, double local_connectivity, std::size_t threads);

/// The directed membership strengths exp(-(d - rho) / sigma) (1 where d <= rho or sigma = 0) of
/// each point to each of its neighbours: compute_membership_strengths. Unless `bipartite`, a point's
/// edge to itself gets 0. Zero weights and -1 indices are left out. Rows keep the list order.
Graph membership_strengths(const KnnGraph& knn, const LocalScales& scales, bool bipartite, std::size_t cols);

/// The fuzzy union A + A^T - A o A^T of a square directed graph (set_op_mix_ratio 1): symmetric,
/// columns sorted within each row, zero weights left out.
Graph fuzzy_union(const Graph& directed);

/// All three: the graph umap-learn's fuzzy_simplicial_set returns for neighbour lists that
/// include each point itself (local_connectivity 1, set_op_mix_ratio 1).
Graph fuzzy_simplicial_set(const KnnGraph& knn, std::size_t n_neighbors, std::size_t threads,
                           LocalScales* scales_out = nullptr);

}  // namespace topica::umap
