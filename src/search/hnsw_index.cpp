#include "search/hnsw_index.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <hnswlib/hnswlib.h>
#include <nlohmann/json.hpp>

#include "core/sha256.hpp"
#include "search/embedding_rows.hpp"
#include "search/top_hits.hpp"
#include "topica/atomic_file.hpp"
#include "topica/error.hpp"

namespace topica::search {
namespace {
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr const char* kFormat = "topica-hnsw 1";
constexpr std::size_t kSamples = 16;
constexpr std::size_t kSampleBytes = 64 << 10;
constexpr std::size_t kBuildBlockRows = 4096;

std::int64_t mtime_ns(const std::string& path) {
  std::error_code ec;
  const auto t = fs::last_write_time(path, ec);
  if (ec) return -1;
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

std::uint64_t size_of(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  return ec ? 0 : size;
}

// What the index was built from and with; compared as a whole JSON value.
Json fingerprint(const std::string& npy_path, std::size_t rows, std::size_t dims, const HnswParams& p) {
  return Json{{"format", kFormat},
              {"embeddings",
               {{"size", size_of(npy_path)},
                {"mtime_ns", mtime_ns(npy_path)},
                {"sample_sha256", sampled_file_hash(npy_path)},
                {"rows", rows},
                {"dims", dims}}},
              {"m", p.m},
              {"ef_construction", p.ef_construction},
              {"seed", p.seed}};
}

Json index_file_json(const std::string& index_path) {
  return Json{{"size", size_of(index_path)}, {"sample_sha256", sampled_file_hash(index_path)}};
}

// A name beside `path` that no other process picks.
std::string temporary_beside(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  return fmt::format("{}.tmp-{}-{}", path, ::getpid(), counter++);
}

}  // namespace

struct HnswIndex::State {
  explicit State(std::size_t dims) : space(dims), dims(dims) {}
  hnswlib::InnerProductSpace space;
  std::unique_ptr<hnswlib::HierarchicalNSW<float>> graph;
  std::size_t rows = 0, dims = 0, ef_search = 0;
};

std::string sampled_file_hash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot open", path));
  const std::uint64_t size = size_of(path);
  Sha256 hash;
  hash.field(std::to_string(size));
  std::string buffer(kSampleBytes, '\0');
  auto sample = [&](std::uint64_t offset) {
    in.clear();
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(buffer.data(), static_cast<std::streamsize>(kSampleBytes));
    hash.field(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  };
  for (std::size_t s = 0; s < kSamples; ++s) sample(size / kSamples * s);
  sample(size > kSampleBytes ? size - kSampleBytes : 0);
  return hash.hex();
}

HnswIndex::HnswIndex(std::unique_ptr<State> state) : state_(std::move(state)) {}
HnswIndex::HnswIndex(HnswIndex&&) noexcept = default;
HnswIndex& HnswIndex::operator=(HnswIndex&&) noexcept = default;
HnswIndex::~HnswIndex() = default;

std::size_t HnswIndex::rows() const { return state_->rows; }
std::size_t HnswIndex::dims() const { return state_->dims; }

namespace {

// The saved index when its JSON matches `expected` and the index file matches the JSON.
std::unique_ptr<HnswIndex::State> load_matching(const std::string& index_path, const Json& expected,
                                                std::size_t rows, std::size_t dims) {
  std::error_code ec;
  if (!fs::is_regular_file(index_path, ec)) return nullptr;
  std::ifstream in(index_path + ".json");
  if (!in) return nullptr;
  const Json saved = Json::parse(in, nullptr, false);
  if (saved.is_discarded() || !saved.contains("build") || saved["build"] != expected || !saved.contains("index") ||
      saved["index"] != index_file_json(index_path)) {
    return nullptr;
  }
  auto state = std::make_unique<HnswIndex::State>(dims);
  try {
    state->graph = std::make_unique<hnswlib::HierarchicalNSW<float>>(&state->space, index_path);
  } catch (const std::exception&) {
    return nullptr;
  }
  if (state->graph->cur_element_count != rows) return nullptr;
  state->rows = rows;
  return state;
}

std::unique_ptr<HnswIndex::State> build(const std::string& npy_path, const HnswParams& p) {
  EmbeddingRows source(npy_path);
  auto state = std::make_unique<HnswIndex::State>(source.cols());
  state->rows = source.rows();
  state->graph = std::make_unique<hnswlib::HierarchicalNSW<float>>(&state->space, source.rows(), p.m,
                                                                    p.ef_construction, p.seed);
  Matrix<float> block;
  // One thread, rows in file order: hnswlib's graph then depends only on the data and the seed.
  while (true) {
    const std::size_t first = source.position();
    const std::size_t count = source.next(block, kBuildBlockRows);
    if (count == 0) break;
    for (std::size_t r = 0; r < count; ++r) {
      normalize_row(block.row(r), block.cols);
      state->graph->addPoint(block.row(r), first + r);
    }
  }
  return state;
}

// Saves the graph and then its JSON, each through a temporary file and a rename.
void save(const HnswIndex::State& state, const std::string& index_path, const Json& build_json) {
  const std::string temporary = temporary_beside(index_path);
  {
    std::ofstream probe(temporary, std::ios::binary);
    if (!probe) throw Error(fmt::format("{}: cannot write", temporary));
  }
  state.graph->saveIndex(temporary);
  std::error_code ec;
  if (size_of(temporary) == 0) {
    fs::remove(temporary, ec);
    throw Error(fmt::format("{}: writing the index failed", temporary));
  }
  fs::rename(temporary, index_path, ec);
  if (ec) {
    fs::remove(temporary, ec);
    throw Error(fmt::format("{}: cannot rename into place: {}", index_path, ec.message()));
  }
  const Json json{{"build", build_json}, {"index", index_file_json(index_path)}};
  write_file_atomically(index_path + ".json", json.dump(2) + "\n");
}

}  // namespace

HnswIndex HnswIndex::open(const std::string& npy_path, const HnswParams& params,
                          const std::function<void(std::string_view)>& progress, SearchReport* report) {
  std::size_t rows = 0, dims = 0;
  {
    const EmbeddingRows header(npy_path);
    rows = header.rows();
    dims = header.cols();
  }
  const std::string index_path = hnsw_index_path(npy_path);
  const Json expected = fingerprint(npy_path, rows, dims, params);
  auto state = load_matching(index_path, expected, rows, dims);
  report->built_index = state == nullptr;
  if (state == nullptr) {
    if (progress) progress(fmt::format("building the HNSW index of {} rows (one thread; saved for later runs)", rows));
    state = build(npy_path, params);
    try {
      save(*state, index_path, expected);
    } catch (const Error& e) {
      report->warning = fmt::format("the HNSW index is not saved ({})", e.what());
    }
  }
  state->ef_search = params.ef_search;
  return HnswIndex(std::move(state));
}

std::vector<std::vector<SearchHit>> HnswIndex::search(const Matrix<float>& unit_queries, std::size_t top) const {
  top = std::min(top, state_->rows);
  state_->graph->setEf(std::max(state_->ef_search, top));
  std::vector<std::vector<SearchHit>> out;
  for (std::size_t i = 0; i < unit_queries.rows; ++i) {
    auto found = state_->graph->searchKnn(unit_queries.row(i), top);
    std::vector<SearchHit> hits;
    for (; !found.empty(); found.pop()) {
      hits.push_back({static_cast<std::size_t>(found.top().second), 1.0f - found.top().first});
    }
    std::sort(hits.begin(), hits.end(), better);
    out.push_back(std::move(hits));
  }
  return out;
}

}  // namespace topica::search
