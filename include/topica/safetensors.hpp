// The safetensors format (Hugging Face): an 8-byte little-endian header length, a JSON header
// naming each tensor's dtype, shape and byte range, then the raw little-endian data. Used for
// model weights (memory-mapped: a 500 MB checkpoint costs no copy) and topica's saved models.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace topica {

enum class DType { F64, F32, F16, BF16, I64, I32, I16, I8, U8, Bool };
const char* dtype_name(DType dtype);  ///< "F32", ...
std::size_t dtype_size(DType dtype);

struct TensorInfo {
  std::string name;
  DType dtype = DType::F32;
  std::vector<std::uint64_t> shape;
  std::uint64_t begin = 0, end = 0;  ///< byte range within the data section
  std::uint64_t elements() const;
};

/// A safetensors file opened read-only through mmap. Any valid layout is accepted (tensors in any
/// order); the header is checked against the file: known dtypes, byte ranges that match the
/// shapes, lie inside the file and cover the data without holes or overlaps.
class SafetensorsFile {
 public:
  explicit SafetensorsFile(const std::string& path);
  /// Parses a whole file held in memory (the bytes are copied); `source` names it in errors.
  /// The same checks as for a file on disk: this is the entry point of the fuzz target.
  static SafetensorsFile from_bytes(std::span<const std::byte> bytes, std::string source);
  ~SafetensorsFile();
  SafetensorsFile(const SafetensorsFile&) = delete;
  SafetensorsFile& operator=(const SafetensorsFile&) = delete;

  const std::string& path() const { return path_; }
  const std::vector<TensorInfo>& tensors() const { return tensors_; }
  const std::map<std::string, std::string>& metadata() const { return metadata_; }
  bool contains(std::string_view name) const;
  /// Throws InputError naming the file and the tensor when it is missing.
  const TensorInfo& tensor(std::string_view name) const;
  std::span<const std::byte> bytes(const TensorInfo& info) const;

  /// Values converted to float32 (from F32, F16, BF16 or F64).
  std::vector<float> read_float(std::string_view name) const;
  /// Values converted to float64 (from F64, F32, F16 or BF16).
  std::vector<double> read_double(std::string_view name) const;
  /// Values converted to int64 (from I64, I32, I16, I8 or U8).
  std::vector<std::int64_t> read_int(std::string_view name) const;

 private:
  struct InMemory {};
  SafetensorsFile(InMemory, std::span<const std::byte> bytes, std::string source);
  void parse_header();
  void release();

  std::string path_;
  std::vector<std::byte> owned_;  ///< the bytes of from_bytes; empty for a mapped file
  const std::byte* map_ = nullptr;
  std::size_t map_size_ = 0;
  std::size_t data_offset_ = 0;
  std::vector<TensorInfo> tensors_;
  std::map<std::string, std::string> metadata_;
};

/// Collects tensors and writes them as one safetensors file (atomically), in name order.
class SafetensorsWriter {
 public:
  void add(std::string name, DType dtype, std::vector<std::uint64_t> shape, std::span<const std::byte> data);
  void add(std::string name, std::vector<std::uint64_t> shape, std::span<const float> values);
  void add(std::string name, std::vector<std::uint64_t> shape, std::span<const double> values);
  void add(std::string name, std::vector<std::uint64_t> shape, std::span<const std::int32_t> values);
  void add(std::string name, std::vector<std::uint64_t> shape, std::span<const std::int64_t> values);
  void set_metadata(std::string key, std::string value) { metadata_[std::move(key)] = std::move(value); }
  /// Writes atomically; `identical_candidate`: see AtomicFile (linked instead when identical).
  void write(const std::string& path, const std::string& identical_candidate = {}) const;

 private:
  struct Entry {
    DType dtype;
    std::vector<std::uint64_t> shape;
    std::vector<std::byte> data;
  };
  std::map<std::string, Entry> entries_;
  std::map<std::string, std::string> metadata_;
};

/// IEEE half and bfloat16 to float32 (exact).
float half_to_float(std::uint16_t bits);
float bfloat16_to_float(std::uint16_t bits);
/// float32 to IEEE half and bfloat16, rounding to nearest even as PyTorch's .half() / .bfloat16()
/// do (NaN stays NaN; bfloat16 overflow gives infinity as in PyTorch).
std::uint16_t float_to_half(float value);
std::uint16_t float_to_bfloat16(float value);

}  // namespace topica
