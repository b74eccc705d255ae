// The encoder's vectorised exp and GELU against float64 std::exp / std::erf on a dense grid.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "encoder/fast_math.hpp"

namespace topica::encoder {
namespace {

std::vector<float> grid(float from, float to, float step) {
  std::vector<float> x;
  for (float v = from; v <= to; v += step) x.push_back(v);
  return x;
}

TEST(FastMath, ExpWithinAFewUlps) {
  std::vector<float> x = grid(-87.0f, 88.0f, 0.001953125f);
  const std::vector<float> input = x;
  exp_in_place(x.data(), x.size());
  double worst = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double exact = std::exp(double(input[i]));
    worst = std::max(worst, std::abs(x[i] - exact) / exact);
  }
  EXPECT_LT(worst, 3e-7);
  std::vector<float> tiny{-88.0f, -100.0f, -1e30f};
  exp_in_place(tiny.data(), tiny.size());
  for (float v : tiny) EXPECT_EQ(v, 0.0f);
}

TEST(FastMath, GeluMatchesTheErfForm) {
  std::vector<float> x = grid(-12.0f, 12.0f, 0.0009765625f);
  const std::vector<float> input = x;
  gelu_erf_in_place(x.data(), x.size());
  double worst = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double v = input[i], exact = 0.5 * v * (1.0 + std::erf(v / std::sqrt(2.0)));
    worst = std::max(worst, std::abs(x[i] - exact) / std::max(1.0, std::abs(v)));
  }
  EXPECT_LT(worst, 4e-7);
  std::vector<float> far{-30.0f, 30.0f};
  gelu_erf_in_place(far.data(), far.size());
  EXPECT_EQ(far[0], -0.0f);
  EXPECT_EQ(far[1], 30.0f);
}

}  // namespace
}  // namespace topica::encoder
