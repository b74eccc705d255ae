// CSR helpers: validation, transpose, and the sparse x dense product against a plain loop for
// every tile shape the kernel has (full 64-float tiles, whole 16-float vectors, a remainder that
// reads past a row's end, and b's last rows, where it must not).
#include <gtest/gtest.h>

#include <cmath>

#include "topica/error.hpp"
#include "topica/random.hpp"
#include "topica/sparse.hpp"

namespace topica {
namespace {

CsrMatrix random_csr(std::size_t rows, std::size_t cols, double density, std::uint64_t seed) {
  Random random(seed);
  CsrMatrix m;
  m.rows = rows;
  m.cols = cols;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      if (random.uniform() < density) {
        m.indices.push_back(static_cast<std::int32_t>(c));
        m.values.push_back(static_cast<float>(random.normal()));
      }
    }
    m.indptr.push_back(static_cast<std::int64_t>(m.nnz()));
  }
  return m;
}

Matrix<float> random_dense(std::size_t rows, std::size_t cols, std::uint64_t seed) {
  Random random(seed);
  Matrix<float> m(rows, cols);
  for (float& v : m.values) v = static_cast<float>(random.normal());
  return m;
}

TEST(Sparse, ProductMatchesAPlainLoopForEveryWidth) {
  const CsrMatrix a = random_csr(70, 33, 0.3, 1);
  for (std::size_t k : {1, 5, 15, 16, 17, 40, 63, 64, 65, 130, 394}) {
    const Matrix<float> b = random_dense(33, k, k);
    const Matrix<float> ours = multiply(a, b, 2);
    ASSERT_EQ(ours.rows, 70u);
    ASSERT_EQ(ours.cols, k);
    for (std::size_t r = 0; r < a.rows; ++r) {
      for (std::size_t j = 0; j < k; ++j) {
        double expected = 0;
        for (auto e = a.indptr[r]; e < a.indptr[r + 1]; ++e) {
          expected += static_cast<double>(a.values[static_cast<std::size_t>(e)]) *
                      b(static_cast<std::size_t>(a.indices[static_cast<std::size_t>(e)]), j);
        }
        EXPECT_NEAR(ours(r, j), expected, 1e-4) << "k " << k << " row " << r << " column " << j;
      }
    }
    EXPECT_EQ(multiply(a, b, 1).values, multiply(a, b, 3).values) << "k " << k;
  }
}

TEST(Sparse, ProductReadsOnlyTheLastRowsOfB) {
  // Every entry points at b's last row: the remainder's vector loads must stop there.
  CsrMatrix a;
  a.rows = 2;
  a.cols = 3;
  a.indices = {2, 2, 1};
  a.values = {1.0f, 2.0f, 1.0f};
  a.indptr = {0, 2, 3};
  Matrix<float> b(3, 5);
  for (std::size_t i = 0; i < b.values.size(); ++i) b.values[i] = static_cast<float>(i);
  const Matrix<float> out = multiply(a, b, 1);
  EXPECT_EQ(out.values, (std::vector<float>{30, 33, 36, 39, 42, 5, 6, 7, 8, 9}));
}

TEST(Sparse, TransposeAndDenseRoundTrip) {
  const CsrMatrix a = random_csr(20, 9, 0.4, 2);
  const CsrMatrix t = transpose(a);
  EXPECT_EQ(t.rows, 9u);
  EXPECT_EQ(t.cols, 20u);
  validate_csr(t, "transpose");
  const CsrMatrix back = transpose(t);
  EXPECT_EQ(back.indptr, a.indptr);
  EXPECT_EQ(back.indices, a.indices);
  EXPECT_EQ(back.values, a.values);

  Matrix<float> dense(2, 3);
  dense.values = {0, 1.5f, 0, -2, 0, 0};
  const CsrMatrix m = to_csr(dense);
  EXPECT_EQ(m.indptr, (std::vector<std::int64_t>{0, 1, 2}));
  EXPECT_EQ(m.indices, (std::vector<std::int32_t>{1, 0}));
  EXPECT_EQ(m.values, (std::vector<float>{1.5f, -2.0f}));
}

TEST(Sparse, ColumnMomentsCountImplicitZeros) {
  Matrix<float> dense(4, 2);
  dense.values = {1, 0, 3, 0, 0, 2, 0, 0};
  const ColumnMoments m = column_moments(to_csr(dense));
  EXPECT_DOUBLE_EQ(m.mean[0], 1.0);
  EXPECT_DOUBLE_EQ(m.mean[1], 0.5);
  EXPECT_DOUBLE_EQ(m.variance[0], (0.0 + 4.0 + 1.0 + 1.0) / 4);
  EXPECT_DOUBLE_EQ(m.variance[1], (0.25 + 0.25 + 2.25 + 0.25) / 4);
}

TEST(Sparse, ValidationNamesTheProblem) {
  const CsrMatrix good = random_csr(5, 4, 0.5, 3);
  EXPECT_NO_THROW(validate_csr(good, "x"));
  const auto message = [](const CsrMatrix& m) {
    try {
      validate_csr(m, "tfidf.npz");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CsrMatrix m = good;
  m.indptr.pop_back();
  EXPECT_NE(message(m).find("indptr holds"), std::string::npos) << message(m);
  m = good;
  m.indices[0] = 4;
  EXPECT_NE(message(m).find("column index 4"), std::string::npos) << message(m);
  m = good;
  m.values.back() = NAN;
  EXPECT_NE(message(m).find("non-finite"), std::string::npos) << message(m);
  EXPECT_NE(message(m).find("tfidf.npz"), std::string::npos);
  m = good;
  m.values.pop_back();
  EXPECT_NE(message(m).find("column indices but"), std::string::npos) << message(m);
  EXPECT_THROW(multiply(good, Matrix<float>(3, 2), 1), InputError);
}

}  // namespace
}  // namespace topica
