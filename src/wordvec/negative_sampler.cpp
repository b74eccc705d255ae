#include "wordvec/negative_sampler.hpp"

#include <cmath>

namespace topica::wordvec {

NegativeSampler::NegativeSampler(const std::vector<std::uint64_t>& counts, double power)
    : size_(static_cast<std::uint32_t>(counts.size())), threshold_(counts.size()), alias_(counts.size()) {
  std::vector<double> scaled(counts.size());
  double total = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) total += scaled[i] = std::pow(static_cast<double>(counts[i]), power);
  std::vector<std::uint32_t> small, large;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    scaled[i] *= static_cast<double>(counts.size()) / total;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
    alias_[i] = static_cast<std::uint32_t>(i);
  }
  // Vose: each small column is topped up from one large column.
  while (!small.empty() && !large.empty()) {
    const std::uint32_t s = small.back(), l = large.back();
    small.pop_back();
    threshold_[s] = static_cast<std::uint32_t>(std::min(scaled[s] * 4294967296.0, 4294967295.0));
    alias_[s] = l;
    scaled[l] -= 1.0 - scaled[s];
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  for (std::uint32_t i : large) threshold_[i] = UINT32_MAX;
  for (std::uint32_t i : small) threshold_[i] = UINT32_MAX;  // rounding leftovers: full columns
}

double NegativeSampler::probability(std::uint32_t word) const {
  double p = 0;
  for (std::uint32_t i = 0; i < size_; ++i) {
    const double keep = threshold_[i] == UINT32_MAX ? 1.0 : threshold_[i] / 4294967296.0;
    if (i == word) p += keep;
    if (alias_[i] == word && alias_[i] != i) p += 1.0 - keep;
  }
  return p / size_;
}

}  // namespace topica::wordvec
