#include "encoder/pooling.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace topica::encoder {

std::size_t pooled_width(const PoolingConfig& pooling, std::size_t hidden) {
  return hidden * (std::size_t{pooling.cls} + pooling.max + pooling.mean + pooling.mean_sqrt_len);
}

void pool_tokens(const PoolingConfig& pooling, const float* rows, std::size_t n, std::size_t hidden, float* out) {
  if (pooling.cls) {
    std::copy(rows, rows + hidden, out);
    out += hidden;
  }
  if (pooling.max) {
    std::copy(rows, rows + hidden, out);
    for (std::size_t i = 1; i < n; ++i) {
      for (std::size_t j = 0; j < hidden; ++j) out[j] = std::max(out[j], rows[i * hidden + j]);
    }
    out += hidden;
  }
  if (pooling.mean || pooling.mean_sqrt_len) {
    std::vector<float> sum(rows, rows + hidden);
    for (std::size_t i = 1; i < n; ++i) {
      for (std::size_t j = 0; j < hidden; ++j) sum[j] += rows[i * hidden + j];
    }
    const float count = static_cast<float>(n);
    if (pooling.mean) {
      for (std::size_t j = 0; j < hidden; ++j) out[j] = sum[j] / count;
      out += hidden;
    }
    if (pooling.mean_sqrt_len) {
      const float root = std::sqrt(count);
      for (std::size_t j = 0; j < hidden; ++j) out[j] = sum[j] / root;
    }
  }
}

}  // namespace topica::encoder
