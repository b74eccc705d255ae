#include "topica/parallel.hpp"

#include <gtest/gtest.h>

#include <numeric>
#include <stdexcept>
#include <vector>

#include "topica/random.hpp"

namespace topica {
namespace {

// A reduction done per fixed block and combined in block order: same bits for any thread count.
double blocked_sum(const std::vector<double>& values, std::size_t threads) {
  const std::size_t block = 1000;
  std::vector<double> partial((values.size() + block - 1) / block, 0.0);
  parallel_blocks(values.size(), block, threads, [&](std::size_t begin, std::size_t end) {
    double s = 0;
    for (std::size_t i = begin; i < end; ++i) s += values[i];
    partial[begin / block] = s;
  });
  return std::accumulate(partial.begin(), partial.end(), 0.0);
}

TEST(Parallel, BlockedReductionIsIdenticalForAnyThreadCount) {
  Random rng(1);
  std::vector<double> values(123457);
  for (double& v : values) v = rng.normal() * 1e6;
  const double one = blocked_sum(values, 1);
  for (std::size_t threads : {2, 3, 8}) EXPECT_EQ(blocked_sum(values, threads), one);
}

TEST(Parallel, EveryTaskRunsOnce) {
  std::vector<int> seen(1000, 0);
  parallel_tasks(seen.size(), 4, [&](std::size_t t) { ++seen[t]; });
  for (int s : seen) EXPECT_EQ(s, 1);
  parallel_tasks(0, 4, [&](std::size_t) { FAIL(); });
}

TEST(Parallel, WorkerExceptionsReachTheCaller) {
  EXPECT_THROW(parallel_tasks(100, 3, [](std::size_t t) { if (t == 57) throw std::runtime_error("task 57"); }),
               std::runtime_error);
}

TEST(Random, StreamsAreReproducibleAndDistinct) {
  Random a(42, 0), b(42, 0), c(42, 1), d(43, 0);
  const auto first = a.next();
  EXPECT_EQ(first, b.next());
  EXPECT_NE(first, c.next());
  EXPECT_NE(first, d.next());
}

TEST(Random, BelowAndUniformStayInRange) {
  Random rng(7);
  std::vector<int> counts(10, 0);
  for (int i = 0; i < 100000; ++i) {
    const auto v = rng.below(10);
    ASSERT_LT(v, 10u);
    ++counts[v];
    const float f = rng.uniform_float();
    ASSERT_GE(f, 0.0f);
    ASSERT_LT(f, 1.0f);
  }
  for (int c : counts) EXPECT_NEAR(c, 10000, 500);  // ~5 standard deviations
}

}  // namespace
}  // namespace topica
