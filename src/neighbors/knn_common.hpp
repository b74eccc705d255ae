// Pieces every neighbour path shares: input checks, row preparation, exact distances and a
// bounded top-k heap ordered by (distance, index).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "topica/matrix.hpp"
#include "topica/neighbors.hpp"

namespace topica::neighbors {

/// Throws InputError when `m` has no rows or no columns, or holds NaN/Inf (naming the first
/// bad row and column). `what` names the matrix in the message ("data", "queries").
void check_input(const Matrix<float>& m, const char* what);

/// Throws UsageError for k = 0 and NotEnoughPointsError for k > rows.
void check_k(std::size_t k, std::size_t rows);

/// Rows scaled to unit length (zero rows stay zero, so their cosine distance is 1 to every
/// point, as scikit-learn). The norm is accumulated in double and rounded once, then each value
/// divided by it in float: scikit-learn's normalize() gives the same rows up to an ulp.
Matrix<float> unit_rows(const Matrix<float>& m);

/// Sum of (a[i] - b[i])^2 accumulated in double: the distance we report, free of the
/// cancellation of the |x|^2 + |y|^2 - 2xy expansion.
double exact_squared_distance(const float* a, const float* b, std::size_t n);

/// Cosine distance from the dot product of two unit rows, clamped to [0, 2] as scikit-learn's
/// cosine_distances (1 - S, then clip).
inline float cosine_from_dot(float dot) { return std::clamp(1.0f - dot, 0.0f, 2.0f); }

/// The reported cosine distance of two unit rows whose float arithmetic gave `computed`:
/// exactly 0 when the rows are identical (a duplicate, or a query equal to a data row), where
/// 1 - (float dot) leaves a few ulps of noise that consumers such as UMAP's "distance to the
/// nearest positive neighbour" would read as a real distance.
float snap_identical(const float* a, const float* b, std::size_t n, float computed);

struct Neighbor {
  float distance;
  std::int32_t index;
  friend bool operator<(const Neighbor& a, const Neighbor& b) {
    return a.distance < b.distance || (a.distance == b.distance && a.index < b.index);
  }
};

/// Keeps the `capacity` smallest neighbours by (distance, index). Offering a set of distinct
/// indices in any order leaves the same set, so per-row results do not depend on scan order.
class TopK {
 public:
  explicit TopK(std::size_t capacity = 0) { reset(capacity); }
  void reset(std::size_t capacity) {
    capacity_ = capacity;
    heap_.clear();
    heap_.reserve(capacity);
  }
  bool full() const { return heap_.size() == capacity_; }
  std::size_t size() const { return heap_.size(); }
  /// The largest kept neighbour (valid when size() > 0).
  const Neighbor& worst() const { return heap_.front(); }
  /// Offers a candidate; the index must not already be held.
  void push(float distance, std::int32_t index) {
    const Neighbor c{distance, index};
    if (heap_.size() < capacity_) {
      heap_.push_back(c);
      std::push_heap(heap_.begin(), heap_.end());
    } else if (capacity_ > 0 && c < heap_.front()) {
      std::pop_heap(heap_.begin(), heap_.end());
      heap_.back() = c;
      std::push_heap(heap_.begin(), heap_.end());
    }
  }
  /// The kept neighbours in increasing (distance, index) order; the heap is left empty.
  std::vector<Neighbor>& sorted() {
    std::sort_heap(heap_.begin(), heap_.end());
    return heap_;
  }

 private:
  std::size_t capacity_ = 0;
  std::vector<Neighbor> heap_;
};

/// An empty graph of n lists of k.
KnnGraph make_graph(std::size_t n, std::size_t k);

}  // namespace topica::neighbors
