// combine_vectors against the seed notebook's numpy figures (fluoxetine / Prozac, 3 dimensions).
#include "topica/combine_vectors.hpp"

#include <gtest/gtest.h>

#include "topica/error.hpp"

namespace topica {
namespace {

// np.array([0.1, 0.2, 0.3]) and np.array([0.15, 0.25, 0.35]) as float32 rows.
const std::vector<float> kRows = {0.1f, 0.2f, 0.3f, 0.15f, 0.25f, 0.35f};

void expect_near(const std::vector<float>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-7) << i;
}

TEST(CombineVectors, MeanMinMaxAsTheSeedsNumpy) {
  expect_near(combine_vectors(kRows, 3, {}, CombineMethod::Mean), {0.125, 0.225, 0.325});  // (a + b) / 2
  expect_near(combine_vectors(kRows, 3, {}, CombineMethod::Min), {0.1, 0.2, 0.3});       // np.minimum
  expect_near(combine_vectors(kRows, 3, {}, CombineMethod::Max), {0.15, 0.25, 0.35});    // np.maximum
}

TEST(CombineVectors, WeightedIsNumpyAverage) {
  // np.average([a, b], axis=0, weights=[0.6, 0.4]) = [0.12, 0.22, 0.32]; weights need not sum to 1.
  const std::vector<double> weights = {0.6, 0.4}, scaled = {6, 4};
  expect_near(combine_vectors(kRows, 3, weights, CombineMethod::Weighted), {0.12, 0.22, 0.32});
  EXPECT_EQ(combine_vectors(kRows, 3, weights, CombineMethod::Weighted),
            combine_vectors(kRows, 3, scaled, CombineMethod::Weighted));
}

TEST(CombineVectors, ASingleRowIsItself) {
  const std::vector<float> row = {1.5f, -2.0f};
  for (auto m : {CombineMethod::Mean, CombineMethod::Max, CombineMethod::Min}) EXPECT_EQ(combine_vectors(row, 2, {}, m), row);
}

TEST(CombineVectors, RefusesBadShapesAndWeights) {
  EXPECT_THROW(combine_vectors(kRows, 4, {}, CombineMethod::Mean), Error);
  EXPECT_THROW(combine_vectors({}, 3, {}, CombineMethod::Mean), Error);
  const std::vector<double> one = {1.0}, negative = {1.0, -1.0};
  EXPECT_THROW(combine_vectors(kRows, 3, one, CombineMethod::Weighted), Error);
  EXPECT_THROW(combine_vectors(kRows, 3, negative, CombineMethod::Weighted), Error);
}

TEST(CombineVectors, MethodNamesRoundTrip) {
  for (auto m : {CombineMethod::Mean, CombineMethod::Weighted, CombineMethod::Max, CombineMethod::Min}) {
    EXPECT_EQ(parse_combine_method(combine_method_name(m)), m);
  }
  EXPECT_FALSE(parse_combine_method("median"));
}

}  // namespace
}  // namespace topica
