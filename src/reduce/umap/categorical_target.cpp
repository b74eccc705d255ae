#include "reduce/umap/categorical_target.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "reduce/umap/fuzzy_set.hpp"
#include "topica/error.hpp"

namespace topica::umap {

double categorical_far_distance(double target_weight) {
  return target_weight < 1.0 ? 2.5 * (1.0 / (1.0 - target_weight)) : 1.0e12;
}

Graph intersect_with_labels(const Graph& graph, std::span<const int> labels, double far_distance,
                            double unknown_distance) {
  if (labels.size() != graph.rows || graph.rows != graph.cols) {
    throw UsageError(fmt::format("UMAP: {} target labels for {} points", labels.size(), graph.rows));
  }
  // numba multiplies the float32 weight by a float64 factor and stores the result as float32.
  const double unknown = std::exp(-unknown_distance), far = std::exp(-far_distance);
  Graph out = graph;
  for (std::size_t i = 0; i < out.rows; ++i) {
    for (std::size_t e = out.begin(i); e < out.end(i); ++e) {
      const int a = labels[i], b = labels[static_cast<std::size_t>(out.columns[e])];
      if (a == -1 || b == -1) {
        out.weights[e] = static_cast<float>(static_cast<double>(out.weights[e]) * unknown);
      } else if (a != b) {
        out.weights[e] = static_cast<float>(static_cast<double>(out.weights[e]) * far);
      }
    }
  }
  // eliminate_zeros: a factor of exp(-1e12) underflows to 0.
  return drop_weak_edges(out, std::nextafter(0.0f, 1.0f));
}

Graph reset_local_connectivity(const Graph& graph) {
  Graph scaled = graph;
  for (std::size_t i = 0; i < scaled.rows; ++i) {
    float largest = 0.0f;
    for (std::size_t e = scaled.begin(i); e < scaled.end(i); ++e) largest = std::max(largest, std::abs(scaled.weights[e]));
    if (largest == 0.0f) continue;
    for (std::size_t e = scaled.begin(i); e < scaled.end(i); ++e) scaled.weights[e] /= largest;
  }
  return fuzzy_union(scaled);
}

Graph categorical_intersection(const Graph& graph, std::span<const int> labels, double target_weight) {
  return reset_local_connectivity(intersect_with_labels(graph, labels, categorical_far_distance(target_weight)));
}

}  // namespace topica::umap
