#include "neighbors/rp_tree.hpp"

#include <cmath>

#include "core/blas.hpp"
#include "neighbors/dot_kernels.hpp"
#include "topica/parallel.hpp"

namespace topica::neighbors {
namespace {

// pynndescent 0.5 (rp_trees.py, EPS): a margin this close to zero is "on the hyperplane".
constexpr float kOnPlane = 1e-8f;

struct Pending {
  std::size_t lo, hi;    // span of RpTree::points
  std::int32_t parent;   // -1 for the root
  bool is_left;          // which child of the parent this span is
};

class TreeBuilder {
 public:
  TreeBuilder(const Matrix<float>& data, std::size_t leaf_size, Random& random, bool keep_nodes)
      : data_(data), leaf_size_(std::max<std::size_t>(leaf_size, 1)), random_(random), keep_nodes_(keep_nodes) {}

  RpTree build() {
    tree_.points.resize(data_.rows);
    for (std::size_t i = 0; i < data_.rows; ++i) tree_.points[i] = static_cast<std::int32_t>(i);
    // Depth first, left before right, with an explicit stack: leaf numbers come out in a
    // fixed order, and a degenerate split sequence cannot overflow the call stack.
    std::vector<Pending> stack{{0, data_.rows, -1, true}};
    while (!stack.empty()) {
      const Pending node = stack.back();
      stack.pop_back();
      if (node.hi - node.lo <= leaf_size_) {
        link(node, -static_cast<std::int32_t>(tree_.leaf_begin.size()) - 1);
        tree_.leaf_begin.push_back(node.lo);
        continue;
      }
      const std::size_t mid = split(node.lo, node.hi);
      const auto id = static_cast<std::int32_t>(tree_.nodes.size());
      if (keep_nodes_) {
        tree_.nodes.push_back({0, 0, offset_});
        normals_.insert(normals_.end(), normal_.begin(), normal_.end());
      }
      link(node, id);
      stack.push_back({mid, node.hi, id, false});
      stack.push_back({node.lo, mid, id, true});
    }
    tree_.leaf_begin.push_back(data_.rows);
    if (keep_nodes_) {
      tree_.normals = Matrix<float>(tree_.nodes.size(), data_.cols);
      tree_.normals.values = std::move(normals_);
    } else {
      tree_.nodes.clear();
    }
    return std::move(tree_);
  }

 private:
  void link(const Pending& node, std::int32_t child) {
    if (!keep_nodes_ || node.parent < 0) return;
    RpTree::Node& parent = tree_.nodes[static_cast<std::size_t>(node.parent)];
    (node.is_left ? parent.left : parent.right) = child;
  }

  // Hyperplane halfway between two distinct random points of the span; returns where the
  // right side starts after a stable partition of points[lo, hi).
  std::size_t split(std::size_t lo, std::size_t hi) {
    const std::size_t size = hi - lo;
    std::size_t a = random_.below(size);
    std::size_t b = random_.below(size - 1);
    if (b >= a) ++b;
    const float* x = data_.row(static_cast<std::size_t>(tree_.points[lo + a]));
    const float* y = data_.row(static_cast<std::size_t>(tree_.points[lo + b]));
    const std::size_t cols = data_.cols;
    normal_.resize(cols);
    double offset = 0;
    for (std::size_t j = 0; j < cols; ++j) {
      normal_[j] = x[j] - y[j];
      offset -= static_cast<double>(normal_[j]) * (0.5 * (static_cast<double>(x[j]) + y[j]));
    }
    offset_ = static_cast<float>(offset);

    side_.resize(size);
    pointers_.resize(size);
    margins_.resize(size);
    for (std::size_t i = 0; i < size; ++i) pointers_[i] = data_.row(static_cast<std::size_t>(tree_.points[lo + i]));
    dots(normal_.data(), pointers_.data(), size, cols, margins_.data());
    std::size_t lefts = 0;
    for (std::size_t i = 0; i < size; ++i) {
      const float margin = margins_[i] + offset_;
      const bool left = std::fabs(margin) < kOnPlane ? (random_.next() & 1) != 0 : margin > 0;
      side_[i] = left;
      lefts += left;
    }
    if (lefts == 0 || lefts == size) {
      // Everything on one side (duplicates, or a numerically flat span): pynndescent assigns
      // such points at random; we do too, and halve by position if the coins still agree.
      lefts = 0;
      for (std::size_t i = 0; i < size; ++i) {
        side_[i] = (random_.next() & 1) != 0;
        lefts += side_[i];
      }
      if (lefts == 0 || lefts == size) {
        for (std::size_t i = 0; i < size; ++i) side_[i] = i < size / 2;
        lefts = size / 2;
      }
    }
    // Stable partition of the points, left side first. (Moving the rows along so that each
    // node's rows are contiguous was measured: twice slower, the copies cost more than the
    // scattered reads they save.)
    points_scratch_.resize(size);
    std::size_t left = 0, right = lefts;
    for (std::size_t i = 0; i < size; ++i) {
      const std::size_t to = side_[i] ? left++ : right++;
      points_scratch_[to] = tree_.points[lo + i];
    }
    std::copy(points_scratch_.begin(), points_scratch_.end(), tree_.points.begin() + static_cast<std::ptrdiff_t>(lo));
    return lo + lefts;
  }

  const Matrix<float>& data_;
  std::size_t leaf_size_;
  Random& random_;
  bool keep_nodes_;
  RpTree tree_;
  std::vector<float> normal_;
  float offset_ = 0;
  std::vector<float> normals_;
  std::vector<bool> side_;
  std::vector<const float*> pointers_;
  std::vector<float> margins_;
  std::vector<std::int32_t> points_scratch_;
};

}  // namespace

std::size_t RpTree::leaf_of(const float* x) const {
  if (nodes.empty()) return 0;
  std::int32_t at = 0;
  while (at >= 0) {
    const Node& node = nodes[static_cast<std::size_t>(at)];
    const float* normal = normals.row(static_cast<std::size_t>(at));
    float margin;
    dots(x, &normal, 1, normals.cols, &margin);
    margin += node.offset;
    at = margin > 0 ? node.left : node.right;
  }
  return static_cast<std::size_t>(-(at + 1));
}

RandomProjection make_random_projection(std::size_t dims, std::size_t columns, Random& random) {
  RandomProjection p;
  p.directions = Matrix<float>(dims, columns);
  for (float& v : p.directions.values) v = static_cast<float>(random.normal());
  return p;
}

Matrix<float> RandomProjection::apply(const Matrix<float>& rows, std::size_t threads) const {
  Matrix<float> out(rows.rows, directions.rows);
  parallel_blocks(rows.rows, 1024, threads, [&](std::size_t begin, std::size_t end) {
    blas::gemm_abt(end - begin, directions.rows, rows.cols, 1.0f, rows.row(begin), rows.cols, directions.values.data(),
                   directions.cols, 0.0f, out.row(begin), out.cols);
  });
  return out;
}

RpTree build_rp_tree(const Matrix<float>& data, std::size_t leaf_size, Random& random, bool keep_nodes) {
  return TreeBuilder(data, leaf_size, random, keep_nodes).build();
}

}  // namespace topica::neighbors
