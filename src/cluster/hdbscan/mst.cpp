#include "cluster/hdbscan/mst.hpp"

#include <cmath>
#include <limits>

namespace topica::hdbscan {
namespace {

constexpr double kDblMax = std::numeric_limits<double>::max();

// hdbscan _hdbscan_boruvka.pyx BoruvkaUnionFind: union by rank, path halving. The root that
// survives a union names the component, and candidates are stored per component name, so this
// exact rule decides the order in which later edges are added.
class RankUnionFind {
 public:
  explicit RankUnionFind(std::size_t n) : parent_(n), rank_(n, 0), is_root_(n, 1) {
    for (std::size_t i = 0; i < n; ++i) parent_[i] = static_cast<std::int64_t>(i);
  }
  std::int64_t find(std::int64_t x) {
    std::int64_t parent = parent_[static_cast<std::size_t>(x)];
    while (parent != x) {
      const std::int64_t grandparent = parent_[static_cast<std::size_t>(parent)];
      parent_[static_cast<std::size_t>(x)] = grandparent;
      x = parent;
      parent = grandparent;
    }
    return x;
  }
  void unite(std::int64_t x, std::int64_t y) {
    const auto rx = static_cast<std::size_t>(find(x)), ry = static_cast<std::size_t>(find(y));
    if (rx == ry) return;
    if (rank_[rx] < rank_[ry]) {
      parent_[rx] = static_cast<std::int64_t>(ry);
      is_root_[rx] = 0;
    } else if (rank_[rx] > rank_[ry]) {
      parent_[ry] = static_cast<std::int64_t>(rx);
      is_root_[ry] = 0;
    } else {
      ++rank_[rx];
      parent_[ry] = static_cast<std::int64_t>(rx);
      is_root_[ry] = 0;
    }
  }
  /// Component names in increasing order (numpy's is_component.nonzero()).
  std::vector<std::int64_t> roots() const {
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < is_root_.size(); ++i) {
      if (is_root_[i]) out.push_back(static_cast<std::int64_t>(i));
    }
    return out;
  }

 private:
  std::vector<std::int64_t> parent_;
  std::vector<std::uint8_t> rank_;
  std::vector<std::uint8_t> is_root_;
};

class DualTreeBoruvka {
 public:
  DualTreeBoruvka(const KdTree& tree, const CoreDistances& core, MstMethod method)
      : tree_(tree), approximate_(method == MstMethod::Reference), n_(tree.size()), core_(n_), core_pos_(n_),
        comp_of_point_(n_), comp_pos_(n_), comp_of_node_(tree.node_count()), cand_point_(n_, -1),
        cand_neighbor_(n_, -1), cand_dist_(n_, kDblMax), bounds_(tree.node_count(), kDblMax), union_find_(n_) {
    for (std::size_t i = 0; i < n_; ++i) {
      core_[i] = core.fit[i] * core.fit[i];  // sklearn's _dist_to_rdist
      comp_of_point_[i] = static_cast<std::int64_t>(i);
    }
    for (std::size_t p = 0; p < n_; ++p) {
      core_pos_[p] = core_[static_cast<std::size_t>(tree.index()[p])];
      comp_pos_[p] = tree.index()[p];
    }
    for (std::size_t i = 0; i < comp_of_node_.size(); ++i) comp_of_node_[i] = -static_cast<std::int64_t>(i + 1);
    components_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i) components_[i] = static_cast<std::int64_t>(i);
    edges_.reserve(n_ > 0 ? n_ - 1 : 0);
    seed_from_neighbors(core);
  }

  std::vector<MstEdge> run() {
    update_components();
    std::fill(bounds_.begin(), bounds_.end(), kDblMax);
    std::size_t components = n_;
    while (components > 1) {
      traverse(0, 0, tree_.node_rdist(0, 0));
      const std::size_t before = components;
      components = update_components();
      // hdbscan would loop forever if a round joined nothing twice; a round with the valid
      // bound always joins something, so use it then (never happens on ordinary data).
      stalled_ = components == before ? stalled_ + 1 : 0;
    }
    return std::move(edges_);
  }

 private:
  // hdbscan _compute_bounds: the k nearest neighbours already give each point its cheapest
  // edge when a neighbour has a core distance no larger than its own.
  void seed_from_neighbors(const CoreDistances& core) {
    for (std::size_t n = 0; n < n_; ++n) {
      const std::int64_t* row = core.neighbors.data() + n * core.k;
      for (std::size_t i = 0; i < core.k; ++i) {
        const std::int64_t m = row[i];
        if (m == static_cast<std::int64_t>(n)) continue;
        if (core_[static_cast<std::size_t>(m)] <= core_[n]) {
          cand_point_[n] = static_cast<std::int64_t>(n);
          cand_neighbor_[n] = m;
          cand_dist_[n] = core_[n];
          break;
        }
      }
    }
  }

  std::size_t update_components() {
    for (const std::int64_t component : components_) {
      const auto c = static_cast<std::size_t>(component);
      const std::int64_t source = cand_point_[c], sink = cand_neighbor_[c];
      if (source == -1 || sink == -1) continue;
      if (union_find_.find(source) == union_find_.find(sink)) {
        cand_point_[c] = cand_neighbor_[c] = -1;
        cand_dist_[c] = kDblMax;
        continue;
      }
      edges_.push_back({source, sink, std::sqrt(cand_dist_[c])});
      union_find_.unite(source, sink);
      cand_dist_[c] = kDblMax;
      if (edges_.size() == n_ - 1) {
        components_ = union_find_.roots();
        return components_.size();
      }
    }
    for (std::size_t i = 0; i < n_; ++i) comp_of_point_[i] = union_find_.find(static_cast<std::int64_t>(i));
    for (std::size_t p = 0; p < n_; ++p) comp_pos_[p] = comp_of_point_[static_cast<std::size_t>(tree_.index()[p])];
    label_nodes();
    const std::size_t last = components_.size();
    components_ = union_find_.roots();
    if (!approximate_ || components_.size() == last) std::fill(bounds_.begin(), bounds_.end(), kDblMax);
    return components_.size();
  }

  // A node whose points all share one component gets its name, so traversal can skip pairs of
  // nodes inside one component. Nodes not (yet) uniform keep their distinct negative marks.
  void label_nodes() {
    for (std::size_t i = tree_.node_count(); i-- > 0;) {
      const KdNode& node = tree_.node(i);
      if (node.leaf) {
        const std::int64_t first = comp_pos_[node.begin];
        bool uniform = true;
        for (std::size_t p = node.begin + 1; p < node.end && uniform; ++p) uniform = comp_pos_[p] == first;
        if (uniform) comp_of_node_[i] = first;
      } else if (comp_of_node_[2 * i + 1] == comp_of_node_[2 * i + 2]) {
        comp_of_node_[i] = comp_of_node_[2 * i + 1];
      }
    }
  }

  // `node_dist` is tree_.node_rdist(node1, node2), which the caller has already computed.
  void traverse(std::size_t node1, std::size_t node2, double node_dist) {
    if (!(node_dist < bounds_[node1]) || same_component(node1, node2)) return;
    const KdNode& a = tree_.node(node1);
    const KdNode& b = tree_.node(node2);
    if (a.leaf && b.leaf) {
      leaf_pair(node1, node2);
    } else if (a.leaf || (!b.leaf && b.radius > a.radius)) {
      descend(node1, 2 * node2 + 1, node1, 2 * node2 + 2);
    } else {
      descend(2 * node1 + 1, node2, 2 * node1 + 2, node2);
    }
  }

  bool same_component(std::size_t node1, std::size_t node2) const {
    return comp_of_node_[node1] == comp_of_node_[node2] && comp_of_node_[node1] >= 0;
  }

  // The nearer pair of boxes first; on a tie the second pair (hdbscan: `if left < right`).
  void descend(std::size_t a1, std::size_t b1, std::size_t a2, std::size_t b2) {
    const double d1 = tree_.node_rdist(a1, b1), d2 = tree_.node_rdist(a2, b2);
    if (d1 < d2) {
      traverse(a1, b1, d1);
      traverse(a2, b2, d2);
    } else {
      traverse(a2, b2, d2);
      traverse(a1, b1, d1);
    }
  }

  void leaf_pair(std::size_t node1, std::size_t node2) {
    const KdNode& a = tree_.node(node1);
    const KdNode& b = tree_.node(node2);
    const std::size_t dims = tree_.dims();
    double upper = 0.0, lower = kDblMax;
    for (std::size_t p = a.begin; p < a.end; ++p) {
      const auto c1 = static_cast<std::size_t>(comp_pos_[p]);
      const double core_p = core_pos_[p];
      if (core_p > cand_dist_[c1]) continue;
      const double* x = tree_.point_at(p);
      // Shortcut, same outcome: no point of node2 is closer than its box, so when the box is
      // not nearer than the current candidate, no q can replace it.
      if (tree_.point_rdist(node2, x) < cand_dist_[c1]) scan_leaf(b, dims, p, x, core_p, c1);
      upper = std::max(upper, cand_dist_[c1]);
      lower = std::min(lower, cand_dist_[c1]);
    }
    const bool exact_round = !approximate_ || stalled_ >= 2;
    const double new_bound = exact_round ? upper : std::min(upper, lower + 2 * (a.radius * a.radius));
    if (new_bound < bounds_[node1]) {
      bounds_[node1] = new_bound;
      propagate_bound(node1);
    }
  }

  // hdbscan's inner loop: the first q of node2 (in tree order) with a strictly smaller mutual
  // reachability distance replaces component c1's candidate.
  void scan_leaf(const KdNode& b, std::size_t dims, std::size_t p, const double* x, double core_p, std::size_t c1) {
    for (std::size_t q = b.begin; q < b.end; ++q) {
      const double core_q = core_pos_[q];
      double best = cand_dist_[c1];
      if (core_q > best || comp_pos_[q] == static_cast<std::int64_t>(c1)) continue;
      // The partial sums only grow, so stopping once one reaches the candidate changes nothing.
      const double* y = tree_.point_at(q);
      double mr = 0;
      for (std::size_t j = 0; j < dims && mr < best; ++j) {
        const double t = x[j] - y[j];
        mr += t * t;
      }
      if (!(mr < best)) continue;
      if (core_p > mr) mr = core_p;
      if (core_q > mr) mr = core_q;
      if (mr < best) {
        cand_dist_[c1] = mr;
        cand_neighbor_[c1] = tree_.index()[q];
        cand_point_[c1] = tree_.index()[p];
      }
    }
  }

  // A parent's bound is the larger of its children's (hdbscan's kd-tree branch).
  void propagate_bound(std::size_t node) {
    while (node > 0) {
      const std::size_t parent = (node - 1) / 2;
      const double bound = std::max(bounds_[2 * parent + 1], bounds_[2 * parent + 2]);
      if (!(bound < bounds_[parent])) break;
      bounds_[parent] = bound;
      node = parent;
    }
  }

  const KdTree& tree_;
  bool approximate_;
  std::size_t n_;
  std::size_t stalled_ = 0;
  std::vector<double> core_, core_pos_;  // squared core distances by row and by tree position
  std::vector<std::int64_t> comp_of_point_, comp_pos_, comp_of_node_;
  std::vector<std::int64_t> cand_point_, cand_neighbor_;
  std::vector<double> cand_dist_;
  std::vector<double> bounds_;
  std::vector<std::int64_t> components_;
  RankUnionFind union_find_;
  std::vector<MstEdge> edges_;
};

}  // namespace

std::vector<MstEdge> boruvka_mst(const KdTree& tree, const CoreDistances& core, MstMethod method) {
  if (tree.size() < 2) return {};
  return DualTreeBoruvka(tree, core, method).run();
}

}  // namespace topica::hdbscan
