// The graph NN-descent refines: for every point a max-heap of its best `capacity` neighbours
// (the point itself excluded) with a "new" flag per entry, as pynndescent 0.5's flagged heaps.
// Entries are ordered by (distance, index), so the kept set never depends on the order in which
// equal distances arrive. Empty slots hold (+inf, INT32_MAX).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace topica::neighbors {

class NeighborHeaps {
 public:
  static constexpr std::int32_t kEmpty = std::numeric_limits<std::int32_t>::max();

  NeighborHeaps(std::size_t n, std::size_t capacity)
      : n_(n),
        capacity_(capacity),
        index_(n * capacity, kEmpty),
        distance_(n * capacity, std::numeric_limits<float>::infinity()),
        is_new_(n * capacity, 0) {}

  std::size_t size() const { return n_; }
  std::size_t capacity() const { return capacity_; }
  /// The distance a candidate must beat to enter point i's heap (+inf while it has room).
  float threshold(std::size_t i) const { return capacity_ == 0 ? -1.0f : distance_[i * capacity_]; }

  const std::int32_t* indices(std::size_t i) const { return index_.data() + i * capacity_; }
  const float* distances(std::size_t i) const { return distance_.data() + i * capacity_; }
  std::uint8_t* flags(std::size_t i) { return is_new_.data() + i * capacity_; }
  const std::uint8_t* flags(std::size_t i) const { return is_new_.data() + i * capacity_; }

  /// Offers j at distance d to point i; returns true when the heap changed. Rejects j == i,
  /// j already held, and anything not smaller than the current worst entry.
  bool push(std::size_t i, float d, std::int32_t j, bool is_new) {
    if (capacity_ == 0 || static_cast<std::size_t>(j) == i) return false;
    float* dist = distance_.data() + i * capacity_;
    std::int32_t* idx = index_.data() + i * capacity_;
    if (!less(d, j, dist[0], idx[0])) return false;
    for (std::size_t s = 0; s < capacity_; ++s) {
      if (idx[s] == j) return false;
    }
    sift_down(dist, idx, is_new_.data() + i * capacity_, d, j, is_new ? 1 : 0);
    return true;
  }

  /// Number of filled slots of point i.
  std::size_t filled(std::size_t i) const {
    std::size_t count = 0;
    for (std::size_t s = 0; s < capacity_; ++s) count += index_[i * capacity_ + s] != kEmpty;
    return count;
  }

 private:
  static bool less(float da, std::int32_t ia, float db, std::int32_t ib) {
    return da < db || (da == db && ia < ib);
  }

  // Replaces the root with (d, j, flag) and restores the max-heap order.
  void sift_down(float* dist, std::int32_t* idx, std::uint8_t* flag, float d, std::int32_t j, std::uint8_t f) const {
    std::size_t at = 0;
    for (;;) {
      const std::size_t left = 2 * at + 1;
      if (left >= capacity_) break;
      std::size_t child = left;
      const std::size_t right = left + 1;
      if (right < capacity_ && less(dist[left], idx[left], dist[right], idx[right])) child = right;
      if (!less(d, j, dist[child], idx[child])) break;
      dist[at] = dist[child];
      idx[at] = idx[child];
      flag[at] = flag[child];
      at = child;
    }
    dist[at] = d;
    idx[at] = j;
    flag[at] = f;
  }

  std::size_t n_;
  std::size_t capacity_;
  std::vector<std::int32_t> index_;
  std::vector<float> distance_;
  std::vector<std::uint8_t> is_new_;
};

}  // namespace topica::neighbors
