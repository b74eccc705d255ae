#include "topica/vector_ops.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "topica/cpu.hpp"

namespace topica {
namespace {

// The dispatched kernels against a double-precision loop, for every length around the SIMD
// widths (tails included). Tolerance: float rounding of sums of ~n terms of magnitude ~1.
TEST(VectorOps, DispatchedKernelsMatchAPlainLoop) {
  std::mt19937 rng(7);
  std::normal_distribution<float> normal;
  for (std::size_t n : {0, 1, 7, 15, 16, 17, 31, 33, 64, 100, 384, 1000}) {
    std::vector<float> a(n), b(n);
    for (std::size_t i = 0; i < n; ++i) a[i] = normal(rng), b[i] = normal(rng);
    double dot_ref = 0, dist_ref = 0;
    for (std::size_t i = 0; i < n; ++i) {
      dot_ref += double(a[i]) * b[i];
      dist_ref += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
    }
    const double tol = 1e-5 * (1 + std::sqrt(double(n)) * 4);
    EXPECT_NEAR(dot(a.data(), b.data(), n), dot_ref, tol) << n;
    EXPECT_NEAR(squared_distance(a.data(), b.data(), n), dist_ref, tol * 4) << n;
  }
}

TEST(VectorOps, SimdLevelFollowsTheFeatures) {
  CpuFeatures f;
  EXPECT_EQ(simd_level(f), "baseline");
  f.avx2 = f.fma = true;
  EXPECT_EQ(simd_level(f), "avx2");
  f.avx512f = true;
  EXPECT_EQ(simd_level(f), "avx512");
  EXPECT_EQ(describe(CpuFeatures{}), "none");
  // Whatever this machine has, detection must not crash and must be self-consistent.
  const CpuFeatures here = detect_cpu_features();
  if (here.avx512f) EXPECT_EQ(simd_level(here), "avx512");
}

}  // namespace
}  // namespace topica
