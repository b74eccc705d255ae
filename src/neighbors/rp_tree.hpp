// Random-projection trees (pynndescent 0.5, rp_trees.py): each node splits its points by the
// hyperplane halfway between two of them picked at random, until a node holds at most
// leaf_size points. Points in one leaf are likely neighbours; NN-descent starts from them, and
// a query starts from the leaf it falls into.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "topica/matrix.hpp"
#include "topica/random.hpp"

namespace topica::neighbors {

struct RpTree {
  /// The points, leaf after leaf: leaf l holds points[leaf_begin[l] .. leaf_begin[l + 1]).
  std::vector<std::int32_t> points;
  std::vector<std::size_t> leaf_begin;

  /// Internal nodes, kept only when the tree is built for search. A child >= 0 is a node,
  /// a child < 0 is leaf -(child + 1). Node 0 is the root (absent when the root is a leaf).
  struct Node {
    std::int32_t left;
    std::int32_t right;
    float offset;
  };
  std::vector<Node> nodes;
  Matrix<float> normals;  ///< row i: node i's hyperplane normal

  std::size_t leaves() const { return leaf_begin.empty() ? 0 : leaf_begin.size() - 1; }
  /// The leaf a new point falls into (needs a tree built with keep_nodes).
  std::size_t leaf_of(const float* x) const;
};

/// A random linear map to fewer dimensions for building trees. A hyperplane in the projected
/// space is a hyperplane of the original one (normal P^T n), so trees built on projected rows
/// are still random-projection trees; the rows just take a fraction of the memory traffic,
/// which is what tree building is bound by.
struct RandomProjection {
  Matrix<float> directions;  ///< dims x original columns, independent N(0, 1) entries
  /// The projected rows (rows x dims), in fixed blocks: identical for any thread count.
  Matrix<float> apply(const Matrix<float>& rows, std::size_t threads) const;
};
RandomProjection make_random_projection(std::size_t dims, std::size_t columns, Random& random);

/// Builds one tree over the rows of `data` (already prepared: unit rows for cosine, so the
/// midpoint hyperplane is pynndescent's angular split). Points on a hyperplane, and every point
/// of a split that would leave one side empty (duplicates), go to a side by a coin flip from
/// `random`, so duplicates and dense blobs still split in half and the depth stays logarithmic.
RpTree build_rp_tree(const Matrix<float>& data, std::size_t leaf_size, Random& random, bool keep_nodes);

}  // namespace topica::neighbors
