// Semantic search over an embeddings file: the exact scan against numpy's cosine top-k, the
// HNSW path's recall against the exact scan, and the saved index's reuse and rebuild rules.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "support/test_support.hpp"
#include "topica/error.hpp"
#include "topica/npy.hpp"
#include "topica/search.hpp"

namespace topica {
namespace {

namespace fs = std::filesystem;
using test::ScratchDir;

// `clusters` Gaussian blobs in `dims` dimensions (centres spread wide, points close), the shape
// sentence embeddings of a corpus with topics take.
Matrix<float> clustered(std::size_t rows, std::size_t dims, std::size_t clusters, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  Matrix<float> centres(clusters, dims);
  for (float& v : centres.values) v = normal(rng);
  Matrix<float> m(rows, dims);
  for (std::size_t i = 0; i < rows; ++i) {
    const float* c = centres.row(i % clusters);
    for (std::size_t j = 0; j < dims; ++j) m(i, j) = c[j] + 0.35f * normal(rng);
  }
  return m;
}

bool has_numpy() { return test::run_shell("/usr/bin/python3 -c 'import numpy' 2>/dev/null").exit_code == 0; }

TEST(ExactSearch, MatchesNumpysCosineTopK) {
  if (!has_numpy()) GTEST_SKIP() << "numpy is missing (scripts/install-deps installs python3-numpy)";
  ScratchDir dir;
  // More rows than one block (4,096), so the scan crosses block edges; a zero row scores 0.
  Matrix<float> e = clustered(test::kSanitized ? 5000 : 9000, 24, 30, 7);
  std::fill_n(e.row(17), e.cols, 0.0f);
  const Matrix<float> q = clustered(12, 24, 5, 8);
  write_npy(dir.file("e.npy"), e);
  write_npy(dir.file("q.npy"), q);
  const auto r = test::run_shell(
      "/usr/bin/python3 -c \"import numpy as np, sys; d = sys.argv[1]; e = np.load(d + '/e.npy').astype('f8'); "
      "q = np.load(d + '/q.npy').astype('f8'); n = np.linalg.norm(e, axis=1); n[n == 0] = 1; "
      "s = (q / np.linalg.norm(q, axis=1)[:, None]) @ (e / n[:, None]).T; "
      "i = np.argsort(-s, axis=1, kind='stable')[:, :10]; np.save(d + '/i.npy', i.ravel().astype('i8')); "
      "np.save(d + '/s.npy', np.take_along_axis(s, i, 1))\" '" + dir.path().string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::int64_t> indices = read_npy_labels(dir.file("i.npy"));
  const Matrix<double> scores = read_npy_matrix_f64(dir.file("s.npy"));
  const auto hits = exact_search(dir.file("e.npy"), q, 10);
  ASSERT_EQ(hits.size(), q.rows);
  for (std::size_t i = 0; i < q.rows; ++i) {
    ASSERT_EQ(hits[i].size(), 10u);
    for (std::size_t k = 0; k < 10; ++k) {
      EXPECT_NEAR(hits[i][k].score, scores(i, k), 2e-6) << "query " << i << " rank " << k;
      // Rows whose scores differ by less than float32 rounding may swap; compare by score then.
      if (std::abs(scores(i, k) - scores(i, std::min<std::size_t>(k + 1, 9))) > 1e-5 &&
          (k == 0 || std::abs(scores(i, k) - scores(i, k - 1)) > 1e-5)) {
        EXPECT_EQ(hits[i][k].row, static_cast<std::size_t>(indices[i * 10 + k])) << "query " << i << " rank " << k;
      }
    }
  }
}

TEST(ExactSearch, FewerRowsThanTopAndBadInput) {
  ScratchDir dir;
  write_npy(dir.file("e.npy"), clustered(3, 4, 1, 1));
  const auto hits = exact_search(dir.file("e.npy"), clustered(1, 4, 1, 2), 10);
  EXPECT_EQ(hits[0].size(), 3u);
  EXPECT_THROW(exact_search(dir.file("e.npy"), clustered(1, 5, 1, 2), 10), InputError);
  Matrix<float> bad = clustered(3, 4, 1, 1);
  bad(2, 1) = std::numeric_limits<float>::quiet_NaN();
  write_npy(dir.file("nan.npy"), bad);
  try {
    exact_search(dir.file("nan.npy"), clustered(1, 4, 1, 2), 2);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("row 2"), std::string::npos) << e.what();
  }
  write_npy(dir.file("one_d.npy"), std::vector<std::int64_t>{1, 2, 3});
  EXPECT_THROW(exact_search(dir.file("one_d.npy"), clustered(1, 1, 1, 2), 2), InputError);
}

TEST(HnswSearch, RecallAgainstExactAndTheSavedIndex) {
  ScratchDir dir;
  const std::size_t rows = test::kSanitized ? 1500 : 6000;
  const std::string e = dir.file("e.npy");
  write_npy(e, clustered(rows, 32, 40, 11));
  const Matrix<float> queries = clustered(100, 32, 40, 12);
  SearchOptions options;
  options.hnsw_from = 1000;  // auto takes HNSW at this size
  SearchReport report;
  const auto approximate = search_embeddings(e, queries, options, &report);
  EXPECT_TRUE(report.used_hnsw);
  EXPECT_TRUE(report.built_index);
  ASSERT_TRUE(fs::exists(hnsw_index_path(e)));
  ASSERT_TRUE(fs::exists(hnsw_index_path(e) + ".json"));
  const auto exact = exact_search(e, queries, 10);
  std::size_t found = 0;
  for (std::size_t i = 0; i < queries.rows; ++i) {
    for (const SearchHit& h : approximate[i]) {
      for (const SearchHit& x : exact[i]) found += h.row == x.row;
    }
  }
  const double recall = double(found) / double(queries.rows * 10);
  EXPECT_GE(recall, 0.95);

  // Reused as saved, same answers; a deterministic build gives the same file again.
  const std::string first_build = test::read_file(hnsw_index_path(e));
  const auto again = search_embeddings(e, queries, options, &report);
  EXPECT_FALSE(report.built_index);
  for (std::size_t i = 0; i < queries.rows; ++i) {
    for (std::size_t k = 0; k < 10; ++k) EXPECT_EQ(again[i][k].row, approximate[i][k].row);
  }
  fs::remove(hnsw_index_path(e));
  search_embeddings(e, queries, options, &report);
  EXPECT_TRUE(report.built_index);
  EXPECT_EQ(test::read_file(hnsw_index_path(e)), first_build);

  // New embeddings under the same name: the index is stale and rebuilt.
  write_npy(e, clustered(rows, 32, 40, 13));
  search_embeddings(e, queries, options, &report);
  EXPECT_TRUE(report.built_index);
  // A damaged index file is rebuilt, not trusted.
  {
    std::ofstream(hnsw_index_path(e), std::ios::binary | std::ios::in | std::ios::out) << "garbage";
  }
  search_embeddings(e, queries, options, &report);
  EXPECT_TRUE(report.built_index);

  options.index = SearchIndex::Exact;
  search_embeddings(e, queries, options, &report);
  EXPECT_FALSE(report.used_hnsw);
}

}  // namespace
}  // namespace topica
