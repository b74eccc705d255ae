#include "topica/safetensors.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "topica/atomic_file.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

constexpr std::uint64_t kMaxHeader = 100u << 20;  // the format's own limit on the JSON header

struct DTypeName {
  DType dtype;
  const char* name;
  std::size_t size;
};
constexpr DTypeName kDTypes[] = {{DType::F64, "F64", 8}, {DType::F32, "F32", 4}, {DType::F16, "F16", 2},
                                 {DType::BF16, "BF16", 2}, {DType::I64, "I64", 8}, {DType::I32, "I32", 4},
                                 {DType::I16, "I16", 2},  {DType::I8, "I8", 1},   {DType::U8, "U8", 1},
                                 {DType::Bool, "BOOL", 1}};

template <typename T>
T load(const std::byte* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

}  // namespace

const char* dtype_name(DType dtype) {
  for (const auto& d : kDTypes) {
    if (d.dtype == dtype) return d.name;
  }
  return "?";
}

std::size_t dtype_size(DType dtype) {
  for (const auto& d : kDTypes) {
    if (d.dtype == dtype) return d.size;
  }
  return 0;
}

std::uint64_t TensorInfo::elements() const {
  std::uint64_t n = 1;
  for (std::uint64_t d : shape) n *= d;
  return n;
}

float half_to_float(std::uint16_t h) {
  const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
  std::uint32_t exponent = (h >> 10) & 0x1Fu, mantissa = h & 0x3FFu, bits;
  if (exponent == 0x1F) {
    bits = sign | 0x7F800000u | (mantissa << 13);  // inf / NaN
  } else if (exponent != 0) {
    bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    bits = sign;
  } else {  // subnormal half: normalise
    exponent = 113;
    while ((mantissa & 0x400u) == 0) {
      mantissa <<= 1;
      --exponent;
    }
    bits = sign | (exponent << 23) | ((mantissa & 0x3FFu) << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

float bfloat16_to_float(std::uint16_t b) {
  const std::uint32_t bits = static_cast<std::uint32_t>(b) << 16;
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

SafetensorsFile::SafetensorsFile(const std::string& path) : path_(path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  struct stat st{};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw InputError(fmt::format("{}: not a regular file", path));
  }
  map_size_ = static_cast<std::size_t>(st.st_size);
  if (map_size_ < 8) {
    ::close(fd);
    throw InputError(fmt::format("{}: not a safetensors file ({} bytes)", path, map_size_));
  }
  void* p = ::mmap(nullptr, map_size_, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) throw Error(fmt::format("{}: cannot map: {}", path, std::strerror(errno)));
  map_ = static_cast<const std::byte*>(p);
  try {
    parse_header();
  } catch (...) {
    release();
    throw;
  }
}

SafetensorsFile::SafetensorsFile(InMemory, std::span<const std::byte> bytes, std::string source)
    : path_(std::move(source)), owned_(bytes.begin(), bytes.end()) {
  map_ = owned_.data();
  map_size_ = owned_.size();
  if (map_size_ < 8) throw InputError(fmt::format("{}: not a safetensors file ({} bytes)", path_, map_size_));
  parse_header();
}

SafetensorsFile SafetensorsFile::from_bytes(std::span<const std::byte> bytes, std::string source) {
  return SafetensorsFile(InMemory{}, bytes, std::move(source));
}

namespace {

// A header is untrusted text: keep a name that goes into a one-line message short and printable.
std::string printable(std::string_view name) {
  std::string out;
  for (const char c : name.substr(0, 120)) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    else out += c;
  }
  if (name.size() > 120) out += "...";
  return out;
}

// shape's element count times `size`, or nothing when it does not fit 64 bits (a lying header
// must not wrap around to a small byte count that then passes the range check).
std::optional<std::uint64_t> byte_count(const std::vector<std::uint64_t>& shape, std::uint64_t size) {
  std::uint64_t n = size;
  for (const std::uint64_t d : shape) {
    if (__builtin_mul_overflow(n, d, &n)) return std::nullopt;
  }
  return n;
}

}  // namespace

void SafetensorsFile::parse_header() {
  const std::string& path = path_;
  const auto header_size = load<std::uint64_t>(map_);
  if (header_size > kMaxHeader || header_size > map_size_ - 8) {
    throw InputError(fmt::format("{}: header length {} does not fit the file ({} bytes)", path, header_size, map_size_));
  }
  data_offset_ = 8 + static_cast<std::size_t>(header_size);
  const auto* text = reinterpret_cast<const char*>(map_ + 8);
  const auto header = nlohmann::json::parse(text, text + header_size, nullptr, false);
  if (!header.is_object()) throw InputError(fmt::format("{}: the header is not a JSON object", path));
  const std::uint64_t data_size = map_size_ - data_offset_;
  for (const auto& item : header.items()) {
    const std::string& name = item.key();  // a plain reference: clang 14 cannot capture a structured binding
    const auto& entry = item.value();
    if (name == "__metadata__") {
      if (!entry.is_object()) throw InputError(fmt::format("{}: __metadata__ is not a JSON object", path));
      for (const auto& [k, v] : entry.items()) {
        if (!v.is_string()) throw InputError(fmt::format("{}: metadata '{}' is not a string", path, printable(k)));
        metadata_[k] = v.get<std::string>();
      }
      continue;
    }
    const auto bad = [&](const std::string& why) {
      return InputError(fmt::format("{}: tensor '{}': {}", path, printable(name), why));
    };
    if (!entry.is_object() || !entry.contains("dtype") || !entry.contains("shape") || !entry.contains("data_offsets")) {
      throw bad("needs dtype, shape and data_offsets");
    }
    TensorInfo info;
    info.name = name;
    const auto& dtype = entry["dtype"];
    const auto dt = std::find_if(std::begin(kDTypes), std::end(kDTypes),
                                 [&](const DTypeName& d) { return dtype.is_string() && dtype == d.name; });
    if (dt == std::end(kDTypes)) throw bad(fmt::format("unsupported dtype {}", printable(dtype.dump())));
    info.dtype = dt->dtype;
    const auto& shape = entry["shape"];
    if (!shape.is_array()) throw bad("shape must be an array of non-negative integers");
    for (const auto& d : shape) {
      if (!d.is_number_unsigned()) throw bad("shape must hold non-negative integers");
      info.shape.push_back(d.get<std::uint64_t>());
    }
    const auto& offsets = entry["data_offsets"];
    if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned() || !offsets[1].is_number_unsigned()) {
      throw bad("data_offsets must be [begin, end]");
    }
    info.begin = offsets[0].get<std::uint64_t>();
    info.end = offsets[1].get<std::uint64_t>();
    if (info.begin > info.end) throw bad(fmt::format("data_offsets [{}, {}] are reversed", info.begin, info.end));
    if (info.end > data_size) {
      throw bad(fmt::format("data_offsets [{}, {}] lie outside the {} data bytes (truncated file?)", info.begin,
                            info.end, data_size));
    }
    const std::optional<std::uint64_t> bytes = byte_count(info.shape, dt->size);
    if (!bytes) throw bad(fmt::format("shape {} is too large to address", printable(shape.dump())));
    if (info.end - info.begin != *bytes) {
      throw bad(fmt::format("data_offsets give {} bytes for {} values of {} (shape {} needs {})", info.end - info.begin,
                            *bytes / dt->size, dt->name, printable(shape.dump()), *bytes));
    }
    tensors_.push_back(std::move(info));
  }
  // The format forbids holes and overlaps: sorted by offset, each tensor starts where the last ended.
  std::vector<const TensorInfo*> by_offset;
  for (const auto& t : tensors_) by_offset.push_back(&t);
  std::sort(by_offset.begin(), by_offset.end(),
            [](auto* a, auto* b) { return a->begin < b->begin || (a->begin == b->begin && a->end < b->end); });
  std::uint64_t covered = 0;
  for (const TensorInfo* t : by_offset) {
    if (t->begin != covered) {
      throw InputError(fmt::format("{}: tensor '{}' data_offsets start at byte {} where {} was expected (overlap or hole)",
                                   path, printable(t->name), t->begin, covered));
    }
    covered = t->end;
  }
  if (covered != data_size) throw InputError(fmt::format("{}: {} data bytes but the tensors cover {}", path, data_size, covered));
}

void SafetensorsFile::release() {
  if (map_ != nullptr && owned_.empty()) ::munmap(const_cast<std::byte*>(map_), map_size_);
  map_ = nullptr;
}

SafetensorsFile::~SafetensorsFile() { release(); }

bool SafetensorsFile::contains(std::string_view name) const {
  return std::any_of(tensors_.begin(), tensors_.end(), [&](const TensorInfo& t) { return t.name == name; });
}

const TensorInfo& SafetensorsFile::tensor(std::string_view name) const {
  for (const TensorInfo& t : tensors_) {
    if (t.name == name) return t;
  }
  throw InputError(fmt::format("{}: no tensor named '{}'", path_, name));
}

std::span<const std::byte> SafetensorsFile::bytes(const TensorInfo& info) const {
  return {map_ + data_offset_ + info.begin, static_cast<std::size_t>(info.end - info.begin)};
}

namespace {

template <typename Out>
std::vector<Out> convert_float(const SafetensorsFile& file, const TensorInfo& t) {
  const auto b = file.bytes(t);
  std::vector<Out> out(static_cast<std::size_t>(t.elements()));
  for (std::size_t i = 0; i < out.size(); ++i) {
    switch (t.dtype) {
      case DType::F32: out[i] = static_cast<Out>(load<float>(b.data() + 4 * i)); break;
      case DType::F64: out[i] = static_cast<Out>(load<double>(b.data() + 8 * i)); break;
      case DType::F16: out[i] = static_cast<Out>(half_to_float(load<std::uint16_t>(b.data() + 2 * i))); break;
      case DType::BF16: out[i] = static_cast<Out>(bfloat16_to_float(load<std::uint16_t>(b.data() + 2 * i))); break;
      default:
        throw InputError(fmt::format("{}: tensor '{}' is {}, expected a floating-point dtype", file.path(), t.name,
                                     dtype_name(t.dtype)));
    }
  }
  return out;
}

}  // namespace

std::vector<float> SafetensorsFile::read_float(std::string_view name) const { return convert_float<float>(*this, tensor(name)); }

std::vector<double> SafetensorsFile::read_double(std::string_view name) const {
  return convert_float<double>(*this, tensor(name));
}

std::vector<std::int64_t> SafetensorsFile::read_int(std::string_view name) const {
  const TensorInfo& t = tensor(name);
  const auto b = bytes(t);
  std::vector<std::int64_t> out(static_cast<std::size_t>(t.elements()));
  for (std::size_t i = 0; i < out.size(); ++i) {
    switch (t.dtype) {
      case DType::I64: out[i] = load<std::int64_t>(b.data() + 8 * i); break;
      case DType::I32: out[i] = load<std::int32_t>(b.data() + 4 * i); break;
      case DType::I16: out[i] = load<std::int16_t>(b.data() + 2 * i); break;
      case DType::I8: out[i] = load<std::int8_t>(b.data() + i); break;
      case DType::U8: out[i] = load<std::uint8_t>(b.data() + i); break;
      default:
        throw InputError(fmt::format("{}: tensor '{}' is {}, expected an integer dtype", path_, t.name, dtype_name(t.dtype)));
    }
  }
  return out;
}

void SafetensorsWriter::add(std::string name, DType dtype, std::vector<std::uint64_t> shape,
                            std::span<const std::byte> data) {
  std::uint64_t n = 1;
  for (std::uint64_t d : shape) n *= d;
  if (n * dtype_size(dtype) != data.size()) {
    throw Error(fmt::format("safetensors: tensor '{}' has {} bytes for {} values of {}", name, data.size(), n, dtype_name(dtype)));
  }
  if (name == "__metadata__") throw Error("safetensors: '__metadata__' is not a tensor name");
  entries_[std::move(name)] = Entry{dtype, std::move(shape), std::vector<std::byte>(data.begin(), data.end())};
}

void SafetensorsWriter::add(std::string name, std::vector<std::uint64_t> shape, std::span<const float> v) {
  add(std::move(name), DType::F32, std::move(shape), std::as_bytes(v));
}
void SafetensorsWriter::add(std::string name, std::vector<std::uint64_t> shape, std::span<const double> v) {
  add(std::move(name), DType::F64, std::move(shape), std::as_bytes(v));
}
void SafetensorsWriter::add(std::string name, std::vector<std::uint64_t> shape, std::span<const std::int32_t> v) {
  add(std::move(name), DType::I32, std::move(shape), std::as_bytes(v));
}
void SafetensorsWriter::add(std::string name, std::vector<std::uint64_t> shape, std::span<const std::int64_t> v) {
  add(std::move(name), DType::I64, std::move(shape), std::as_bytes(v));
}

void SafetensorsWriter::write(const std::string& path, const std::string& identical_candidate) const {
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!metadata_.empty()) header["__metadata__"] = metadata_;
  std::uint64_t offset = 0;
  for (const auto& [name, e] : entries_) {
    header[name] = {{"dtype", dtype_name(e.dtype)}, {"shape", e.shape}, {"data_offsets", {offset, offset + e.data.size()}}};
    offset += e.data.size();
  }
  std::string text = header.dump();
  text.append((8 - text.size() % 8) % 8, ' ');  // align the data section to 8 bytes, as the reference writer does
  const std::uint64_t size = text.size();
  AtomicFile out(path, identical_candidate);
  out.write(&size, sizeof size);
  out.write(text);
  for (const auto& [name, e] : entries_) out.write(e.data.data(), e.data.size());
  out.commit();
}

}  // namespace topica
