// A dense row-major matrix that owns its values: the value type passed between pipeline stages.
#pragma once

#include <cstddef>
#include <vector>

namespace topica {

template <typename T>
struct Matrix {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<T> values;  // rows * cols, row-major

  Matrix() = default;
  Matrix(std::size_t r, std::size_t c) : rows(r), cols(c), values(r * c) {}

  T* row(std::size_t i) { return values.data() + i * cols; }
  const T* row(std::size_t i) const { return values.data() + i * cols; }
  T& operator()(std::size_t i, std::size_t j) { return values[i * cols + j]; }
  const T& operator()(std::size_t i, std::size_t j) const { return values[i * cols + j]; }
};

}  // namespace topica
