// most_similar: exact cosine ranking, its tie rule, exclusions and errors.
#include "topica/similarity.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "topica/error.hpp"

namespace topica {
namespace {

Matrix<float> rows_of(std::initializer_list<std::initializer_list<float>> rows) {
  Matrix<float> m(rows.size(), rows.begin()->size());
  std::size_t i = 0;
  for (const auto& r : rows) {
    std::size_t j = 0;
    for (float v : r) m(i, j++) = v;
    ++i;
  }
  return m;
}

TEST(Similarity, RanksByCosineWithTiesToTheSmallerRow) {
  // Rows 1 and 3 point the same way (equal cosine), row 2 is a zero vector (similarity 0).
  const Matrix<float> m = rows_of({{0, 1}, {2, 0}, {0, 0}, {1, 0}, {1, 1}, {-1, 0}});
  const std::vector<float> q{3, 0};
  const auto hits = most_similar(m, q, 10);
  ASSERT_EQ(hits.size(), 6u);
  EXPECT_EQ(hits[0].row, 1u);
  EXPECT_EQ(hits[1].row, 3u);
  EXPECT_DOUBLE_EQ(hits[0].similarity, 1.0);
  EXPECT_DOUBLE_EQ(hits[1].similarity, 1.0);
  EXPECT_EQ(hits[2].row, 4u);
  EXPECT_NEAR(hits[2].similarity, 1.0 / std::sqrt(2.0), 1e-12);
  EXPECT_EQ(hits[3].row, 0u);  // 0 similarity: rows 0 and 2 tie, the smaller row first
  EXPECT_EQ(hits[4].row, 2u);
  EXPECT_EQ(hits[5].row, 5u);
  EXPECT_DOUBLE_EQ(hits[5].similarity, -1.0);
}

TEST(Similarity, KeepsTheTopKAndSkipsExcludedRows) {
  const Matrix<float> m = rows_of({{1, 0}, {1, 0.1f}, {1, 0.2f}, {0, 1}});
  const std::vector<float> q(m.row(0), m.row(0) + 2);
  const std::vector<std::size_t> exclude{0};
  const auto hits = most_similar(m, q, 2, exclude);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].row, 1u);
  EXPECT_EQ(hits[1].row, 2u);
  EXPECT_EQ(most_similar(m, q, 0).size(), 0u);
}

TEST(Similarity, AQueryOfTheWrongWidthIsAUsageError) {
  const Matrix<float> m = rows_of({{1, 0, 0}});
  const std::vector<float> q{1, 0};
  EXPECT_THROW(most_similar(m, q, 1), UsageError);
}

}  // namespace
}  // namespace topica
