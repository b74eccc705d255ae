#include "topica/combine_vectors.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "topica/error.hpp"

namespace topica {

const char* combine_method_name(CombineMethod method) {
  switch (method) {
    case CombineMethod::Mean: return "mean";
    case CombineMethod::Weighted: return "weighted";
    case CombineMethod::Max: return "max";
    case CombineMethod::Min: return "min";
  }
  return "?";
}

std::optional<CombineMethod> parse_combine_method(std::string_view name) {
  for (CombineMethod m : {CombineMethod::Mean, CombineMethod::Weighted, CombineMethod::Max, CombineMethod::Min}) {
    if (name == combine_method_name(m)) return m;
  }
  return std::nullopt;
}

namespace {

std::vector<float> weighted_average(std::span<const float> rows, std::size_t width, std::span<const double> weights) {
  const std::size_t n = rows.size() / width;
  std::vector<double> sum(width, 0.0);
  double total = 0;
  for (std::size_t r = 0; r < n; ++r) {
    const double w = weights.empty() ? 1.0 : weights[r];
    total += w;
    for (std::size_t d = 0; d < width; ++d) sum[d] += w * rows[r * width + d];
  }
  std::vector<float> out(width);
  for (std::size_t d = 0; d < width; ++d) out[d] = static_cast<float>(sum[d] / total);
  return out;
}

template <typename Pick>
std::vector<float> elementwise(std::span<const float> rows, std::size_t width, Pick pick) {
  std::vector<float> out(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(width));
  for (std::size_t i = width; i < rows.size(); ++i) out[i % width] = pick(out[i % width], rows[i]);
  return out;
}

}  // namespace

std::vector<float> combine_vectors(std::span<const float> rows, std::size_t width, std::span<const double> weights,
                                   CombineMethod method) {
  if (width == 0 || rows.empty() || rows.size() % width != 0) {
    throw Error(fmt::format("combine_vectors: {} values are not whole rows of {}", rows.size(), width));
  }
  const std::size_t n = rows.size() / width;
  switch (method) {
    case CombineMethod::Mean: return weighted_average(rows, width, {});
    case CombineMethod::Weighted:
      if (weights.size() != n) throw Error(fmt::format("combine_vectors: {} weights for {} rows", weights.size(), n));
      for (double w : weights) {
        if (!(w > 0)) throw Error(fmt::format("combine_vectors: weight {} is not positive", w));
      }
      return weighted_average(rows, width, weights);
    case CombineMethod::Max: return elementwise(rows, width, [](float a, float b) { return std::max(a, b); });
    case CombineMethod::Min: return elementwise(rows, width, [](float a, float b) { return std::min(a, b); });
  }
  return {};
}

}  // namespace topica
