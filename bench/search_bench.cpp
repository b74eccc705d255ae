// topica search's two paths on one embeddings file: the exact scan and the HNSW graph (build,
// reload, query), with recall@k of HNSW against the exact answer for several ef_search values.
//
// Usage: search_bench BASE.npy QUERIES.npy [TOP=10]
// Writes BASE.npy.hnsw (and .json) beside BASE.npy; bench/search.sh makes the inputs.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "topica/error.hpp"
#include "topica/npy.hpp"
#include "topica/search.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double recall(const std::vector<std::vector<topica::SearchHit>>& approximate,
              const std::vector<std::vector<topica::SearchHit>>& exact) {
  std::size_t found = 0, total = 0;
  for (std::size_t i = 0; i < exact.size(); ++i) {
    for (const auto& x : exact[i]) {
      ++total;
      for (const auto& h : approximate[i]) found += h.row == x.row;
    }
  }
  return total == 0 ? 0.0 : double(found) / double(total);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: search_bench BASE.npy QUERIES.npy [TOP]\n");
    return 2;
  }
  try {
    const std::string base = argv[1];
    const topica::Matrix<float> queries = topica::read_npy_matrix(argv[2]);
    topica::SearchOptions options;
    options.top = argc > 3 ? std::stoul(argv[3]) : 10;

    options.index = topica::SearchIndex::Exact;
    topica::SearchReport report;
    auto start = std::chrono::steady_clock::now();
    const auto exact = topica::search_embeddings(base, queries, options, &report);
    const double exact_s = seconds_since(start);
    std::printf("embeddings %zu x %zu, %zu queries, top %zu\n", report.rows, report.dims, queries.rows, options.top);
    std::printf("exact scan: %.3f s for all queries (%.2f ms/query)\n", exact_s, 1e3 * exact_s / queries.rows);

    std::filesystem::remove(topica::hnsw_index_path(base));
    options.index = topica::SearchIndex::Hnsw;
    start = std::chrono::steady_clock::now();
    topica::search_embeddings(base, queries, options, &report);
    std::printf("hnsw build (M=%zu, ef_construction=%zu, 1 thread) + save + first search: %.1f s\n", options.hnsw.m,
                options.hnsw.ef_construction, seconds_since(start));
    for (const std::size_t ef : {32, 64, 128, 256}) {
      options.hnsw.ef_search = ef;
      start = std::chrono::steady_clock::now();
      const auto approximate = topica::search_embeddings(base, queries, options, &report);
      std::printf("hnsw ef_search=%3zu: load + search %.3f s, recall@%zu = %.4f%s\n", ef, seconds_since(start),
                  options.top, recall(approximate, exact), report.built_index ? " (rebuilt!)" : "");
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "search_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
