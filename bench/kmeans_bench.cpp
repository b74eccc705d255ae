// k-means (k-means++ seeding + Lloyd) on embedding-shaped data.
//
// BM_KMeansSynthetic: Gaussian clusters, for bench/run-all. BM_KMeansFile: the float32 .npy named
// by $TOPICA_KMEANS_BENCH_FILE (bench/kmeans.sh passes the same file to scikit-learn), with
// $TOPICA_KMEANS_BENCH_K clusters (default 50) and $TOPICA_KMEANS_BENCH_N_INIT runs (default 10);
// it runs once and writes its inertia to $TOPICA_KMEANS_BENCH_FILE.inertia.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "topica/kmeans.hpp"
#include "topica/npy.hpp"
#include "topica/random.hpp"

namespace {

std::size_t env_or(const char* name, std::size_t fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::stoul(value) : fallback;
}

/// rows points around `clusters` Gaussian centers in `dims` dimensions.
topica::Matrix<float> clustered(std::size_t rows, std::size_t dims, std::size_t clusters) {
  topica::Random random(1);
  topica::Matrix<float> centers(clusters, dims), x(rows, dims);
  for (float& v : centers.values) v = static_cast<float>(3.0 * random.normal());
  for (std::size_t i = 0; i < rows; ++i) {
    const std::size_t c = random.below(clusters);
    for (std::size_t j = 0; j < dims; ++j) x(i, j) = centers(c, j) + static_cast<float>(random.normal());
  }
  return x;
}

void BM_KMeansSynthetic(benchmark::State& state) {
  const auto x = clustered(static_cast<std::size_t>(state.range(0)), 64, 50);
  topica::KMeansOptions options;
  options.n_clusters = static_cast<std::size_t>(state.range(1));
  options.n_init = 1;
  for (auto _ : state) benchmark::DoNotOptimize(topica::kmeans(x, options).inertia);
}
BENCHMARK(BM_KMeansSynthetic)->Args({20000, 50})->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_KMeansFile(benchmark::State& state) {
  const char* file = std::getenv("TOPICA_KMEANS_BENCH_FILE");
  if (file == nullptr) {
    state.SkipWithError("set TOPICA_KMEANS_BENCH_FILE (bench/kmeans.sh does)");
    return;
  }
  const auto x = topica::read_npy_matrix(file);
  topica::KMeansOptions options;
  options.n_clusters = env_or("TOPICA_KMEANS_BENCH_K", 50);
  options.n_init = env_or("TOPICA_KMEANS_BENCH_N_INIT", 10);
  options.seed = 0;
  topica::KMeansResult result;
  for (auto _ : state) result = topica::kmeans(x, options);
  std::ofstream(std::string(file) + ".inertia") << result.inertia << ' ' << result.n_iter << '\n';
}
BENCHMARK(BM_KMeansFile)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
