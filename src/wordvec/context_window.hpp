// The context of a position, as word2vec.c forms it: the words within a window whose size is drawn
// uniformly from 1..window at each position (near words weigh more, on average).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "wordvec/fast_random.hpp"
#include "wordvec/sgd_kernels.hpp"

namespace topica::wordvec {

TOPICA_WORDVEC_INLINE void gather_context(const std::uint32_t* words, std::size_t count, std::size_t i, std::size_t window,
                                          FastRandom& random, std::vector<std::uint32_t>& context) {
  const std::size_t reach = window - random.below(static_cast<std::uint32_t>(window));
  const std::size_t from = i >= reach ? i - reach : 0, to = std::min(count, i + reach + 1);
  context.clear();
  for (std::size_t j = from; j < to; ++j) {
    if (j != i) context.push_back(words[j]);
  }
}

}  // namespace topica::wordvec
