// trustworthiness against scikit-learn 1.2.1's sklearn.manifold.trustworthiness on the fixture
// of tests/fixtures/umap/README.md.
#include "topica/trustworthiness.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "topica/error.hpp"

namespace topica {
namespace {

Matrix<float> matrix_from(const nlohmann::json& rows) {
  Matrix<float> m(rows.size(), rows[0].size());
  for (std::size_t i = 0; i < m.rows; ++i) {
    for (std::size_t j = 0; j < m.cols; ++j) m(i, j) = rows[i][j].get<float>();
  }
  return m;
}

TEST(Trustworthiness, MatchesScikitLearn) {
  std::ifstream in(std::string(TOPICA_SOURCE_DIR) + "/tests/fixtures/umap/umap_reference.json");
  const auto ref = nlohmann::json::parse(in);
  Matrix<float> x = matrix_from(ref["x"]);
  for (std::size_t j = 0; j < x.cols; ++j) x(6, j) += 0.01f;  // as make_fixtures.py: no exact ties
  const Matrix<float> y = matrix_from(ref["embedding"]);
  for (const auto& c : ref["trustworthiness"]) {
    const Metric metric = c["metric"] == "cosine" ? Metric::Cosine : Metric::Euclidean;
    const auto k = c["n_neighbors"].get<std::size_t>();
    EXPECT_NEAR(trustworthiness(x, y, k, metric, 2), c["value"].get<double>(), 1e-12) << "k " << k << " " << c["metric"];
  }
}

TEST(Trustworthiness, IsOneForAnIsometryAndChecksItsArguments) {
  Matrix<float> x(30, 2);
  for (std::size_t i = 0; i < x.rows; ++i) {
    x(i, 0) = static_cast<float>(i * i % 17);
    x(i, 1) = static_cast<float>(i) * 0.37f;
  }
  Matrix<float> shifted = x;
  for (float& v : shifted.values) v += 3.0f;
  EXPECT_DOUBLE_EQ(trustworthiness(x, shifted, 5), 1.0);
  EXPECT_THROW(trustworthiness(x, shifted, 15), UsageError);  // k must be below n / 2
  EXPECT_THROW(trustworthiness(x, Matrix<float>(29, 2), 5), UsageError);
}

}  // namespace
}  // namespace topica
