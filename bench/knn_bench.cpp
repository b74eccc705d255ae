// k-nearest-neighbour graphs (k = 15, cosine, as UMAP in BERTopic) of a whole data set:
// topica's exact path (blocked GEMM), its approximate path (NN-descent), and hnswlib (the
// alternative we measured before choosing NN-descent: build + query every point).
//
// Environment:
//   TOPICA_KNN_BENCH_INPUT    .npy float32 matrix (default: 20,000 x 384 synthetic clusters)
//   TOPICA_KNN_BENCH_THREADS  threads (default 2, the CI machine's cores)
//   TOPICA_KNN_BENCH_OUT      folder: each benchmark writes <name>_indices.npy (int64, n * k,
//                             row-major) there, so bench/knn.sh can score recall against
//                             scikit-learn's exact neighbours
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <hnswlib/hnswlib.h>

#include "neighbors/nn_descent.hpp"
#include "neighbors/knn_common.hpp"
#include "topica/neighbors.hpp"
#include "topica/npy.hpp"
#include "topica/random.hpp"

namespace {

constexpr std::size_t kK = 15;

std::size_t bench_threads() {
  const char* env = std::getenv("TOPICA_KNN_BENCH_THREADS");
  return env != nullptr ? static_cast<std::size_t>(std::stoul(env)) : 2;
}

// Points around 200 random centres: neighbourhoods with structure, like embeddings.
topica::Matrix<float> synthetic(std::size_t rows, std::size_t cols) {
  topica::Random random(7);
  topica::Matrix<float> centres(200, cols);
  for (float& v : centres.values) v = static_cast<float>(random.normal());
  topica::Matrix<float> m(rows, cols);
  for (std::size_t i = 0; i < rows; ++i) {
    const float* c = centres.row(random.below(centres.rows));
    for (std::size_t j = 0; j < cols; ++j) m(i, j) = c[j] + 0.6f * static_cast<float>(random.normal());
  }
  return m;
}

const topica::Matrix<float>& input() {
  static const topica::Matrix<float> data = [] {
    const char* path = std::getenv("TOPICA_KNN_BENCH_INPUT");
    return path != nullptr ? topica::read_npy_matrix(path) : synthetic(20000, 384);
  }();
  return data;
}

topica::KnnOptions options() {
  topica::KnnOptions o;
  o.k = kK;
  o.metric = topica::Metric::Cosine;
  o.threads = bench_threads();
  o.seed = 42;
  // Tuning knobs for exploring the approximate path (0 or unset: the defaults).
  const auto knob = [](const char* name) {
    const char* env = std::getenv(name);
    return env != nullptr ? static_cast<std::size_t>(std::stoul(env)) : std::size_t{0};
  };
  o.descent.max_candidates = knob("TOPICA_KNN_BENCH_MAX_CANDIDATES");
  o.descent.n_trees = knob("TOPICA_KNN_BENCH_TREES");
  o.descent.leaf_size = knob("TOPICA_KNN_BENCH_LEAF");
  o.descent.n_iters = knob("TOPICA_KNN_BENCH_ITERS");
  if (const char* dims = std::getenv("TOPICA_KNN_BENCH_TREE_DIMS")) o.descent.tree_dims = std::stoul(dims);
  if (const char* delta = std::getenv("TOPICA_KNN_BENCH_DELTA")) o.descent.delta = std::stod(delta);
  return o;
}

void save(const std::string& name, const std::vector<std::int32_t>& indices) {
  const char* out = std::getenv("TOPICA_KNN_BENCH_OUT");
  if (out == nullptr) return;
  const std::vector<std::int64_t> wide(indices.begin(), indices.end());
  topica::write_npy(std::string(out) + "/" + name + "_indices.npy", wide);
}

void BM_KnnExact(benchmark::State& state) {
  const auto& data = input();
  topica::KnnGraph g;
  for (auto _ : state) g = topica::exact_knn(data, options());
  state.counters["rows"] = static_cast<double>(data.rows);
  save("exact", g.indices);
}

void BM_KnnApproximate(benchmark::State& state) {
  const auto& data = input();
  topica::KnnGraph g;
  for (auto _ : state) g = topica::approximate_knn(data, options());
  state.counters["rows"] = static_cast<double>(data.rows);
  save("approximate", g.indices);
}

// NN-descent alone, with its phases on stderr (forest, then each round's changes and time).
void BM_NnDescentPhases(benchmark::State& state) {
  const topica::Matrix<float> unit = topica::neighbors::unit_rows(input());
  for (auto _ : state) {
    topica::neighbors::DescentStats stats;
    auto heaps = topica::neighbors::nn_descent(unit, kK, options().descent, 42, bench_threads(), true, &stats);
    benchmark::DoNotOptimize(heaps.indices.data());
    std::fprintf(stderr, "cpu s: forest %.3f; rounds:", stats.forest_cpu_seconds);
    for (std::size_t r = 0; r < stats.changes.size(); ++r) std::fprintf(stderr, " %zu (%.3f s)", stats.changes[r], stats.round_cpu_seconds[r]);
    std::fprintf(stderr, "; %zu distances, %zu updates\n", stats.distance_evaluations, stats.updates);
    std::vector<std::int32_t> indices;
    for (std::size_t i = 0; i < heaps.n; ++i) {
      indices.push_back(static_cast<std::int32_t>(i));
      indices.insert(indices.end(), heaps.neighbors(i), heaps.neighbors(i) + heaps.capacity);
    }
    save("descent", indices);
  }
}

// hnswlib 0.6 (Debian): inner product on unit rows = cosine. Built with one thread per core
// (its insertion order then depends on scheduling, so this graph is not reproducible), then
// every point queried with ef = state.range(2).
void BM_Hnsw(benchmark::State& state) {
  const auto& raw = input();
  topica::Matrix<float> data = raw;
  for (std::size_t i = 0; i < data.rows; ++i) {
    double sum = 0;
    for (std::size_t j = 0; j < data.cols; ++j) sum += static_cast<double>(data(i, j)) * data(i, j);
    const auto norm = static_cast<float>(std::sqrt(sum));
    for (std::size_t j = 0; j < data.cols; ++j) data(i, j) = norm > 0 ? data(i, j) / norm : 0.0f;
  }
  const auto m = static_cast<std::size_t>(state.range(0));
  const auto ef_construction = static_cast<std::size_t>(state.range(1));
  const auto ef = static_cast<std::size_t>(state.range(2));
  const std::size_t threads = bench_threads();
  std::vector<std::int32_t> indices(data.rows * kK);
  const auto parallel = [&](const auto& body) {
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        for (std::size_t i = t; i < data.rows; i += threads) body(i);
      });
    }
    for (auto& th : pool) th.join();
  };
  for (auto _ : state) {
    hnswlib::InnerProductSpace space(data.cols);
    hnswlib::HierarchicalNSW<float> index(&space, data.rows, m, ef_construction, 100);
    index.addPoint(data.row(0), 0);
    parallel([&](std::size_t i) {
      if (i > 0) index.addPoint(data.row(i), i);
    });
    index.setEf(ef);
    parallel([&](std::size_t i) {
      auto result = index.searchKnn(data.row(i), kK);
      for (std::size_t j = kK; j-- > 0;) {
        indices[i * kK + j] = static_cast<std::int32_t>(result.top().second);
        result.pop();
      }
    });
  }
  save("hnsw_m" + std::to_string(m) + "_efc" + std::to_string(ef_construction) + "_ef" + std::to_string(ef), indices);
}

}  // namespace

BENCHMARK(BM_KnnExact)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_KnnApproximate)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_NnDescentPhases)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Hnsw)->Args({16, 100, 30})->Args({12, 60, 40})->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
