#include "search/embedding_rows.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topica/npy.hpp"

namespace topica::search {

EmbeddingRows::EmbeddingRows(const std::string& path) : path_(path) {
  const NpyInfo info = read_npy_info(path);
  if (info.shape.size() != 2) {
    throw InputError(fmt::format("{}: expected a 2-d array of embeddings (one row per document), got {} dimensions",
                                 path, info.shape.size()));
  }
  rows_ = info.shape[0];
  cols_ = info.shape[1];
  if (rows_ == 0 || cols_ == 0) throw InputError(fmt::format("{}: the embeddings array is empty ({} x {})", path, rows_, cols_));
  if (info.dtype != "<f4" || info.fortran_order) {
    whole_ = read_npy_matrix(path);
    return;
  }
  std::error_code ec;
  const std::uint64_t size = std::filesystem::file_size(path, ec);
  const std::uint64_t expected = info.data_offset + std::uint64_t(rows_) * cols_ * sizeof(float);
  if (ec || size != expected) {
    throw InputError(fmt::format("{}: {} bytes but a {} x {} float32 array needs {}", path, size, rows_, cols_, expected));
  }
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr || std::fseek(file_, static_cast<long>(info.data_offset), SEEK_SET) != 0) {
    throw Error(fmt::format("{}: cannot open", path));
  }
}

EmbeddingRows::~EmbeddingRows() {
  if (file_ != nullptr) std::fclose(file_);
}

std::size_t EmbeddingRows::next(Matrix<float>& block, std::size_t max_rows) {
  const std::size_t count = std::min(max_rows, rows_ - next_row_);
  block.rows = count;
  block.cols = cols_;
  block.values.resize(count * cols_);
  if (count == 0) return 0;
  if (file_ != nullptr) {
    if (std::fread(block.values.data(), sizeof(float), block.values.size(), file_) != block.values.size()) {
      throw InputError(fmt::format("{}: truncated at row {}", path_, next_row_));
    }
  } else {
    std::copy_n(whole_.row(next_row_), count * cols_, block.values.begin());
  }
  for (std::size_t i = 0; i < block.values.size(); ++i) {
    if (!std::isfinite(block.values[i])) {
      throw InputError(fmt::format("{}: row {} holds NaN or Inf", path_, next_row_ + i / cols_));
    }
  }
  next_row_ += count;
  return count;
}

void normalize_row(float* row, std::size_t n) {
  double sum = 0;
  for (std::size_t j = 0; j < n; ++j) sum += double(row[j]) * row[j];
  if (sum == 0) return;
  const float scale = static_cast<float>(1.0 / std::sqrt(sum));
  for (std::size_t j = 0; j < n; ++j) row[j] *= scale;
}

}  // namespace topica::search
