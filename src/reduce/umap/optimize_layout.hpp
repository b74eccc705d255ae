// UMAP's layout optimisation: stochastic gradient descent on the fuzzy-set cross entropy, with
// umap-learn 0.5.3's edge schedule, negative sampling, learning-rate decay and gradient clipping
// (layouts.py: optimize_layout_euclidean), made deterministic for any thread count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "reduce/umap/graph.hpp"
#include "reduce/umap/streams.hpp"
#include "topica/matrix.hpp"

namespace topica::umap {

struct LayoutOptions {
  double a = 0, b = 0;                     ///< from find_ab
  float gamma = 1.0f;                      ///< umap-learn repulsion_strength: 1.0
  float initial_alpha = 1.0f;              ///< learning rate at the first epoch, decaying linearly to 0
  std::size_t negative_sample_rate = 5;    ///< negative samples per edge sample
  std::size_t n_epochs = 200;
  std::uint64_t seed = 0;
  std::size_t threads = 0;
  /// The weight sampled once per epoch; 0: the graph's largest (umap-learn). Transform passes
  /// 1, the largest weight a membership can have, so no point's schedule depends on the others.
  float max_weight = 0;
  /// Transform: one id per head keying its random stream instead of its row (empty: the row),
  /// so a point draws the same samples wherever it sits in a batch.
  std::vector<std::uint64_t> head_ids;
  std::function<void(std::size_t epoch, std::size_t n_epochs)> progress;  ///< after each epoch, calling thread
};

/// Fit: moves `embedding` (one row per vertex of the symmetric `graph`) for
/// n_epochs epochs. Edge (i, j) is sampled w_ij / max w times per epoch on umap-learn's schedule,
/// pulling i and j together, and each sample is followed by negative_sample_rate negative samples
/// pushing i away from random points. Each epoch runs in phases; within a phase all moves are
/// computed from the phase's starting layout (optimize_layout.cpp says why), so the result is the
/// same bits for any thread count.
void optimize_layout_fit(Matrix<float>& embedding, const Graph& graph, const LayoutOptions& options);

/// Transform: moves the new points `heads` (one per row of the bipartite `graph`) against the
/// fixed fitted layout `tails`, as umap-learn's transform does (move_other=False).
void optimize_layout_transform(Matrix<float>& heads, const Matrix<float>& tails, const Graph& graph,
                               const LayoutOptions& options);

}  // namespace topica::umap
