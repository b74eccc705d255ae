// The algorithm of numpy/core/src/npysort/quicksort.cpp (aquicksort_) and heapsort.cpp
// (aheapsort_), re-expressed: median-of-three quicksort with the larger part pushed on a stack,
// insertion sort below 16 elements (SMALL_QUICKSORT = 15), heapsort past a depth of
// 2 * floor(log2(n)). NaN sorts last, as numpy's `less` for floats has it.
#include "cluster/hdbscan/numpy_argsort.hpp"

#include <utility>

namespace topica::hdbscan {
namespace {

constexpr std::ptrdiff_t kSmallQuicksort = 15;

bool less(double a, double b) { return a < b || (b != b && a == a); }

int most_significant_bit(std::size_t n) {
  int depth = 0;
  while (n >>= 1) ++depth;
  return depth;
}

// numpy aheapsort_: `a` is used 1-based, as numpy offsets the pointer by one.
void heap_argsort(const double* v, std::size_t* tosort, std::ptrdiff_t n) {
  std::size_t* a = tosort - 1;
  const auto sift = [&](std::ptrdiff_t i, std::ptrdiff_t size, std::size_t tmp) {
    for (std::ptrdiff_t j = i << 1; j <= size;) {
      if (j < size && less(v[a[j]], v[a[j + 1]])) ++j;
      if (!less(v[tmp], v[a[j]])) break;
      a[i] = a[j];
      i = j;
      j += j;
    }
    a[i] = tmp;
  };
  for (std::ptrdiff_t l = n >> 1; l > 0; --l) sift(l, n, a[l]);
  while (n > 1) {
    const std::size_t tmp = a[n];
    a[n] = a[1];
    --n;
    sift(1, n, tmp);
  }
}

}  // namespace

std::vector<std::size_t> numpy_argsort(std::span<const double> values) {
  const std::size_t num = values.size();
  std::vector<std::size_t> order(num);
  for (std::size_t i = 0; i < num; ++i) order[i] = i;
  if (num < 2) return order;
  const double* v = values.data();
  std::size_t* t = order.data();
  struct Range {
    std::ptrdiff_t lo, hi;
    int depth;
  };
  std::vector<Range> stack;
  std::ptrdiff_t pl = 0, pr = static_cast<std::ptrdiff_t>(num) - 1;
  int depth = most_significant_bit(num) * 2;
  for (;;) {
    if (depth < 0) {
      heap_argsort(v, t + pl, pr - pl + 1);
    } else {
      while (pr - pl > kSmallQuicksort) {
        const std::ptrdiff_t pm = pl + ((pr - pl) >> 1);
        if (less(v[t[pm]], v[t[pl]])) std::swap(t[pm], t[pl]);
        if (less(v[t[pr]], v[t[pm]])) std::swap(t[pr], t[pm]);
        if (less(v[t[pm]], v[t[pl]])) std::swap(t[pm], t[pl]);
        const double pivot = v[t[pm]];
        std::ptrdiff_t pi = pl, pj = pr - 1;
        std::swap(t[pm], t[pj]);
        for (;;) {
          do ++pi; while (less(v[t[pi]], pivot));
          do --pj; while (less(pivot, v[t[pj]]));
          if (pi >= pj) break;
          std::swap(t[pi], t[pj]);
        }
        std::swap(t[pi], t[pr - 1]);
        // The larger part waits on the stack; the loop continues with the smaller one.
        if (pi - pl < pr - pi) {
          stack.push_back({pi + 1, pr, depth - 1});
          pr = pi - 1;
        } else {
          stack.push_back({pl, pi - 1, depth - 1});
          pl = pi + 1;
        }
        --depth;
      }
      for (std::ptrdiff_t pi = pl + 1; pi <= pr; ++pi) {
        const std::size_t vi = t[pi];
        const double vp = v[vi];
        std::ptrdiff_t pj = pi;
        while (pj > pl && less(vp, v[t[pj - 1]])) {
          t[pj] = t[pj - 1];
          --pj;
        }
        t[pj] = vi;
      }
    }
    if (stack.empty()) break;
    pl = stack.back().lo;
    pr = stack.back().hi;
    depth = stack.back().depth;
    stack.pop_back();
  }
  return order;
}

}  // namespace topica::hdbscan
