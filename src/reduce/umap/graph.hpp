// The weighted graphs UMAP passes between its steps, in compressed sparse row form.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace topica::umap {

/// Row i holds the edges i -> columns[offsets[i] .. offsets[i + 1]) with their weights. For a
/// fitted UMAP graph (fuzzy_union) rows and columns are the same points, the matrix is symmetric
/// and columns increase within a row; for transform rows are new points, columns training points,
/// in neighbour order.
struct Graph {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<std::size_t> offsets{0};  ///< rows + 1
  std::vector<std::int32_t> columns;
  std::vector<float> weights;

  std::size_t edges() const { return columns.size(); }
  std::size_t begin(std::size_t row) const { return offsets[row]; }
  std::size_t end(std::size_t row) const { return offsets[row + 1]; }
};

/// Largest edge weight (0 for a graph without edges).
float max_weight(const Graph& graph);

/// Drops the edges with weight below `threshold`, keeping the order of the rest.
Graph drop_weak_edges(const Graph& graph, float threshold);

}  // namespace topica::umap
