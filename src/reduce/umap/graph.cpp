#include "reduce/umap/graph.hpp"

#include <algorithm>

namespace topica::umap {

float max_weight(const Graph& graph) {
  float m = 0.0f;
  for (float w : graph.weights) m = std::max(m, w);
  return m;
}

Graph drop_weak_edges(const Graph& graph, float threshold) {
  Graph out;
  out.rows = graph.rows;
  out.cols = graph.cols;
  out.offsets.assign(graph.rows + 1, 0);
  out.columns.reserve(graph.edges());
  out.weights.reserve(graph.edges());
  for (std::size_t i = 0; i < graph.rows; ++i) {
    for (std::size_t e = graph.begin(i); e < graph.end(i); ++e) {
      if (graph.weights[e] < threshold) continue;
      out.columns.push_back(graph.columns[e]);
      out.weights.push_back(graph.weights[e]);
    }
    out.offsets[i + 1] = out.columns.size();
  }
  return out;
}

}  // namespace topica::umap
