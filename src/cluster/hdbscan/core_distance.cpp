#include "cluster/hdbscan/core_distance.hpp"

#include <cmath>

#include "topica/parallel.hpp"

namespace topica::hdbscan {

CoreDistances compute_core_distances(const KdTree& tree, std::size_t min_samples, std::size_t threads) {
  const std::size_t n = tree.size();
  CoreDistances out;
  out.k = min_samples + 1;
  out.neighbors.resize(n * out.k);
  out.fit.resize(n);
  out.prediction.resize(n);
  constexpr std::size_t kBlock = 1024;
  parallel_blocks(n, kBlock, threads, [&](std::size_t begin, std::size_t end) {
    std::vector<KdNeighbor> found(out.k);
    for (std::size_t p = begin; p < end; ++p) {
      // Queries go in tree order (cache friendly); results are stored by original row.
      const auto row = static_cast<std::size_t>(tree.index()[p]);
      tree.knn_of_position(p, out.k, found.data());
      std::int64_t* dst = out.neighbors.data() + row * out.k;
      for (std::size_t j = 0; j < out.k; ++j) dst[j] = found[j].index;
      // sklearn returns sqrt(rdist); hdbscan squares it back later, and both roundings matter
      // for exact ties, so the distance is kept as sklearn reports it.
      out.fit[row] = std::sqrt(found[out.k - 1].rdist);
      out.prediction[row] = std::sqrt(found[out.k - 2].rdist);
    }
  });
  return out;
}

}  // namespace topica::hdbscan
