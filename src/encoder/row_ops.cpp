#include "encoder/row_ops.hpp"

#include <cmath>

#include "encoder/fast_math.hpp"
#include "encoder/simd_clones.hpp"

namespace topica::encoder {

// Row kernels run once per token per layer: wide SIMD where the CPU has it. Their sums are SIMD
// reductions (omp simd): a fixed order for a given build, whatever the threads.
TOPICA_CLONES void layer_norm_row(float* row, std::size_t n, const LayerNormWeights& norm, double eps) {
  double mean = 0;
#pragma omp simd reduction(+ : mean)
  for (std::size_t j = 0; j < n; ++j) mean += row[j];
  mean /= static_cast<double>(n);
  double variance = 0;
#pragma omp simd reduction(+ : variance)
  for (std::size_t j = 0; j < n; ++j) variance += (row[j] - mean) * (row[j] - mean);
  variance /= static_cast<double>(n);
  const double inv = 1.0 / std::sqrt(variance + eps);
  for (std::size_t j = 0; j < n; ++j) {
    row[j] = static_cast<float>((row[j] - mean) * inv) * norm.weight[j] + norm.bias[j];
  }
}

void activate(float* x, std::size_t n, EncoderConfig::Activation act) {
  switch (act) {
    case EncoderConfig::Activation::Gelu:
      gelu_erf_in_place(x, n);
      return;
    case EncoderConfig::Activation::GeluTanh:
      for (std::size_t i = 0; i < n; ++i) {
        const float inner = 0.79788456080286535588f * (x[i] + 0.044715f * x[i] * x[i] * x[i]);
        x[i] = 0.5f * x[i] * (1.0f + std::tanh(inner));
      }
      return;
    case EncoderConfig::Activation::Relu:
      for (std::size_t i = 0; i < n; ++i) x[i] = x[i] > 0.0f ? x[i] : 0.0f;
      return;
  }
}

}  // namespace topica::encoder
