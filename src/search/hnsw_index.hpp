// The HNSW graph of an embeddings file, saved beside it. Internal to libtopica.
//
// Files: E.npy.hnsw is hnswlib's own format (inner product over unit rows, so 1 - distance is
// the cosine); E.npy.hnsw.json says which embeddings and parameters it was built from:
// the embeddings' size, modification time and a SHA-256 of sampled blocks, and the index
// file's size and sampled SHA-256. A mismatch in any of them means stale or damaged: rebuild.
// Each file goes through a temporary file and a rename; the JSON is written last, so a crash
// between the two leaves a JSON that no longer matches and the index is rebuilt.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "topica/search.hpp"

namespace topica::search {

class HnswIndex {
 public:
  /// Loads the saved index of `npy_path` when it matches the file and `params`, else builds it
  /// (single-threaded, rows in file order, hnswlib's level seed fixed: the same file gives the
  /// same graph) and saves it. When the folder cannot be written the index is used unsaved and
  /// report->warning says why. `progress` (may be empty) is told before a build.
  static HnswIndex open(const std::string& npy_path, const HnswParams& params,
                        const std::function<void(std::string_view)>& progress, SearchReport* report);

  HnswIndex(HnswIndex&&) noexcept;
  HnswIndex& operator=(HnswIndex&&) noexcept;
  ~HnswIndex();

  /// The `top` best rows for each unit query row (ef_search candidates, at least top).
  std::vector<std::vector<SearchHit>> search(const Matrix<float>& unit_queries, std::size_t top) const;
  std::size_t rows() const;
  std::size_t dims() const;

  struct State;  ///< internal: the hnswlib graph and its space

 private:
  explicit HnswIndex(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

/// SHA-256 (hex) of the size and sixteen evenly spaced 64 KiB blocks plus the last one: enough to
/// tell a rewritten file from the one an index was built from without reading all of it.
std::string sampled_file_hash(const std::string& path);

}  // namespace topica::search
