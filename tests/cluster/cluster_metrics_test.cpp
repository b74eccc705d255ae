// Adjusted Rand index and NMI against scikit-learn 1.2.1 on the label pairs of
// tests/fixtures/cluster_metrics/cases.json (see its README for how they were made).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "topica/cluster_metrics.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

TEST(ClusterMetrics, MatchScikitLearn) {
  std::ifstream in(std::string(TOPICA_SOURCE_DIR) + "/tests/fixtures/cluster_metrics/cases.json");
  ASSERT_TRUE(in) << "missing tests/fixtures/cluster_metrics/cases.json";
  const auto j = nlohmann::json::parse(in);
  ASSERT_FALSE(j["cases"].empty());
  for (const auto& c : j["cases"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    const auto a = c["true"].get<std::vector<std::int64_t>>();
    const auto b = c["pred"].get<std::vector<std::int64_t>>();
    EXPECT_NEAR(adjusted_rand_index(a, b), c["ari"].get<double>(), 1e-12);
    EXPECT_NEAR(normalized_mutual_information(a, b), c["nmi"].get<double>(), 1e-12);
  }
}

TEST(ClusterMetrics, SymmetricAndLengthChecked) {
  const std::vector<std::int64_t> a{0, 0, 1, 1, 2, -1}, b{1, 1, 0, 2, 2, 2};
  EXPECT_DOUBLE_EQ(adjusted_rand_index(a, b), adjusted_rand_index(b, a));
  EXPECT_NEAR(normalized_mutual_information(a, b), normalized_mutual_information(b, a), 1e-15);
  EXPECT_THROW(adjusted_rand_index(a, std::vector<std::int64_t>{1}), Error);
  EXPECT_THROW(normalized_mutual_information(a, std::vector<std::int64_t>{1}), Error);
}

}  // namespace
}  // namespace topica
