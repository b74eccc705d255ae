// Data and checks shared by the neighbour tests.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "topica/neighbors.hpp"
#include "topica/random.hpp"

namespace topica::test {

/// Points scattered around `centres` random centres: neighbourhoods with structure (as
/// embeddings have), reproducible from the seed.
inline Matrix<float> clustered(std::size_t rows, std::size_t cols, std::size_t centres, std::uint64_t seed,
                               float spread = 0.5f) {
  Random random(seed);
  Matrix<float> c(centres, cols);
  for (float& v : c.values) v = static_cast<float>(random.normal());
  Matrix<float> m(rows, cols);
  for (std::size_t i = 0; i < rows; ++i) {
    const float* centre = c.row(random.below(centres));
    for (std::size_t j = 0; j < cols; ++j) m(i, j) = centre[j] + spread * static_cast<float>(random.normal());
  }
  return m;
}

/// The first `rows` rows of m.
inline Matrix<float> head(const Matrix<float>& m, std::size_t rows) {
  Matrix<float> out(rows, m.cols);
  std::copy(m.values.begin(), m.values.begin() + static_cast<std::ptrdiff_t>(rows * m.cols), out.values.begin());
  return out;
}

/// Mean share of each row's reference neighbours found (recall@k, the point itself included).
inline double recall(const KnnGraph& found, const std::vector<std::int64_t>& reference, std::size_t ref_k) {
  double sum = 0;
  for (std::size_t i = 0; i < found.n; ++i) {
    const std::set<std::int64_t> want(reference.begin() + static_cast<std::ptrdiff_t>(i * ref_k),
                                      reference.begin() + static_cast<std::ptrdiff_t>(i * ref_k + found.k));
    std::size_t hit = 0;
    for (std::size_t j = 0; j < found.k; ++j) hit += want.count(found.neighbors(i)[j]);
    sum += static_cast<double>(hit) / static_cast<double>(found.k);
  }
  return sum / static_cast<double>(found.n);
}

inline std::vector<std::int64_t> indices_of(const KnnGraph& g) { return {g.indices.begin(), g.indices.end()}; }

/// Every list is well formed: sorted by (distance, index) after the first entry, distinct
/// indices in range, and when `self` the point itself first at distance 0.
inline void expect_well_formed(const KnnGraph& g, std::size_t base_rows, bool self) {
  for (std::size_t i = 0; i < g.n; ++i) {
    const std::int32_t* idx = g.neighbors(i);
    const float* d = g.distances_of(i);
    if (self) {
      ASSERT_EQ(idx[0], static_cast<std::int32_t>(i)) << "row " << i;
      ASSERT_EQ(d[0], 0.0f) << "row " << i;
    }
    std::set<std::int32_t> seen;
    for (std::size_t j = 0; j < g.k; ++j) {
      ASSERT_GE(idx[j], 0) << "row " << i;
      ASSERT_LT(static_cast<std::size_t>(idx[j]), base_rows) << "row " << i;
      ASSERT_TRUE(seen.insert(idx[j]).second) << "row " << i << " repeats " << idx[j];
      ASSERT_TRUE(std::isfinite(d[j]) && d[j] >= 0) << "row " << i;
      if (j > (self ? 1u : 0u)) {
        ASSERT_TRUE(d[j - 1] < d[j] || (d[j - 1] == d[j] && idx[j - 1] < idx[j])) << "row " << i << " slot " << j;
      }
    }
  }
}

/// `got` equals `want` up to ties: per row the distances agree within `tolerance` slot by
/// slot, and an index in one list but not the other sits at the last distance (a tie at
/// the cut) or at distance ~0 (a duplicated row).
inline void expect_equal_up_to_ties(const std::vector<std::int64_t>& got_idx, const std::vector<float>& got_dist,
                                    const std::vector<std::int64_t>& want_idx, const std::vector<float>& want_dist,
                                    std::size_t n, std::size_t k, double tolerance) {
  std::size_t mismatched_rows = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto row = [&](const auto& v) { return std::vector(v.begin() + i * k, v.begin() + (i + 1) * k); };
    const auto gi = row(got_idx), wi = row(want_idx);
    const auto gd = row(got_dist), wd = row(want_dist);
    for (std::size_t j = 0; j < k; ++j) {
      ASSERT_NEAR(gd[j], wd[j], tolerance) << "row " << i << " slot " << j;
    }
    const std::set<std::int64_t> gs(gi.begin(), gi.end()), ws(wi.begin(), wi.end());
    if (gs == ws) continue;
    ++mismatched_rows;
    for (std::size_t j = 0; j < k; ++j) {
      if (ws.count(gi[j]) == 0) {
        const bool tie = std::fabs(gd[j] - wd[k - 1]) <= tolerance || gd[j] <= tolerance;
        EXPECT_TRUE(tie) << "row " << i << ": neighbour " << gi[j] << " at " << gd[j] << " is not in the reference, "
                         << "whose last distance is " << wd[k - 1];
      }
    }
  }
  ::testing::Test::RecordProperty("rows_differing_by_ties", static_cast<int>(mismatched_rows));
}

}  // namespace topica::test
