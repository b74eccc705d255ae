// Semantic search over an embeddings file (E.npy, one row per document): the rows most
// cosine-similar to each query. Exact by a streamed scan (blocked GEMM, one block of rows in
// memory at a time) or, for large files, through an HNSW graph (hnswlib) saved beside the
// embeddings as E.npy.hnsw with its fingerprint in E.npy.hnsw.json, rebuilt when the embeddings
// change.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "topica/matrix.hpp"

namespace topica {

struct SearchHit {
  std::size_t row = 0;  ///< row of the embeddings file
  float score = 0;      ///< cosine similarity; 0 against a zero row
};

enum class SearchIndex { Auto, Exact, Hnsw };

/// hnswlib's construction and query parameters (its ALGO_PARAMS.md explains the trade-offs).
struct HnswParams {
  std::size_t m = 16;                  ///< hnswlib's default: links per node
  std::size_t ef_construction = 200;   ///< hnswlib's default: candidates kept while linking
  std::size_t ef_search = 128;         ///< candidates kept while searching (at least top)
  std::uint64_t seed = 100;            ///< hnswlib's default level seed: the build is deterministic
};

struct SearchOptions {
  std::size_t top = 10;
  SearchIndex index = SearchIndex::Auto;
  /// Auto uses HNSW from this many rows. Measured on the Debian corpus (58,459 x 384 LSA rows,
  /// 500 held-out queries, bench/search.sh, a loaded 2-core machine): the exact scan took 2.9 s,
  /// loading the saved graph and searching it (ef_search 128, recall@10 0.993) 3.1 s, and the
  /// single-threaded build 406 s. The scan grows as rows x queries while a graph search grows
  /// as log(rows), so the graph pays from about twice that size for batches of queries;
  /// below it the exact answer costs no more.
  std::size_t hnsw_from = 100'000;
  HnswParams hnsw;
  /// Told before a long step (building the index), for a front end's progress line.
  std::function<void(std::string_view)> progress;
};

/// What a search did, for the verb's stat line and the tests.
struct SearchReport {
  bool used_hnsw = false;
  bool built_index = false;  ///< the index was missing or stale and was (re)built
  std::string warning;       ///< why a built index could not be saved, or empty
  std::size_t rows = 0, dims = 0;
};

/// The top hits of every row of `queries` (any scale; they are normalised here), best first,
/// ties by lower row. Throws InputError naming the file for an unreadable or non-2-d array,
/// NaN/Inf in it, or a width other than the queries'.
std::vector<std::vector<SearchHit>> search_embeddings(const std::string& npy_path, const Matrix<float>& queries,
                                                      const SearchOptions& options, SearchReport* report = nullptr);

/// The exact path alone: a scan over the file in blocks of rows.
std::vector<std::vector<SearchHit>> exact_search(const std::string& npy_path, const Matrix<float>& queries,
                                                 std::size_t top);

/// The path of the saved index beside the embeddings ("E.npy.hnsw"; its fingerprint is the
/// same path with ".json" added).
std::string hnsw_index_path(const std::string& npy_path);

}  // namespace topica
