#include "cluster/hdbscan/kd_tree.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace topica::hdbscan {
namespace {

// sklearn 1.2 _binary_tree.pxi: n_levels = int(np.log2(fmax(1, (n - 1) / leaf_size)) + 1).
std::size_t level_count(std::size_t n, std::size_t leaf_size) {
  const double ratio = std::max(1.0, static_cast<double>(n - 1) / static_cast<double>(leaf_size));
  return static_cast<std::size_t>(std::log2(ratio) + 1.0);
}

// The k best (rdist, index) pairs seen so far, kept sorted: k is small (min_samples + 1), and
// shifting a few entries beats heap operations.
class BestK {
 public:
  BestK(KdNeighbor* slots, std::size_t k) : slots_(slots), k_(k) {}
  double worst() const { return size_ < k_ ? std::numeric_limits<double>::infinity() : slots_[k_ - 1].rdist; }
  void offer(const KdNeighbor& candidate) {
    std::size_t i;
    if (size_ < k_) {
      i = size_++;
    } else {
      if (!(candidate < slots_[k_ - 1])) return;
      i = k_ - 1;
    }
    for (; i > 0 && candidate < slots_[i - 1]; --i) slots_[i] = slots_[i - 1];
    slots_[i] = candidate;
  }
  void finish() {}

 private:
  KdNeighbor* slots_;
  std::size_t k_, size_ = 0;
};

// Depth-first, nearer child first; a node is skipped only when strictly farther than the current
// k-th neighbour, so an equally distant point with a smaller index still gets in.
void search(const KdTree& tree, const double* query, std::size_t start, BestK& best) {
  // At most two entries per level are pending, and a tree has fewer than 64 levels.
  struct Pending {
    std::size_t node;
    double rdist;
  };
  std::array<Pending, 128> stack;
  std::size_t top_of_stack = 0;
  stack[top_of_stack++] = {start, tree.point_rdist(start, query)};
  while (top_of_stack > 0) {
    const Pending top = stack[--top_of_stack];
    if (top.rdist > best.worst()) continue;
    const KdNode& nd = tree.node(top.node);
    if (nd.leaf) {
      for (std::size_t p = nd.begin; p < nd.end; ++p) {
        const double d = squared_distance(query, tree.point_at(p), tree.dims());
        if (d <= best.worst()) best.offer({d, tree.index()[p]});
      }
      continue;
    }
    const std::size_t left = 2 * top.node + 1, right = left + 1;
    const double dl = tree.point_rdist(left, query), dr = tree.point_rdist(right, query);
    // Pushed far first so the near child is popped next.
    if (dl <= dr) {
      stack[top_of_stack++] = {right, dr};
      stack[top_of_stack++] = {left, dl};
    } else {
      stack[top_of_stack++] = {left, dl};
      stack[top_of_stack++] = {right, dr};
    }
  }
}

}  // namespace

KdTree::KdTree(const Matrix<double>& data, std::size_t leaf_size) : data_(data), dims_(data.cols) {
  const std::size_t n = data.rows;
  index_.resize(n);
  for (std::size_t i = 0; i < n; ++i) index_[i] = static_cast<std::int64_t>(i);
  if (n == 0) return;
  const std::size_t levels = level_count(n, std::max<std::size_t>(leaf_size, 1));
  nodes_.resize((std::size_t{1} << levels) - 1);
  bounds_.resize(nodes_.size() * 2 * dims_);
  leaf_of_.resize(n);
  build(0, 0, n);
  sorted_.resize(n * dims_);
  for (std::size_t p = 0; p < n; ++p) {
    std::copy_n(data.row(static_cast<std::size_t>(index_[p])), dims_, sorted_.data() + p * dims_);
  }
}

// sklearn _kd_tree.pyx init_node: the bounding box of the node's points; radius = the L2 norm of
// its half extents, computed as pow(sum(pow(half, 2)), 1/2) like sklearn (pow, not sqrt).
void KdTree::init_node(std::size_t node, std::size_t begin, std::size_t end) {
  double* lo = bounds_.data() + (2 * node) * dims_;
  double* hi = lo + dims_;
  std::fill_n(lo, dims_, std::numeric_limits<double>::infinity());
  std::fill_n(hi, dims_, -std::numeric_limits<double>::infinity());
  for (std::size_t p = begin; p < end; ++p) {
    const double* row = data_.row(static_cast<std::size_t>(index_[p]));
    for (std::size_t j = 0; j < dims_; ++j) {  // fmin/fmax without the NaN cases: input is finite
      lo[j] = row[j] < lo[j] ? row[j] : lo[j];
      hi[j] = row[j] > hi[j] ? row[j] : hi[j];
    }
  }
  double rad = 0;
  for (std::size_t j = 0; j < dims_; ++j) rad += std::pow(0.5 * std::fabs(hi[j] - lo[j]), 2.0);
  nodes_[node] = KdNode{begin, end, false, std::pow(rad, 0.5)};
}

// sklearn find_node_split_dim: the dimension with the largest max - min over the node's points,
// the first one on ties. That spread is exactly upper - lower of the box init_node just made.
std::size_t KdTree::split_dimension(std::size_t node) const {
  const double* lo = lower(node);
  const double* hi = upper(node);
  std::size_t best = 0;
  double best_spread = 0;
  for (std::size_t j = 0; j < dims_; ++j) {
    if (hi[j] - lo[j] > best_spread) {
      best_spread = hi[j] - lo[j];
      best = j;
    }
  }
  return best;
}

void KdTree::build(std::size_t node, std::size_t begin, std::size_t end) {
  init_node(node, begin, end);
  if (2 * node + 1 >= nodes_.size() || end - begin < 2) {
    nodes_[node].leaf = true;
    for (std::size_t p = begin; p < end; ++p) leaf_of_[p] = static_cast<std::uint32_t>(node);
    return;
  }
  const std::size_t dim = split_dimension(node);
  const std::size_t mid = (end - begin) / 2;
  // sklearn _partition_nodes.pyx: nth_element ordered by the split value, ties by index.
  const Matrix<double>& data = data_;
  std::nth_element(index_.begin() + static_cast<std::ptrdiff_t>(begin),
                   index_.begin() + static_cast<std::ptrdiff_t>(begin + mid),
                   index_.begin() + static_cast<std::ptrdiff_t>(end), [&](std::int64_t a, std::int64_t b) {
                     const double va = data(static_cast<std::size_t>(a), dim);
                     const double vb = data(static_cast<std::size_t>(b), dim);
                     return va == vb ? a < b : va < vb;
                   });
  build(2 * node + 1, begin, begin + mid);
  build(2 * node + 2, begin + mid, end);
}

void KdTree::knn(const double* query, std::size_t k, KdNeighbor* out) const {
  BestK best(out, k);
  search(*this, query, 0, best);
  best.finish();
}

void KdTree::knn_of_position(std::size_t position, std::size_t k, KdNeighbor* out) const {
  // Bottom-up: the point's own leaf, then the sibling subtree of each ancestor in turn. Most
  // neighbours sit close by, so the bound tightens early and far subtrees are skipped at
  // their root.
  BestK best(out, k);
  const double* query = point_at(position);
  std::size_t node = leaf_of_[position];
  const KdNode& own = nodes_[node];
  for (std::size_t p = own.begin; p < own.end; ++p) best.offer({squared_distance(query, point_at(p), dims_), index_[p]});
  for (; node > 0; node = (node - 1) / 2) {
    const std::size_t sibling = node % 2 == 1 ? node + 1 : node - 1;
    search(*this, query, sibling, best);
  }
  best.finish();
}

}  // namespace topica::hdbscan
