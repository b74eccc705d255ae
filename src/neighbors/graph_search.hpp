// Queries against a neighbour graph, as pynndescent 0.5's NNDescent.query: start from the
// leaf of a random-projection tree the query falls into, then walk the graph best first,
// keeping any point within (1 + epsilon) of the current k-th distance.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "neighbors/knn_common.hpp"
#include "neighbors/rp_tree.hpp"
#include "topica/matrix.hpp"
#include "topica/neighbors.hpp"

namespace topica::neighbors {

/// Undirected adjacency (CSR) built from a kNN graph: each point's own neighbours plus the
/// points that list it, closest first, at most max_degree (pynndescent 0.5 also adds the reverse
/// edges, so points that nobody lists stay reachable).
struct SearchGraph {
  std::vector<std::size_t> begin;  ///< n + 1 offsets
  std::vector<std::int32_t> adjacent;
};
SearchGraph build_search_graph(const KnnGraph& graph, std::size_t max_degree);

/// For every row of `queries` (prepared like `data`: unit rows for cosine), its k nearest
/// rows of `data` by squared euclidean distance, in increasing (distance, index) order,
/// as query-major lists of k candidates. `tree_queries` are the rows `tree` was built in
/// (the queries projected like the tree's data; `queries` itself when the tree is not
/// projected). Deterministic for any thread count.
std::vector<Neighbor> search_graph(const Matrix<float>& data, const SearchGraph& graph, const RpTree& tree,
                                   const Matrix<float>& queries, const Matrix<float>& tree_queries, std::size_t k,
                                   double epsilon, std::uint64_t seed, std::size_t threads);

}  // namespace topica::neighbors
