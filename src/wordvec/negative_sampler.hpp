// Negative samples drawn from the unigram distribution raised to 0.75 (Mikolov et al. 2013), by
// Walker's alias method: O(1) per draw from two vocabulary-sized arrays that stay in cache,
// where word2vec.c's 1e8-entry table does not.
#pragma once

#include <cstdint>
#include <vector>

#include "wordvec/fast_random.hpp"

namespace topica::wordvec {

class NegativeSampler {
 public:
  NegativeSampler() = default;
  /// `counts` > 0 for at least one word; power 0.75 as word2vec.
  explicit NegativeSampler(const std::vector<std::uint64_t>& counts, double power = 0.75);

  std::uint32_t draw(FastRandom& random) const {
    const std::uint64_t r = random.next();
    const auto i = static_cast<std::uint32_t>(((r >> 32) * size_) >> 32);
    return static_cast<std::uint32_t>(r) < threshold_[i] ? i : alias_[i];
  }
  std::uint32_t size() const { return size_; }
  /// The probability of drawing word i (for tests).
  double probability(std::uint32_t word) const;

 private:
  std::uint32_t size_ = 0;
  std::vector<std::uint32_t> threshold_;  // keep i when the low 32 bits fall under this
  std::vector<std::uint32_t> alias_;
};

}  // namespace topica::wordvec
