// The GEMM peak of this machine on the encoder's shapes: the measurement behind the matrix
// library choice (src/encoder/linear.hpp). M = 32 texts x 128 tokens; (K, N) are MiniLM-L6's
// and bert-base's feed-forward products, both ways round. Each library runs the way the encoder
// would run it:
//   "whole"    one call over all M rows, the library's own threads (OpenBLAS only: its threads
//              change the bits, so the encoder cannot use this; it is the ceiling);
//   "blocks"   fixed row blocks on topica's threads, the library single-threaded in each block
//              (what keeps the encoder's bits independent of --threads).
// oneDNN runs with weights packed once into the layout its kernel wants, as a model load does.
//
// Prints one line per (shape, library, threads): GFLOP/s = 2 M N K / best time of several runs.
// Environment: TOPICA_MATMUL_BENCH_REPEATS (default 5), TOPICA_MATMUL_BENCH_ROWS (default 4096).
#include <cblas.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <oneapi/dnnl/dnnl.hpp>
#include <string>
#include <vector>

#include "encoder/linear.hpp"
#include "topica/parallel.hpp"
#include "topica/random.hpp"

namespace {

using dnnl::memory;
using Tag = memory::format_tag;
using Type = memory::data_type;

std::size_t env_or(const char* name, std::size_t fallback) {
  const char* v = std::getenv(name);
  return v != nullptr ? static_cast<std::size_t>(std::stoul(v)) : fallback;
}

const std::size_t kRepeats = env_or("TOPICA_MATMUL_BENCH_REPEATS", 5);
constexpr std::size_t kBlock = 64;  // rows per block, as the encoder

/// Best wall time of `run` in seconds, after one warm-up call.
double best_seconds(const std::function<void()>& run) {
  run();
  double best = 1e30;
  for (std::size_t r = 0; r < kRepeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    run();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

std::vector<float> random_values(std::size_t n, std::uint64_t seed) {
  topica::Random random(seed);
  std::vector<float> v(n);
  for (float& x : v) x = static_cast<float>(random.normal()) * 0.5f;
  return v;
}

/// A oneDNN matmul (kBlock x K) x (K x N) in `type` with f32 output, weights packed once.
struct DnnlBlock {
  dnnl::engine engine{dnnl::engine::kind::cpu, 0};
  dnnl::matmul product;
  memory weights;
  std::string impl;
  std::size_t scratchpad_bytes = 0;

  DnnlBlock(std::size_t k, std::size_t n, Type src_type, Type wei_type, const std::vector<float>& w) {
    const memory::dim K = static_cast<memory::dim>(k), N = static_cast<memory::dim>(n), M = kBlock;
    const memory::desc src({M, K}, src_type, Tag::ab), dst({M, N}, Type::f32, Tag::ab);
    const memory::desc wei_any({K, N}, wei_type, Tag::any);
    dnnl::primitive_attr attr;
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);  // the global one is shared between threads
    if (wei_type == Type::s8) attr.set_output_scales(0, {1.0f / 64});
    const dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(src, wei_any, dst), attr, engine);
    impl = pd.impl_info_str();
    scratchpad_bytes = pd.scratchpad_desc().get_size();
    product = dnnl::matmul(pd);
    // W arrives (N x K) row-major = (K x N) with tag "ba"; let oneDNN convert and pack it.
    dnnl::stream stream(engine);
    memory plain_f32({{K, N}, Type::f32, Tag::ba}, engine, const_cast<float*>(w.data()));
    memory plain({{K, N}, wei_type, Tag::ba}, engine);
    dnnl::primitive_attr scale;
    if (wei_type == Type::s8) scale.set_output_scales(0, {64.0f});
    dnnl::reorder(dnnl::reorder::primitive_desc(engine, plain_f32.get_desc(), engine, plain.get_desc(), scale))
        .execute(stream, plain_f32, plain);
    weights = memory(pd.weights_desc(), engine);
    dnnl::reorder(plain, weights).execute(stream, plain, weights);
    stream.wait();
  }
};

void print(const char* shape, const char* library, std::size_t threads, double flops, double seconds,
           const std::string& note = {}) {
  std::printf("%-22s %-34s %zu  %8.1f GFLOP/s  %s\n", shape, library, threads, flops / seconds * 1e-9, note.c_str());
}

void bench_shape(std::size_t m, std::size_t k, std::size_t n) {
  char shape[64];
  std::snprintf(shape, sizeof shape, "M%zu K%zu N%zu", m, k, n);
  const double flops = 2.0 * double(m) * double(n) * double(k);
  const std::vector<float> a = random_values(m * k, 1), w = random_values(n * k, 2);
  std::vector<float> c(m * n);

  for (std::size_t threads : {1, 2}) {
    openblas_set_num_threads(static_cast<int>(threads));
    print(shape, "OpenBLAS sgemm whole", threads, flops, best_seconds([&] {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(m), int(n), int(k), 1.0f, a.data(), int(k),
                        w.data(), int(k), 0.0f, c.data(), int(n));
          }));
  }
  openblas_set_num_threads(1);
  for (std::size_t threads : {1, 2}) {
    print(shape, "OpenBLAS sgemm blocks", threads, flops, best_seconds([&] {
            topica::parallel_blocks(m, kBlock, threads, [&](std::size_t begin, std::size_t end) {
              cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(end - begin), int(n), int(k), 1.0f,
                          a.data() + begin * k, int(k), w.data(), int(k), 0.0f, c.data() + begin * n, int(n));
            });
          }));
  }

  struct Variant {
    const char* name;
    Type src, wei;
  };
  for (const Variant& v : {Variant{"oneDNN f32 blocks", Type::f32, Type::f32},
                           Variant{"oneDNN bf16 blocks", Type::bf16, Type::bf16},
                           Variant{"oneDNN u8s8s32 blocks", Type::u8, Type::s8},
                           Variant{"oneDNN s8s8s32 blocks", Type::s8, Type::s8}}) {
    DnnlBlock block(k, n, v.src, v.wei, w);
    // Inputs already in the source type: the conversion is the Linear layer's business below.
    memory::desc src_desc({memory::dim(kBlock), memory::dim(k)}, v.src, Tag::ab);
    const std::size_t element = v.src == Type::f32 ? 4 : v.src == Type::bf16 ? 2 : 1;
    std::vector<std::uint8_t> src_bytes(m * k * element, 1);
    for (std::size_t threads : {1, 2}) {
      print(shape, v.name, threads, flops, best_seconds([&] {
              topica::parallel_blocks(m, kBlock, threads, [&](std::size_t begin, std::size_t) {
                omp_set_num_threads(1);
                thread_local std::vector<std::uint8_t> scratchpad;
                scratchpad.resize(std::max<std::size_t>(scratchpad.size(), block.scratchpad_bytes));
                memory scratch({{memory::dim(block.scratchpad_bytes)}, Type::u8, Tag::a}, block.engine,
                               scratchpad.data());
                dnnl::stream stream(block.engine);
                memory src(src_desc, block.engine, src_bytes.data() + begin * k * element);
                memory dst({{memory::dim(kBlock), memory::dim(n)}, Type::f32, Tag::ab}, block.engine,
                           c.data() + begin * n);
                block.product.execute(stream, {{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, block.weights},
                                               {DNNL_ARG_DST, dst}, {DNNL_ARG_SCRATCHPAD, scratch}});
                stream.wait();
              });
            }),
            threads == 1 ? block.impl : std::string());
    }
  }

  // topica's own Linear layer in each precision: conversion / quantisation of the input,
  // bias and dequantisation included, so this is the figure the encoder gets.
  using topica::encoder::Linear;
  using topica::Precision;
  const std::vector<float> bias = random_values(n, 3);
  topica::Matrix<float> x(m, k), y;
  x.values = a;
  for (Precision p : {Precision::Fp32, Precision::Bf16, Precision::Int8}) {
    const Linear layer(topica::encoder::DenseWeights{w, bias, n, k}, p);
    for (std::size_t threads : {1, 2}) {
      const std::string name = std::string("topica Linear ") + topica::precision_name(p);
      print(shape, name.c_str(), threads, flops, best_seconds([&] { layer.forward(x, y, threads); }),
            threads == 1 ? layer.kernel() : std::string());
    }
  }
}

}  // namespace

int main() {
  const std::size_t m = env_or("TOPICA_MATMUL_BENCH_ROWS", 32 * 128);
  std::printf("GEMM peak, best of %zu runs; M = %zu rows (32 x 128 tokens), blocks of %zu rows\n", kRepeats, m, kBlock);
  for (auto [k, n] : {std::pair<std::size_t, std::size_t>{384, 1536}, {1536, 384}, {768, 3072}, {3072, 768}}) {
    bench_shape(m, k, n);
  }
  return 0;
}
