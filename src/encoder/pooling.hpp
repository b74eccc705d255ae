// sentence-transformers' Pooling over one text's token rows. Internal to libtopica.
#pragma once

#include <cstddef>

#include "topica/encoder.hpp"

namespace topica::encoder {

/// Width of a pooled row: hidden_size per chosen mode.
std::size_t pooled_width(const PoolingConfig& pooling, std::size_t hidden);

/// Pools `n` rows of `hidden` floats into `out` (pooled_width floats), modes in
/// sentence-transformers' order: cls, max, mean, mean_sqrt_len. Every row is a real token (the
/// batch is packed), so the mask of Pooling.forward is all ones here.
void pool_tokens(const PoolingConfig& pooling, const float* rows, std::size_t n, std::size_t hidden, float* out);

}  // namespace topica::encoder
