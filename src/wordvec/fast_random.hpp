// The random numbers of the training loops: drawn several times per token (window size, negatives,
// subsampling), so they must inline; topica::Random seeds one generator per thread.
#pragma once

#include <cstdint>

namespace topica::wordvec {

/// xorshift64* (Vigna): one multiply per draw, good enough for sampling.
class FastRandom {
 public:
  explicit FastRandom(std::uint64_t seed) : state_(seed == 0 ? 0x9E3779B97F4A7C15ull : seed) {}
  std::uint64_t next() {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 0x2545F4914F6CDD1Dull;
  }
  /// Uniform in [0, n) for n < 2^32 (Lemire's multiply-shift; its bias is below 2^-32 * n).
  std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32); }

 private:
  std::uint64_t state_;
};

}  // namespace topica::wordvec
