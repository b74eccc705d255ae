// Supervised UMAP with a categorical target (umap-learn 0.5.3 umap_.py: UMAP.fit with y and
// target_metric="categorical", fast_intersection, discrete_metric_simplicial_set_intersection,
// reset_local_connectivity): the fuzzy graph is intersected with the graph of "same label", then
// every point is given back full confidence in its strongest edge.
#pragma once

#include <span>

#include "reduce/umap/graph.hpp"

namespace topica::umap {

/// umap-learn's distance between two different labels for a target weight w:
/// 2.5 / (1 - w) below 1, else 1e12 (the labels alone decide). w = 0.5 gives 5.
double categorical_far_distance(double target_weight);

/// The distance umap-learn assumes between an unlabelled point (label -1) and any other point.
inline constexpr double kUnknownLabelDistance = 1.0;

/// fast_intersection: an edge with an unlabelled end is scaled by exp(-unknown_distance), an
/// edge between different labels by exp(-far_distance), an edge within one label is kept.
/// `labels` has one entry per graph row; -1 means unlabelled.
Graph intersect_with_labels(const Graph& graph, std::span<const int> labels, double far_distance,
                            double unknown_distance = kUnknownLabelDistance);

/// reset_local_connectivity: each row divided by its largest weight (scikit-learn's
/// normalize(norm="max")), then the fuzzy union with its transpose again.
Graph reset_local_connectivity(const Graph& graph);

/// Both, as discrete_metric_simplicial_set_intersection does for categorical labels.
Graph categorical_intersection(const Graph& graph, std::span<const int> labels, double target_weight);

}  // namespace topica::umap
