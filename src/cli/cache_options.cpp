#include "cli/cache_options.hpp"

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica::cli {

void add_cache_options(CLI::App& verb, CacheArgs& args) {
  auto* file = verb.add_option("--cache", args.file,
                               "Embedding cache (SQLite; default $XDG_CACHE_HOME/topica/embeddings.sqlite): texts "
                               "embedded before by the same model and options are read, not re-embedded")
                   ->type_name("FILE");
  verb.add_flag("--no-cache", args.off, "Embed every text; read and write no cache")->excludes(file);
}

std::optional<EmbeddingCache> open_cache(const CacheArgs& args) {
  if (args.off) return std::nullopt;
  if (!args.file.empty()) return EmbeddingCache(args.file);
  // The default cache is an optimisation the user did not ask for by name: when it cannot be
  // opened (no home folder, a read-only one), embed without it rather than fail.
  try {
    return EmbeddingCache(EmbeddingCache::default_path());
  } catch (const Error& e) {
    fmt::print(stderr, "topica: warning: embedding without a cache ({})\n", e.what());
    return std::nullopt;
  }
}

std::string cache_summary(const CacheCounts& counts, const std::optional<EmbeddingCache>& cache) {
  if (!cache) return "cache: off";
  return fmt::format("cache: {} hit, {} embedded ({})", counts.hits, counts.misses, cache->path().string());
}

}  // namespace topica::cli
