// read_npy_matrix_f64: .npy arrays read as float64 rows, for callers that need the values
// exactly as numpy holds them (hdbscan parity tests compare against float64 references, and a
// float32 round trip would move points and change ties). The header is parsed by
// read_npy_info (npy.cpp); this file only reads the data.
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topica/npy.hpp"

namespace topica {
namespace {

// Converts `count` little-endian values of `width` bytes (4: float32, 8: float64) to double.
void widen(const char* bytes, std::size_t count, std::size_t width, double* out) {
  for (std::size_t i = 0; i < count; ++i) {
    if (width == 8) {
      std::memcpy(out + i, bytes + i * 8, 8);
    } else {
      float f;
      std::memcpy(&f, bytes + i * 4, 4);
      out[i] = f;
    }
  }
}

}  // namespace

Matrix<double> read_npy_matrix_f64(const std::string& path) {
  const NpyInfo info = read_npy_info(path);
  std::size_t width = 0;
  if (info.dtype == "<f8") width = 8;
  if (info.dtype == "<f4") width = 4;
  if (width == 0) {
    throw InputError(fmt::format("{}: dtype {} is not a float array (expected <f4 or <f8)", path, info.dtype));
  }
  if (info.shape.empty() || info.shape.size() > 2) {
    throw InputError(fmt::format("{}: expected a 1-d or 2-d array, got {} dimensions", path, info.shape.size()));
  }
  const auto rows = static_cast<std::size_t>(info.shape[0]);
  const auto cols = info.shape.size() == 2 ? static_cast<std::size_t>(info.shape[1]) : std::size_t{1};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot open for reading", path));
  in.seekg(static_cast<std::streamoff>(info.data_offset));
  Matrix<double> m(rows, cols);
  std::vector<char> buffer(rows * cols * width);
  in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  if (static_cast<std::size_t>(in.gcount()) != buffer.size()) {
    throw InputError(fmt::format("{}: truncated: expected {} bytes of data", path, buffer.size()));
  }
  if (!info.fortran_order || cols == 1) {
    widen(buffer.data(), rows * cols, width, m.values.data());
    return m;
  }
  std::vector<double> column(rows);
  for (std::size_t j = 0; j < cols; ++j) {
    widen(buffer.data() + j * rows * width, rows, width, column.data());
    for (std::size_t i = 0; i < rows; ++i) m(i, j) = column[i];
  }
  return m;
}

}  // namespace topica
