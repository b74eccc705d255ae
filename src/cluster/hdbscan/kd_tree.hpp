// A kd-tree laid out exactly as scikit-learn 1.2's KDTree builds it, because hdbscan 0.8's
// Borůvka walks that tree and its tie-breaking depends on the tree's shape and point order:
//  - nodes in heap order (children of i are 2i+1, 2i+2), levels = int(log2(max(1, (n-1)/leaf)) + 1);
//  - a node splits its points at the median (n/2) of the dimension with the largest spread (first
//    one on ties), chosen by std::nth_element with the comparator (value, then index), as
//    sklearn/neighbors/_partition_nodes.pyx does, so the point order inside a node matches too;
//  - node bounds are the min/max of the node's points, radius = half the box diagonal.
// Distances are squared euclidean ("rdist") summed dimension by dimension in double, the order
// sklearn's EuclideanDistance.rdist uses, so equal inputs give bit-equal distances.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "topica/matrix.hpp"

namespace topica::hdbscan {

struct KdNode {
  std::size_t begin = 0, end = 0;  ///< range of positions in KdTree::index()
  bool leaf = false;
  double radius = 0;  ///< half the diagonal of the node's bounding box
};

/// One neighbour: squared distance, then index (the order every kNN list here is sorted by).
struct KdNeighbor {
  double rdist;
  std::int64_t index;
  friend bool operator<(const KdNeighbor& a, const KdNeighbor& b) {
    return a.rdist < b.rdist || (a.rdist == b.rdist && a.index < b.index);
  }
};

/// Squared euclidean distance accumulated in dimension order (sklearn's euclidean_rdist).
inline double squared_distance(const double* a, const double* b, std::size_t dims) {
  double d = 0;
  for (std::size_t j = 0; j < dims; ++j) {
    const double t = a[j] - b[j];
    d += t * t;
  }
  return d;
}

class KdTree {
 public:
  /// Builds over the rows of `data`, which must outlive the tree.
  KdTree(const Matrix<double>& data, std::size_t leaf_size);

  std::size_t size() const { return index_.size(); }
  std::size_t dims() const { return dims_; }
  std::size_t node_count() const { return nodes_.size(); }
  const KdNode& node(std::size_t i) const { return nodes_[i]; }
  /// Original row of the point at position p (sklearn's idx_array).
  const std::vector<std::int64_t>& index() const { return index_; }
  /// The point at position p, stored in tree order for locality.
  const double* point_at(std::size_t p) const { return sorted_.data() + p * dims_; }
  const double* lower(std::size_t node) const { return bounds_.data() + (2 * node) * dims_; }
  const double* upper(std::size_t node) const { return bounds_.data() + (2 * node + 1) * dims_; }

  /// Squared distance between the bounding boxes of two nodes (hdbscan's kdtree_min_rdist_dual):
  /// per dimension the gap, written as (d1 + |d1|) + (d2 + |d2|) = 2 max(gap, 0), halved, squared.
  double node_rdist(std::size_t a, std::size_t b) const {
    const double* lo_a = lower(a);
    const double* hi_a = upper(a);
    const double* lo_b = lower(b);
    const double* hi_b = upper(b);
    double rdist = 0;
    for (std::size_t j = 0; j < dims_; ++j) {
      const double d1 = lo_a[j] - hi_b[j];
      const double d2 = lo_b[j] - hi_a[j];
      const double half = 0.5 * ((d1 + std::fabs(d1)) + (d2 + std::fabs(d2)));
      rdist += half * half;
    }
    return rdist;
  }

  /// Squared distance from `q` to the bounding box of `node` (0 inside). Never larger than the
  /// squared distance to any point of the node, in floating point too.
  double point_rdist(std::size_t node, const double* q) const {
    const double* lo = lower(node);
    const double* hi = upper(node);
    double rdist = 0;
    for (std::size_t j = 0; j < dims_; ++j) {
      const double gap = q[j] < lo[j] ? lo[j] - q[j] : (q[j] > hi[j] ? q[j] - hi[j] : 0.0);
      rdist += gap * gap;
    }
    return rdist;
  }

  /// The k nearest rows to `query`, sorted by (squared distance, index); `out` holds k entries.
  /// Exact: ties are broken by the smaller index whatever the traversal order.
  void knn(const double* query, std::size_t k, KdNeighbor* out) const;
  /// The same for the point stored at `position`, starting from its own leaf (faster).
  void knn_of_position(std::size_t position, std::size_t k, KdNeighbor* out) const;

 private:
  void build(std::size_t node, std::size_t begin, std::size_t end);
  void init_node(std::size_t node, std::size_t begin, std::size_t end);
  std::size_t split_dimension(std::size_t node) const;

  const Matrix<double>& data_;
  std::size_t dims_ = 0;
  std::vector<std::int64_t> index_;
  std::vector<KdNode> nodes_;
  std::vector<double> bounds_;  // per node: lower then upper, dims_ values each
  std::vector<double> sorted_;
  std::vector<std::uint32_t> leaf_of_;  // per position: its leaf node
};

}  // namespace topica::hdbscan
