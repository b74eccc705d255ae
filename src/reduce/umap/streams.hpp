// The random streams UMAP draws from (topica/random.hpp): one per purpose, and for the layout one
// per epoch, from which each head derives its own counter-based stream (layout_kernel.hpp), so no
// draw depends on which thread made it or on how many threads there are.
#pragma once

#include <cstdint>

namespace topica::umap {

enum class Stream : std::uint64_t {
  kInitLayout = 1,     // random layouts of small components, the random fallback, the init noise
  kFitLayout = 2,       // fit: negative samples
  kTransformLayout = 3  // transform: negative samples
};

inline std::uint64_t stream_id(Stream stream, std::uint64_t epoch = 0, std::uint64_t block = 0) {
  return (static_cast<std::uint64_t>(stream) << 56) ^ (epoch << 32) ^ block;
}

}  // namespace topica::umap
