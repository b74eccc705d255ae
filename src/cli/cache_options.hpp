// --cache FILE / --no-cache, shared by the verbs that run a sentence encoder over a corpus
// (embed, fit --model): where the embedding cache lives, or that it is off.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "topica/embedding_cache.hpp"

namespace topica::cli {

struct CacheArgs {
  std::string file;  ///< empty: EmbeddingCache::default_path()
  bool off = false;
};

/// Adds --cache FILE and --no-cache (which exclude each other).
void add_cache_options(CLI::App& verb, CacheArgs& args);

/// The cache the options name, or none with --no-cache. --cache FILE that cannot be opened is an
/// error; the default location that cannot be opened is a warning and no cache.
std::optional<EmbeddingCache> open_cache(const CacheArgs& args);

/// "cache: 12 hit, 8 embedded (FILE)" or "cache: off", for a verb's stat line.
std::string cache_summary(const CacheCounts& counts, const std::optional<EmbeddingCache>& cache);

}  // namespace topica::cli
