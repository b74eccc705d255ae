// TruncatedSvd (randomized SVD) on sparse TF-IDF, the LSA embedder's cost.
//
// BM_TruncatedSvdSynthetic: a synthetic TF-IDF-like matrix (Zipf-distributed terms), for
// bench/run-all. BM_TruncatedSvdFile: the matrix that bench/svd.sh saves from scikit-learn's
// TfidfVectorizer as CSR parts in $TOPICA_SVD_BENCH_DIR (shape.npy, indptr.npy, indices.npy,
// data.npy); it runs once and writes topica_s.npy (the singular values) beside them, so the script
// can compare them with scikit-learn's. $TOPICA_SVD_BENCH_COMPONENTS sets k (default 384).
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include "topica/npy.hpp"
#include "topica/random.hpp"
#include "topica/svd.hpp"

namespace {

topica::CsrMatrix read_csr_parts(const std::string& dir) {
  const auto shape = topica::read_npy_labels(dir + "/shape.npy");
  const auto indptr = topica::read_npy_labels(dir + "/indptr.npy");
  const auto indices = topica::read_npy_labels(dir + "/indices.npy");
  topica::CsrMatrix m;
  m.rows = static_cast<std::size_t>(shape.at(0));
  m.cols = static_cast<std::size_t>(shape.at(1));
  m.indptr.assign(indptr.begin(), indptr.end());
  m.indices.assign(indices.begin(), indices.end());
  m.values = topica::read_npy_matrix(dir + "/data.npy").values;
  return m;
}

/// Rows of ~`per_row` distinct terms drawn from a Zipf-like law, L2-normalised, as TF-IDF rows are.
topica::CsrMatrix synthetic_tfidf(std::size_t rows, std::size_t cols, std::size_t per_row) {
  topica::Random random(1);
  topica::CsrMatrix m;
  m.rows = rows;
  m.cols = cols;
  std::vector<char> seen(cols, 0);
  for (std::size_t r = 0; r < rows; ++r) {
    const std::size_t begin = m.nnz();
    for (std::size_t t = 0; t < per_row; ++t) {
      const auto c = static_cast<std::size_t>(std::pow(static_cast<double>(cols), random.uniform())) - 1;
      if (seen[c]) continue;
      seen[c] = 1;
      m.indices.push_back(static_cast<std::int32_t>(c));
      m.values.push_back(1.0f + random.uniform_float());
    }
    double norm = 0;
    for (std::size_t k = begin; k < m.nnz(); ++k) {
      seen[static_cast<std::size_t>(m.indices[k])] = 0;
      norm += static_cast<double>(m.values[k]) * m.values[k];
    }
    for (std::size_t k = begin; k < m.nnz(); ++k) m.values[k] = static_cast<float>(m.values[k] / std::sqrt(norm));
    m.indptr.push_back(static_cast<std::int64_t>(m.nnz()));
  }
  return m;
}

void BM_TruncatedSvdSynthetic(benchmark::State& state) {
  const auto x = synthetic_tfidf(static_cast<std::size_t>(state.range(0)), 8000, 30);
  topica::TruncatedSvdOptions options;
  options.n_components = static_cast<std::size_t>(state.range(1));
  options.seed = 0;
  for (auto _ : state) {
    topica::TruncatedSvd svd(options);
    benchmark::DoNotOptimize(svd.fit_transform(x).values.data());
  }
}
BENCHMARK(BM_TruncatedSvdSynthetic)->Args({20000, 100})->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_TruncatedSvdFile(benchmark::State& state) {
  const char* dir = std::getenv("TOPICA_SVD_BENCH_DIR");
  if (dir == nullptr) {
    state.SkipWithError("set TOPICA_SVD_BENCH_DIR (bench/svd.sh does)");
    return;
  }
  const char* k = std::getenv("TOPICA_SVD_BENCH_COMPONENTS");
  const auto x = read_csr_parts(dir);
  topica::TruncatedSvdOptions options;
  options.n_components = k != nullptr ? std::stoul(k) : 384;
  options.seed = 0;
  topica::TruncatedSvd svd(options);
  for (auto _ : state) benchmark::DoNotOptimize(svd.fit_transform(x).values.data());
  const auto& s = svd.model().singular_values;
  topica::Matrix<float> values(s.size(), 1);
  values.values = s;
  topica::write_npy(std::string(dir) + "/topica_s.npy", values);
}
BENCHMARK(BM_TruncatedSvdFile)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
