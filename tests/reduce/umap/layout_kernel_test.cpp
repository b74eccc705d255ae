// The SIMD and portable layout kernels give the same bits, and a lane's result does not depend on
// the other lanes (what makes layouts identical across machines and thread counts).
#include "reduce/umap/layout_kernel.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "topica/random.hpp"

namespace topica::umap {
namespace {

struct alignas(64) Aligned {
  float v[16];
};

struct Case {
  std::size_t dim, points;
  std::vector<float> tails;         // points x padded_dim
  std::vector<std::int32_t> columns, due;
  LaneWork lanes{};
  KernelParams params;
};

Case make_case(std::size_t dim, std::uint64_t seed) {
  Case c;
  c.dim = dim;
  c.points = 300;
  Random rng(seed);
  const std::size_t stride = padded_dim(dim);
  c.tails.assign(c.points * stride, 0.0f);
  for (std::size_t i = 0; i < c.points; ++i) {
    for (std::size_t d = 0; d < dim; ++d) c.tails[i * stride + d] = static_cast<float>(10.0 * rng.uniform());
  }
  // Point 7 sits exactly on point 8: an edge to a coincident point and (lane 3's head is 7) a
  // repulsion from one.
  for (std::size_t d = 0; d < dim; ++d) c.tails[7 * stride + d] = c.tails[8 * stride + d];
  for (std::size_t e = 0; e < 500; ++e) c.columns.push_back(static_cast<std::int32_t>(rng.below(c.points)));
  for (std::size_t l = 0; l < kLanes; ++l) {
    c.lanes.key[l] = rng.next();
    c.lanes.self[l] = l == 3 ? 7 : static_cast<std::int32_t>(rng.below(c.points));
    c.lanes.due_begin[l] = static_cast<std::int32_t>(c.due.size());
    c.lanes.due_count[l] = l == 5 ? 0 : static_cast<std::int32_t>(rng.below(9));  // lane 5 idle
    for (std::int32_t i = 0; i < c.lanes.due_count[l]; ++i) c.due.push_back(static_cast<std::int32_t>(rng.below(500)));
  }
  c.params.a = 1.8956f;
  c.params.b = 0.8006f;
  c.params.alpha = 0.7f;
  c.params.dim = dim;
  c.params.negative_rate = 5;
  c.params.n_tails = static_cast<std::uint32_t>(c.points);
  return c;
}

struct Result {
  std::vector<float> y, tail_moves;
};

Result run(const Case& c, KernelLevel level, const std::vector<float>& y0) {
  const std::size_t stride = padded_dim(c.dim);
  std::vector<Aligned> y(c.dim * kLanes / 16), diff(c.dim * kLanes / 16);
  std::copy(y0.begin(), y0.end(), y.data()->v);
  std::vector<float> moves(8 * stride * kLanes, -99.0f);
  EdgeTables edges;
  edges.columns = c.columns.data();
  edges.tail_moves = moves.data();
  move_lanes(c.params, c.tails.data(), c.due.data(), edges, c.lanes, y.data()->v, diff.data()->v, level);
  Result r;
  r.y.assign(y.data()->v, y.data()->v + c.dim * kLanes);
  r.tail_moves = moves;
  return r;
}

std::vector<float> start_positions(const Case& c) {
  std::vector<float> y(c.dim * kLanes);
  for (std::size_t l = 0; l < kLanes; ++l) {
    const std::size_t head = l == 3 ? 7 : l * 5;  // lane 3 starts on point 7 (and 8)
    for (std::size_t d = 0; d < c.dim; ++d) y[d * kLanes + l] = c.tails[head * padded_dim(c.dim) + d];
  }
  return y;
}

TEST(LayoutKernel, SimdAndPortableGiveTheSameBits) {
  if (!kernel_supported(KernelLevel::Avx512)) GTEST_SKIP() << "no AVX-512 on this CPU";
  for (const std::size_t dim : {1, 2, 5, 8}) {
    const Case c = make_case(dim, dim);
    const std::vector<float> y0 = start_positions(c);
    const Result simd = run(c, KernelLevel::Avx512, y0), portable = run(c, KernelLevel::Baseline, y0);
    EXPECT_EQ(simd.y, portable.y) << "dim " << dim;
    EXPECT_EQ(simd.tail_moves, portable.tail_moves) << "dim " << dim;
    EXPECT_NE(simd.y, y0);
  }
}

TEST(LayoutKernel, ALaneIgnoresTheOtherLanes) {
  Case c = make_case(5, 11);
  const std::vector<float> y0 = start_positions(c);
  const Result all = run(c, KernelLevel::Best, y0);
  // Idle every lane but 9: lane 9 must end exactly where it did.
  for (std::size_t l = 0; l < kLanes; ++l) {
    if (l != 9) c.lanes.due_count[l] = 0;
  }
  const Result alone = run(c, KernelLevel::Best, y0);
  for (std::size_t d = 0; d < 5; ++d) {
    EXPECT_EQ(alone.y[d * kLanes + 9], all.y[d * kLanes + 9]);
    for (std::size_t l = 0; l < kLanes; ++l) {
      if (l != 9) {
        EXPECT_EQ(alone.y[d * kLanes + l], y0[d * kLanes + l]);  // idle lanes keep their bits
      }
    }
  }
}

}  // namespace
}  // namespace topica::umap
