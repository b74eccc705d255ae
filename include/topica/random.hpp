// Seeded random numbers with independent streams: stream s of seed x is the same sequence on
// every run and machine, whatever thread draws it, so parallel stages stay reproducible.
#pragma once

#include <cstdint>

namespace topica {

/// SplitMix64-seeded xoshiro256**: fast, 2^256 period, good statistical quality.
class Random {
 public:
  explicit Random(std::uint64_t seed, std::uint64_t stream = 0);
  std::uint64_t next();
  /// Uniform in [0, n) without modulo bias (n > 0).
  std::uint64_t below(std::uint64_t n);
  /// Uniform in [0, 1) with 24 random bits.
  float uniform_float();
  /// Uniform in [0, 1) with 53 random bits.
  double uniform();
  /// Standard normal (Box-Muller).
  double normal();

 private:
  std::uint64_t s_[4];
};

}  // namespace topica
