// HDBSCAN against the hdbscan library's own outputs (../shared/reference/hdbscan/, hdbscan
// 0.8.43 with prediction_data=True, metric euclidean, default algorithm). Tolerances are the
// project's "Done when" bounds: adjusted Rand >= 0.999, probabilities, GLOSH scores and
// membership vectors within 1e-4 (membership is float32 here), approximate_predict agreeing on
// >= 99% of held-out points with strengths within 1e-4. In practice topica reproduces labels
// exactly and the float64 values bit for bit; the test prints the figures it measured.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "support/test_support.hpp"
#include "topica/cluster_metrics.hpp"
#include "topica/hdbscan.hpp"
#include "topica/npy.hpp"

namespace topica {
namespace {

namespace fs = std::filesystem;

struct Case {
  std::string tag, input;
  HdbscanOptions options;
};

std::vector<Case> load_cases(const fs::path& dir) {
  std::ifstream in(dir / "cases.json");
  const auto j = nlohmann::json::parse(in);
  std::vector<Case> cases;
  for (const auto& c : j["cases"]) {
    Case out{c["tag"], c["input"], {}};
    const auto& p = c["params"];
    out.options.min_cluster_size = p["min_cluster_size"];
    if (p.contains("min_samples")) out.options.min_samples = p["min_samples"];
    out.options.selection = p["cluster_selection_method"] == "leaf" ? ClusterSelection::Leaf : ClusterSelection::Eom;
    cases.push_back(out);
  }
  return cases;
}

double max_abs_diff(const std::vector<double>& a, const Matrix<double>& b) {
  EXPECT_EQ(a.size(), b.values.size());
  double worst = 0;
  for (std::size_t i = 0; i < std::min(a.size(), b.values.size()); ++i) worst = std::max(worst, std::fabs(a[i] - b.values[i]));
  return worst;
}

// Membership columns follow the label order on both sides, so they are matched through the
// labels: column k of ours is the column of the reference label most of our cluster k carries.
double membership_diff(const Matrix<float>& ours, const Matrix<double>& ref, const std::vector<std::int64_t>& our_labels,
                       const std::vector<std::int64_t>& ref_labels) {
  EXPECT_EQ(ours.rows, ref.rows);
  EXPECT_EQ(ours.cols, ref.cols);
  if (ours.rows != ref.rows || ours.cols != ref.cols) return INFINITY;
  std::vector<std::size_t> column(ours.cols, 0);
  for (std::size_t k = 0; k < ours.cols; ++k) {
    std::vector<std::size_t> votes(ref.cols, 0);
    for (std::size_t i = 0; i < our_labels.size(); ++i) {
      if (our_labels[i] == static_cast<std::int64_t>(k) && ref_labels[i] >= 0) ++votes[static_cast<std::size_t>(ref_labels[i])];
    }
    column[k] = static_cast<std::size_t>(std::max_element(votes.begin(), votes.end()) - votes.begin());
  }
  double worst = 0;
  for (std::size_t i = 0; i < ours.rows; ++i) {
    for (std::size_t k = 0; k < ours.cols; ++k) worst = std::max(worst, std::fabs(ours(i, k) - ref(i, column[k])));
  }
  return worst;
}

class HdbscanParity : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto shared = test::shared_dir();
    if (!shared) GTEST_SKIP() << "../shared is absent";
    dir_ = *shared / "reference" / "hdbscan";
    if (!fs::exists(dir_ / "cases.json")) GTEST_SKIP() << dir_ << " has no cases.json";
  }
  fs::path dir_;
};

TEST_F(HdbscanParity, EveryReferenceCase) {
  for (const Case& c : load_cases(dir_)) {
    SCOPED_TRACE(c.tag);
    const Matrix<double> x = read_npy_matrix_f64((dir_ / (c.input + ".npy")).string());
#ifdef __SANITIZE_ADDRESS__
    if (x.rows > 10000) continue;  // the 20k case takes minutes under the sanitizers
#endif
    const fs::path base = dir_ / c.tag;
    const HdbscanModel model = hdbscan_fit(x, c.options);
    const std::vector<std::int64_t> ref_labels = read_npy_labels(base.string() + ".labels.npy");
    const double ari = adjusted_rand_index(ref_labels, model.labels);
    const double prob = max_abs_diff(model.probabilities, read_npy_matrix_f64(base.string() + ".probabilities.npy"));
    const double glosh = max_abs_diff(model.outlier_scores, read_npy_matrix_f64(base.string() + ".outlier_scores.npy"));
    EXPECT_GE(ari, 0.999);
    EXPECT_LE(prob, 1e-4);
    EXPECT_LE(glosh, 1e-4);
    std::string figures = fmt::format("{}: ARI {:.6f}, probabilities {:.1e}, outlier scores {:.1e}", c.tag, ari, prob, glosh);

    const std::string membership = base.string() + ".membership.npy";
    if (fs::exists(membership)) {
      const double diff = membership_diff(all_points_membership_vectors(model), read_npy_matrix_f64(membership),
                                          model.labels, ref_labels);
      EXPECT_LE(diff, 1e-4);
      figures += fmt::format(", membership {:.1e}", diff);
    }
    const std::string predicted = base.string() + ".predict_labels.npy";
    if (fs::exists(predicted)) {
      const Matrix<double> test_points = read_npy_matrix_f64((dir_ / "blobs2d_test.npy").string());
      const HdbscanPrediction p = approximate_predict(model, test_points);
      const std::vector<std::int64_t> ref_pred = read_npy_labels(predicted);
      // Labels compared through the fit's renumbering: our label k <-> the reference label of
      // the same training points.
      std::vector<std::int64_t> mapped(p.labels.size(), -1);
      for (std::size_t i = 0; i < p.labels.size(); ++i) {
        if (p.labels[i] < 0) continue;
        for (std::size_t t = 0; t < model.labels.size(); ++t) {
          if (model.labels[t] == p.labels[i]) {
            mapped[i] = ref_labels[t];
            break;
          }
        }
      }
      std::size_t agree = 0;
      for (std::size_t i = 0; i < mapped.size(); ++i) agree += mapped[i] == ref_pred[i] ? 1 : 0;
      const double agreement = static_cast<double>(agree) / static_cast<double>(mapped.size());
      const double strength = max_abs_diff(p.strengths, read_npy_matrix_f64(base.string() + ".predict_strengths.npy"));
      const double pm = membership_diff(membership_vector(model, test_points),
                                        read_npy_matrix_f64(base.string() + ".predict_membership.npy"), model.labels,
                                        ref_labels);
      EXPECT_GE(agreement, 0.99);
      EXPECT_LE(strength, 1e-4);
      EXPECT_LE(pm, 1e-4);
      figures += fmt::format(", predict agreement {:.4f}, strengths {:.1e}, predict membership {:.1e}", agreement,
                             strength, pm);
    }
    std::printf("  %s\n", figures.c_str());
  }
}

}  // namespace
}  // namespace topica
