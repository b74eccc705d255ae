// Against scikit-learn on ../shared/reference/umap/ (input_10k.npy: 10,000 x 384 document
// embeddings; knn15_cosine_*.npy: NearestNeighbors(brute, cosine) from scikit-learn 1.2.1).
// Skipped when ../shared is absent. Under AddressSanitizer the heavy checks use the first
// 2,000 rows as queries, so the suite stays fast there too.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "neighbors/knn_test_util.hpp"
#include "support/test_support.hpp"
#include "topica/neighbors.hpp"
#include "topica/npy.hpp"

namespace topica {
namespace {

using test::indices_of;
using test::recall;

using test::kSanitized;

struct Fixture {
  Matrix<float> data;
  std::vector<std::int64_t> indices;  // 10,000 x 15
  std::vector<float> distances;
};

// The reference indices: a 2-d '<i8' array (read_npy_labels takes 1-d labels only).
std::vector<std::int64_t> read_index_matrix(const std::string& path) {
  const NpyInfo info = read_npy_info(path);
  EXPECT_EQ(info.dtype, "<i8");
  EXPECT_EQ(info.shape.size(), 2u);
  std::vector<std::int64_t> values(info.shape.at(0) * info.shape.at(1));
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(info.data_offset));
  in.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(std::int64_t)));
  EXPECT_TRUE(in.good()) << path;
  return values;
}

const Fixture* fixture() {
  static const auto loaded = []() -> std::optional<Fixture> {
    const auto shared = test::shared_dir();
    if (!shared) return std::nullopt;
    const std::filesystem::path dir = *shared / "reference" / "umap";
    if (!std::filesystem::exists(dir / "input_10k.npy")) return std::nullopt;
    Fixture f;
    f.data = read_npy_matrix((dir / "input_10k.npy").string());
    f.indices = read_index_matrix((dir / "knn15_cosine_indices.npy").string());
    f.distances = read_npy_matrix((dir / "knn15_cosine_distances.npy").string()).values;
    return f;
  }();
  return loaded ? &*loaded : nullptr;
}

KnnOptions cosine15() {
  KnnOptions o;
  o.k = 15;
  o.metric = Metric::Cosine;
  o.threads = 2;
  return o;
}

TEST(KnnFixture, ExactMatchesScikitLearn) {
  const Fixture* f = fixture();
  if (f == nullptr) GTEST_SKIP() << "../shared/reference/umap not found";
  // Distances within 1e-6 (both are float32 1 - dot of unit rows, scikit-learn's arithmetic),
  // index sets equal up to ties and the 18 duplicated rows.
  const std::size_t rows = kSanitized ? 2000 : f->data.rows;
  KnnGraph g;
  if (kSanitized) {
    g = exact_knn_query(f->data, test::head(f->data, rows), cosine15());
    // As queries, rows find themselves at ~0 rather than first by convention: make it so.
    for (std::size_t i = 0; i < rows; ++i) {
      std::int32_t* idx = g.indices.data() + i * 15;
      float* d = g.distances.data() + i * 15;
      const auto self = std::find(idx, idx + 15, static_cast<std::int32_t>(i));
      ASSERT_NE(self, idx + 15) << "row " << i;
      std::rotate(idx, self, self + 1);
      std::rotate(d, d + (self - idx), d + (self - idx) + 1);
      d[0] = 0;
    }
  } else {
    g = exact_knn(f->data, cosine15());
  }
  const std::vector<std::int64_t> want_idx(f->indices.begin(), f->indices.begin() + static_cast<std::ptrdiff_t>(rows * 15));
  const std::vector<float> want_dist(f->distances.begin(), f->distances.begin() + static_cast<std::ptrdiff_t>(rows * 15));
  test::expect_equal_up_to_ties(indices_of(g), g.distances, want_idx, want_dist, rows, 15, 1e-6);
  EXPECT_GE(recall(g, f->indices, 15), 0.999);
}

TEST(KnnFixture, ApproximateRecallAtLeast95) {
  const Fixture* f = fixture();
  if (f == nullptr) GTEST_SKIP() << "../shared/reference/umap not found";
  if (kSanitized) {
    // 2,000 rows: NN-descent on them against our exact answer on the same rows.
    const Matrix<float> part = test::head(f->data, 2000);
    const KnnGraph approx = approximate_knn(part, cosine15());
    const double r = recall(approx, indices_of(exact_knn(part, cosine15())), 15);
    RecordProperty("recall_at_15", std::to_string(r));
    EXPECT_GE(r, 0.95);
    return;
  }
  const KnnGraph approx = approximate_knn(f->data, cosine15());
  test::expect_well_formed(approx, f->data.rows, true);
  const double r = recall(approx, f->indices, 15);
  RecordProperty("recall_at_15", std::to_string(r));
  EXPECT_GE(r, 0.95);
}

TEST(KnnFixture, ApproximateIndexQueriesHeldOutRows) {
  const Fixture* f = fixture();
  if (f == nullptr) GTEST_SKIP() << "../shared/reference/umap not found";
  if (kSanitized) GTEST_SKIP() << "covered on synthetic data by KnnIndex tests under the sanitizer";
  // Index rows 1,000.. by NN-descent, query rows 0..999 (new documents, as UMAP transform).
  const std::size_t held = 1000;
  Matrix<float> base(f->data.rows - held, f->data.cols);
  std::copy(f->data.row(held), f->data.row(f->data.rows), base.values.begin());
  const KnnGraph want = exact_knn_query(base, test::head(f->data, held), cosine15());
  const KnnIndex index = KnnIndex::build(std::move(base), cosine15());
  ASSERT_FALSE(index.is_exact());
  const KnnGraph got = index.query(test::head(f->data, held), 15);
  const double r = recall(got, indices_of(want), 15);
  RecordProperty("query_recall_at_15", std::to_string(r));
  EXPECT_GE(r, 0.95);
}

}  // namespace
}  // namespace topica
