// .npy write and read throughput for embedding-sized float32 matrices. Writes include the fsync
// and rename of AtomicFile. bench/npy.sh runs the 131072 x 384 (201 MB) case beside numpy's
// np.save / np.load. TOPICA_NPY_BENCH_FILE names the file used (default: one in the temp dir,
// removed afterwards), so that script can hand the very same file to numpy.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

#include "topica/npy.hpp"

namespace {

std::string bench_file(const char* suffix) {
  if (const char* env = std::getenv("TOPICA_NPY_BENCH_FILE")) return std::string(env) + suffix;
  return (std::filesystem::temp_directory_path() / ("topica-npy-bench-" + std::to_string(::getpid()) + suffix + ".npy"))
      .string();
}

/// A deterministic matrix of ordinary values (no zeros a file system could skip).
topica::Matrix<float> make_matrix(std::size_t rows, std::size_t cols) {
  topica::Matrix<float> m(rows, cols);
  std::uint32_t state = 12345;
  for (float& v : m.values) {
    state = state * 1664525u + 1013904223u;
    v = static_cast<float>(state >> 8) / 16777216.0f - 0.5f;
  }
  return m;
}

void set_counters(benchmark::State& state, const topica::Matrix<float>& m) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * m.values.size() * sizeof(float)));
}

void BM_NpyWrite(benchmark::State& state) {
  const auto m = make_matrix(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)));
  const std::string path = bench_file("");
  for (auto _ : state) topica::write_npy(path, m);
  set_counters(state, m);
  if (!std::getenv("TOPICA_NPY_BENCH_FILE")) std::filesystem::remove(path);
}

void BM_NpyRead(benchmark::State& state) {
  const auto m = make_matrix(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)));
  const std::string path = bench_file("");
  topica::write_npy(path, m);
  for (auto _ : state) benchmark::DoNotOptimize(topica::read_npy_matrix(path).values.data());
  set_counters(state, m);
  if (!std::getenv("TOPICA_NPY_BENCH_FILE")) std::filesystem::remove(path);
}

/// Fortran order costs a strided transpose while reading; this says how much.
void BM_NpyReadFortran(benchmark::State& state) {
  const auto m = make_matrix(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)));
  const std::string path = bench_file(".fortran");
  {
    std::string header = "{'descr': '<f4', 'fortran_order': True, 'shape': (" + std::to_string(m.rows) + ", " +
                         std::to_string(m.cols) + "), }";
    while ((10 + header.size() + 1) % 64 != 0) header += ' ';
    header += '\n';
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) {
      state.SkipWithError("cannot write the Fortran-order input");
      return;
    }
    const char pre[10] = {'\x93', 'N', 'U', 'M', 'P', 'Y', 1, 0, static_cast<char>(header.size()), 0};
    std::fwrite(pre, 1, sizeof pre, f);
    std::fwrite(header.data(), 1, header.size(), f);
    std::fwrite(m.values.data(), sizeof(float), m.values.size(), f);  // any values do; only the layout matters
    std::fclose(f);
  }
  for (auto _ : state) benchmark::DoNotOptimize(topica::read_npy_matrix(path).values.data());
  set_counters(state, m);
  std::filesystem::remove(path);
}

BENCHMARK(BM_NpyWrite)->Args({16384, 384})->Args({131072, 384})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_NpyRead)->Args({16384, 384})->Args({131072, 384})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_NpyReadFortran)->Args({16384, 384})->Args({131072, 384})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
