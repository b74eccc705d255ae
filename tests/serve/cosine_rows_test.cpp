// The explorer's cosine scan (serve/cosine_rows.hpp) answers what most_similar answers: the same
// rows in the same order with the same similarities, zero rows, repeated rows (exact ties) and
// excluded rows included.
#include <gtest/gtest.h>

#include "serve/cosine_rows.hpp"
#include "topica/random.hpp"
#include "topica/similarity.hpp"

namespace topica::serve {
namespace {

Matrix<float> rows_with_ties_and_zeros(std::size_t n, std::size_t dims) {
  Random random(11);
  Matrix<float> m(n, dims);
  for (float& v : m.values) v = static_cast<float>(random.normal());
  for (std::size_t r = 0; r < n; r += 9) {  // every ninth row repeats the row before it: exact ties
    if (r > 0) std::copy(m.row(r - 1), m.row(r - 1) + dims, m.row(r));
  }
  for (std::size_t j = 0; j < dims; ++j) m(5, j) = m(n - 1, j) = 0;  // documents with no known word
  return m;
}

TEST(CosineRows, FindsWhatMostSimilarFinds) {
  const Matrix<float> m = rows_with_ties_and_zeros(300, 24);
  const CosineRows rows(&m);
  Random random(5);
  for (int q = 0; q < 20; ++q) {
    std::vector<float> query(m.cols);
    if (q < 10) {
      for (float& v : query) v = static_cast<float>(random.normal());
    } else {
      std::copy(m.row(q * 9), m.row(q * 9) + m.cols, query.begin());  // a stored row: its tie first
    }
    const std::vector<std::size_t> exclude = q % 2 ? std::vector<std::size_t>{static_cast<std::size_t>(q * 9), 3}
                                                   : std::vector<std::size_t>{};
    for (std::size_t k : {1, 10, 40}) {
      const auto want = most_similar(m, query, k, exclude);
      const auto got = rows.most_similar(query, k, exclude);
      ASSERT_EQ(got.size(), want.size()) << "query " << q << " k " << k;
      for (std::size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(got[i].row, want[i].row) << "query " << q << " k " << k << " hit " << i;
        EXPECT_DOUBLE_EQ(got[i].similarity, want[i].similarity) << "query " << q << " hit " << i;
      }
    }
  }
}

TEST(CosineRows, AZeroQueryOrNoRowsFindAsMostSimilarDoes) {
  const Matrix<float> m = rows_with_ties_and_zeros(30, 4);
  const CosineRows rows(&m);
  const std::vector<float> zero(4, 0.0f);
  const std::size_t exclude[] = {0};
  const auto want = most_similar(m, zero, 3, exclude);
  const auto got = rows.most_similar(zero, 3, exclude);
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(got[i].row, want[i].row);
  EXPECT_TRUE(CosineRows(nullptr).most_similar(zero, 3).empty());
  EXPECT_THROW(rows.most_similar(std::vector<float>(5, 1.0f), 3), std::exception);
}

}  // namespace
}  // namespace topica::serve
