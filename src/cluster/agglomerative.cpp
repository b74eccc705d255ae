// Average and Ward linkage by the nearest-neighbour chain, with scipy 1.10's conventions
// (cluster/_hierarchy.pyx nn_chain, then a stable sort by distance and union-find relabelling).
#include "topica/agglomerative.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica {
namespace {

/// Lance-Williams update: distance from cluster i to the union of x and y (scipy's _average and
/// _ward in _hierarchy_distance_update.pxi).
double merged_distance(Linkage method, double d_xi, double d_yi, double d_xy, double n_x, double n_y, double n_i) {
  if (method == Linkage::Average) return (n_x * d_xi + n_y * d_yi) / (n_x + n_y);
  const double t = 1.0 / (n_x + n_y + n_i);
  const double squared = (n_i + n_x) * t * d_xi * d_xi + (n_i + n_y) * t * d_yi * d_yi - n_i * t * d_xy * d_xy;
  return std::sqrt(std::max(squared, 0.0));  // rounding must not turn a zero into NaN
}

void check_condensed(std::span<const double> condensed, std::size_t n) {
  if (n == 0) throw InputError("linkage: there are no points");
  if (condensed.size() != n * (n - 1) / 2) {
    throw InputError(fmt::format("linkage: {} condensed distances do not describe {} points (expected {})",
                                 condensed.size(), n, n * (n - 1) / 2));
  }
  for (std::size_t i = 0, k = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j, ++k) {
      if (!std::isfinite(condensed[k])) {
        throw InputError(fmt::format("linkage: the distance between points {} and {} is {}", i, j, condensed[k]));
      }
    }
  }
}

/// The merges in the order the chain finds them, each naming the two merged clusters by the
/// point slot that represents them (the merged cluster lives on in slot b).
std::vector<Merge> nearest_neighbour_chain(std::vector<double> d, std::size_t n, Linkage method) {
  std::vector<std::size_t> size(n, 1), chain;
  std::vector<Merge> merges;
  merges.reserve(n - 1);
  chain.reserve(n);
  const auto at = [&](std::size_t i, std::size_t j) -> double& { return d[condensed_index(n, i, j)]; };
  for (std::size_t step = 0; step + 1 < n; ++step) {
    if (chain.empty()) {
      chain.push_back(static_cast<std::size_t>(std::find_if(size.begin(), size.end(), [](std::size_t s) { return s > 0; }) -
                                               size.begin()));
    }
    std::size_t x = 0, y = 0;
    double nearest = 0;
    while (true) {
      x = chain.back();
      // Prefer the previous element of the chain on ties, so the chain cannot cycle.
      if (chain.size() > 1) {
        y = chain[chain.size() - 2];
        nearest = at(x, y);
      } else {
        nearest = std::numeric_limits<double>::infinity();
      }
      for (std::size_t i = 0; i < n; ++i) {
        if (size[i] == 0 || i == x) continue;
        if (at(x, i) < nearest) {
          nearest = at(x, i);
          y = i;
        }
      }
      if (chain.size() > 1 && y == chain[chain.size() - 2]) break;  // mutual nearest neighbours
      chain.push_back(y);
    }
    chain.resize(chain.size() - 2);
    if (x > y) std::swap(x, y);  // fastcluster's convention, kept by scipy
    const std::size_t n_x = size[x], n_y = size[y];
    merges.push_back({x, y, nearest, n_x + n_y});
    size[x] = 0;
    size[y] = n_x + n_y;
    for (std::size_t i = 0; i < n; ++i) {
      if (size[i] == 0 || i == y) continue;
      at(i, y) = merged_distance(method, at(i, x), at(i, y), nearest, static_cast<double>(n_x),
                                 static_cast<double>(n_y), static_cast<double>(size[i]));
    }
  }
  return merges;
}

/// Union-find over the 2n - 1 clusters of a dendrogram (scipy's LinkageUnionFind).
class UnionFind {
 public:
  explicit UnionFind(std::size_t n) : parent_(2 * n - 1), size_(2 * n - 1, 1), next_(n) {
    std::iota(parent_.begin(), parent_.end(), 0);
  }
  std::size_t find(std::size_t x) {
    std::size_t root = x;
    while (parent_[root] != root) root = parent_[root];
    while (parent_[x] != root) x = std::exchange(parent_[x], root);
    return root;
  }
  /// Joins two roots under the next cluster number; returns the new cluster's size.
  std::size_t merge(std::size_t a, std::size_t b) {
    parent_[a] = parent_[b] = next_;
    size_[next_] = size_[a] + size_[b];
    return size_[next_++];
  }

 private:
  std::vector<std::size_t> parent_, size_;
  std::size_t next_;
};

/// scipy: sort by distance (stable), then rename each merge's slots to the clusters they hold.
Dendrogram to_dendrogram(std::vector<Merge> merges, std::size_t n) {
  std::stable_sort(merges.begin(), merges.end(), [](const Merge& p, const Merge& q) { return p.distance < q.distance; });
  Dendrogram tree;
  tree.leaves = n;
  if (n > 1) {
    UnionFind clusters(n);
    for (Merge& m : merges) {
      const std::size_t a = clusters.find(m.a), b = clusters.find(m.b);
      m.a = std::min(a, b);
      m.b = std::max(a, b);
      m.size = clusters.merge(a, b);
    }
  }
  tree.merges = std::move(merges);
  return tree;
}

}  // namespace

const char* linkage_name(Linkage linkage) { return linkage == Linkage::Ward ? "ward" : "average"; }

std::size_t condensed_index(std::size_t n, std::size_t i, std::size_t j) {
  if (i > j) std::swap(i, j);
  return n * i - i * (i + 1) / 2 + (j - i - 1);
}

Dendrogram linkage(std::span<const double> condensed, std::size_t n, Linkage method) {
  check_condensed(condensed, n);
  if (n == 1) return to_dendrogram({}, 1);
  return to_dendrogram(nearest_neighbour_chain(std::vector<double>(condensed.begin(), condensed.end()), n, method), n);
}

Dendrogram linkage(const Matrix<float>& points, Linkage method, Metric metric, std::size_t threads) {
  if (method == Linkage::Ward && metric != Metric::Euclidean) {
    throw UsageError(fmt::format("linkage: Ward linkage needs the Euclidean metric, not {}; pass precomputed "
                                 "distances to cluster by Ward on another one",
                                 metric_name(metric)));
  }
  return linkage(condensed_distances(points, metric, threads), points.rows, method);
}

Matrix<double> Dendrogram::linkage_matrix() const {
  Matrix<double> z(merges.size(), 4);
  for (std::size_t i = 0; i < merges.size(); ++i) {
    z(i, 0) = static_cast<double>(merges[i].a);
    z(i, 1) = static_cast<double>(merges[i].b);
    z(i, 2) = merges[i].distance;
    z(i, 3) = static_cast<double>(merges[i].size);
  }
  return z;
}

std::vector<std::int32_t> cut(const Dendrogram& tree, std::size_t n_clusters) {
  const std::size_t n = tree.leaves;
  if (n_clusters == 0 || n_clusters > n) {
    throw UsageError(fmt::format("cut: n_clusters = {} must be between 1 and the {} points", n_clusters, n));
  }
  // Apply the first n - n_clusters merges; what remains joined are the clusters.
  std::vector<std::size_t> parent(2 * n - 1);
  std::iota(parent.begin(), parent.end(), 0);
  const auto root = [&](std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (std::size_t i = 0; i < n - n_clusters; ++i) {
    parent[root(tree.merges[i].a)] = n + i;
    parent[root(tree.merges[i].b)] = n + i;
  }
  std::vector<std::int32_t> labels(n), label_of(2 * n - 1, -1);
  std::int32_t next = 0;
  for (std::size_t p = 0; p < n; ++p) {
    std::int32_t& label = label_of[root(p)];
    if (label < 0) label = next++;
    labels[p] = label;
  }
  return labels;
}

}  // namespace topica
