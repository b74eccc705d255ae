// np.argsort(values) as numpy 1.24 computes it (kind="quicksort", the default): an introsort
// that is not stable, so equal values come out in an order set by the algorithm. hdbscan sorts
// its spanning-tree edges this way before building the single-linkage tree, and the order of
// equally long edges decides cluster numbering and, at min_cluster_size boundaries, the tree
// itself; reproducing it exactly is what makes labels and GLOSH scores match the library.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace topica::hdbscan {

/// Indices that sort `values` ascending, ties ordered exactly as numpy 1.24's argsort orders them.
std::vector<std::size_t> numpy_argsort(std::span<const double> values);

}  // namespace topica::hdbscan
