// The best `k` hits seen so far for one query: a min-heap whose root is the worst kept hit.
// Internal to libtopica.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "topica/search.hpp"

namespace topica::search {

/// Better: higher score, then lower row (so equal scores list in file order).
inline bool better(const SearchHit& a, const SearchHit& b) {
  return a.score != b.score ? a.score > b.score : a.row < b.row;
}

class TopHits {
 public:
  explicit TopHits(std::size_t k) : k_(k) { heap_.reserve(k); }

  void offer(const SearchHit& hit) {
    if (heap_.size() < k_) {
      heap_.push_back(hit);
      std::push_heap(heap_.begin(), heap_.end(), better);
    } else if (k_ > 0 && better(hit, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), better);
      heap_.back() = hit;
      std::push_heap(heap_.begin(), heap_.end(), better);
    }
  }

  /// The kept hits, best first.
  std::vector<SearchHit> sorted() const {
    std::vector<SearchHit> out = heap_;
    std::sort(out.begin(), out.end(), better);
    return out;
  }

 private:
  std::size_t k_;
  std::vector<SearchHit> heap_;  // with `better` as the comparison, front() is the worst
};

}  // namespace topica::search
