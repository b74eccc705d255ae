// .npy reading and writing. The format (numpy/lib/format.py, NEP 1): the magic "\x93NUMPY", a
// major and minor version byte, the header length (uint16 LE for 1.0, uint32 LE for 2.0 and 3.0),
// then a Python dict literal such as {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
// padded with spaces and a newline, then the raw elements.
#include "topica/npy.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <exception>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "topica/atomic_file.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

// Elements are copied as they lie in the file; a big-endian host would need byte swaps.
static_assert(std::endian::native == std::endian::little, "the .npy code assumes a little-endian host");

constexpr std::string_view kMagic{"\x93NUMPY", 6};
constexpr std::size_t kChunkBytes = std::size_t{256} << 10;  // read buffer: 256 KiB, stays in L2
// numpy refuses headers over 10,000 bytes by default; a real header is ~128. Cap far above both
// so a corrupt length cannot make us allocate gigabytes.
constexpr std::uint32_t kMaxHeaderBytes = std::uint32_t{1} << 20;

// ---- reading bytes -------------------------------------------------------------------------

/// An open input file (or standard input for "-"); reads either fill the buffer or hit the end.
class InputFile {
 public:
  explicit InputFile(const std::string& path) : name_(path == "-" ? "<stdin>" : path) {
    if (path == "-") {
      fd_ = STDIN_FILENO;
    } else {
      fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd_ < 0) throw Error(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
      owns_fd_ = true;
    }
    struct stat st{};
    if (::fstat(fd_, &st) == 0) {
      if (S_ISDIR(st.st_mode)) {
        close_fd();
        throw Error(fmt::format("{}: is a directory, expected a .npy file", name_));
      }
      if (S_ISREG(st.st_mode)) size_ = static_cast<std::uint64_t>(st.st_size);
    }
  }
  ~InputFile() { close_fd(); }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  /// Reads up to `n` bytes; returns fewer only at the end of the file.
  std::size_t read(void* dst, std::size_t n) { return transfer(dst, n, std::nullopt); }
  /// Reads up to `n` bytes at `offset` without moving the file position (regular files only).
  std::size_t read_at(void* dst, std::size_t n, std::uint64_t offset) { return transfer(dst, n, offset); }

  const std::string& name() const { return name_; }
  /// The file size for regular files; unknown for pipes, where truncation shows up while reading
  /// and only sequential reads work.
  std::optional<std::uint64_t> size() const { return size_; }

 private:
  std::size_t transfer(void* dst, std::size_t n, std::optional<std::uint64_t> offset) {
    auto* out = static_cast<char*>(dst);
    std::size_t done = 0;
    while (done < n) {
      const ssize_t got = offset ? ::pread(fd_, out + done, n - done, static_cast<off_t>(*offset + done))
                                 : ::read(fd_, out + done, n - done);
      if (got == 0) break;
      if (got < 0) {
        if (errno == EINTR) continue;
        throw Error(fmt::format("{}: read failed: {}", name_, std::strerror(errno)));
      }
      done += static_cast<std::size_t>(got);
    }
    return done;
  }

  void close_fd() {
    if (owns_fd_) ::close(fd_);
    owns_fd_ = false;
  }

  std::string name_;
  int fd_ = -1;
  bool owns_fd_ = false;
  std::optional<std::uint64_t> size_;
};

// ---- dtype descriptions --------------------------------------------------------------------

/// A simple dtype string split into its parts: "<f4" -> {'<', 'f', 4}.
struct Dtype {
  char order = 0;  // '<' little, '>' big, '|' not applicable, '=' native
  char kind = 0;   // 'f' float, 'i' int, 'u' unsigned, 'b' bool, 'c' complex, 'O' object, ...
  unsigned size = 0;
};

std::optional<Dtype> split_dtype(std::string_view descr) {
  if (descr.size() < 3 || descr.size() > 4 || std::string_view("<>|=").find(descr[0]) == std::string_view::npos) {
    return std::nullopt;
  }
  unsigned size = 0;
  for (const char c : descr.substr(2)) {
    if (c < '0' || c > '9') return std::nullopt;
    size = size * 10 + static_cast<unsigned>(c - '0');
  }
  return Dtype{descr[0], descr[1], size};
}

/// A reader's name for a dtype ("float32", "int16", "object"), or the raw string when exotic.
std::string dtype_name(std::string_view descr) {
  const auto d = split_dtype(descr);
  if (!d) return std::string(descr);
  switch (d->kind) {
    case 'f': return fmt::format("float{}", d->size * 8);
    case 'i': return fmt::format("int{}", d->size * 8);
    case 'u': return fmt::format("uint{}", d->size * 8);
    case 'c': return fmt::format("complex{}", d->size * 8);
    case 'b': return "bool";
    case 'O': return "object";
    case 'U': return "unicode string";
    case 'S': return "byte string";
    default: return std::string(descr);
  }
}

/// The element size of one of the dtypes topica reads ("<f4", "<f8", "<i4", "<i8"), after
/// checking it is among `accepted`; throws a message that says what would be accepted.
unsigned check_dtype(const std::string& name, const std::string& descr,
                     std::initializer_list<std::string_view> accepted, std::string_view wanted) {
  std::string normalized = descr;
  if (!normalized.empty() && normalized[0] == '=') normalized[0] = '<';  // native is little-endian here
  for (const std::string_view a : accepted) {
    if (normalized == a) return split_dtype(a)->size;
  }
  const auto d = split_dtype(descr);
  if (d && d->order == '>') {
    throw InputError(fmt::format("{}: big-endian dtype '{}' ({}) is not supported; save it little-endian, "
                                 "e.g. np.save(path, a.astype('<{}{}'))",
                                 name, descr, dtype_name(descr), d->kind, d->size));
  }
  if (descr.size() >= 2 && descr[1] == 'O') {  // numpy writes '|O'
    throw InputError(fmt::format("{}: object arrays (dtype '{}') are not supported; {}", name, descr, wanted));
  }
  throw InputError(fmt::format("{}: unsupported dtype '{}' ({}); {}", name, descr, dtype_name(descr), wanted));
}

// ---- the header dict -----------------------------------------------------------------------

/// A recursive-descent parser for the header's Python dict literal. It accepts exactly the keys
/// numpy writes, in any order, with any whitespace and optional trailing commas.
class HeaderParser {
 public:
  HeaderParser(const std::string& name, std::string_view text) : name_(name), text_(text) {}

  NpyInfo parse() {
    NpyInfo info;
    bool seen_descr = false, seen_order = false, seen_shape = false;
    expect('{', "the header to start with '{'");
    while (!consume('}')) {
      const std::size_t key_at = pos_;
      const std::string key = parse_string("a quoted key");
      expect(':', "':' after the key");
      if (key == "descr") {
        mark_seen(seen_descr, key, key_at);
        if (consume('[')) fail("structured dtypes (a list in 'descr') are not supported", key_at);
        info.dtype = parse_string("a quoted dtype string for 'descr'");
      } else if (key == "fortran_order") {
        mark_seen(seen_order, key, key_at);
        info.fortran_order = parse_bool();
      } else if (key == "shape") {
        mark_seen(seen_shape, key, key_at);
        info.shape = parse_shape();
      } else {
        fail(fmt::format("unknown key '{}'", key), key_at);
      }
      if (!consume(',')) {
        expect('}', "',' or '}' after a value");
        break;
      }
    }
    skip_space();
    if (pos_ != text_.size()) fail("unexpected text after the closing '}'", pos_);
    if (!seen_descr) fail("no 'descr' key", pos_);
    if (!seen_order) fail("no 'fortran_order' key", pos_);
    if (!seen_shape) fail("no 'shape' key", pos_);
    return info;
  }

 private:
  [[noreturn]] void fail(std::string_view what, std::size_t at) const {
    std::string shown;
    for (const char c : text_.substr(0, 160)) {
      const auto u = static_cast<unsigned char>(c);
      shown += (u >= 0x20 && u < 0x7F) ? std::string(1, c) : fmt::format("\\x{:02x}", u);
    }
    if (text_.size() > 160) shown += "...";
    throw InputError(fmt::format("{}: malformed .npy header: {} (at byte {} of \"{}\")", name_, what, at, shown));
  }

  void mark_seen(bool& seen, const std::string& key, std::size_t at) const {
    if (seen) fail(fmt::format("key '{}' appears twice", key), at);
    seen = true;
  }

  void skip_space() {
    while (pos_ < text_.size() && std::string_view(" \t\r\n").find(text_[pos_]) != std::string_view::npos) ++pos_;
  }

  /// Skips whitespace, then takes `c` if it comes next.
  bool consume(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  void expect(char c, std::string_view what) {
    if (!consume(c)) fail(fmt::format("expected {}", what), pos_);
  }

  std::string parse_string(std::string_view what) {
    skip_space();
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"')) {
      fail(fmt::format("expected {}", what), pos_);
    }
    const char quote = text_[pos_];
    const std::size_t start = pos_++;
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;  // an escaped character stands for itself
      out += text_[pos_++];
    }
    if (pos_ >= text_.size()) fail("unterminated string", start);
    ++pos_;
    return out;
  }

  bool parse_bool() {
    skip_space();
    const std::string_view rest = text_.substr(pos_);
    if (rest.starts_with("True")) {
      pos_ += 4;
      return true;
    }
    if (rest.starts_with("False")) {
      pos_ += 5;
      return false;
    }
    fail("expected True or False for 'fortran_order'", pos_);
  }

  /// A tuple of non-negative integers: "()", "(5,)", "(3, 4)".
  std::vector<std::uint64_t> parse_shape() {
    expect('(', "a tuple such as (3, 4) for 'shape'");
    std::vector<std::uint64_t> shape;
    while (!consume(')')) {
      shape.push_back(parse_dimension());
      if (!consume(',')) {
        expect(')', "',' or ')' in the shape");
        break;
      }
    }
    return shape;
  }

  std::uint64_t parse_dimension() {
    skip_space();
    const std::size_t start = pos_;
    if (pos_ < text_.size() && text_[pos_] == '-') fail("negative dimension in the shape", start);
    std::uint64_t value = 0;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      const auto digit = static_cast<std::uint64_t>(text_[pos_] - '0');
      if (value > (UINT64_MAX - digit) / 10) fail("size overflow: a dimension does not fit in 64 bits", start);
      value = value * 10 + digit;
      ++pos_;
    }
    if (pos_ == start) fail("expected an integer dimension in the shape", start);
    if (pos_ < text_.size() && text_[pos_] == 'L') ++pos_;  // Python 2 numpy wrote long literals: 3L
    return value;
  }

  const std::string& name_;
  std::string_view text_;
  std::size_t pos_ = 0;
};

// ---- the preamble and the data size ----------------------------------------------------------

std::uint32_t little_endian(const unsigned char* p, std::size_t n) {
  std::uint32_t v = 0;
  for (std::size_t i = n; i-- > 0;) v = (v << 8) | p[i];
  return v;
}

/// Reads the magic, version and header of `in`, leaving it positioned at the first element.
NpyInfo read_header(InputFile& in) {
  std::array<unsigned char, 12> pre{};
  const std::size_t got = in.read(pre.data(), 8);
  if (got < kMagic.size() || std::memcmp(pre.data(), kMagic.data(), kMagic.size()) != 0) {
    throw InputError(fmt::format("{}: not a .npy file (it does not start with \\x93NUMPY)", in.name()));
  }
  if (got < 8) throw InputError(fmt::format("{}: truncated: the file ends inside the .npy preamble", in.name()));
  const unsigned major = pre[6], minor = pre[7];
  if ((major < 1 || major > 3) || minor != 0) {
    throw InputError(fmt::format("{}: unsupported .npy format version {}.{} (topica reads 1.0, 2.0 and 3.0)",
                                 in.name(), major, minor));
  }
  const std::size_t length_bytes = major == 1 ? 2 : 4;
  if (in.read(pre.data() + 8, length_bytes) < length_bytes) {
    throw InputError(fmt::format("{}: truncated: the file ends inside the .npy preamble", in.name()));
  }
  const std::uint32_t header_len = little_endian(pre.data() + 8, length_bytes);
  if (header_len > kMaxHeaderBytes) {
    throw InputError(fmt::format("{}: .npy header of {} bytes is larger than the {} bytes topica accepts",
                                 in.name(), header_len, kMaxHeaderBytes));
  }
  std::string text(header_len, '\0');
  const std::size_t header_got = in.read(text.data(), header_len);
  if (header_got < header_len) {
    throw InputError(fmt::format("{}: truncated: the preamble announces a {}-byte header, the file ends after {}",
                                 in.name(), header_len, header_got));
  }
  NpyInfo info = HeaderParser(in.name(), text).parse();
  info.data_offset = 8 + length_bytes + header_len;
  return info;
}

std::string shape_text(const std::vector<std::uint64_t>& shape) {
  return shape.empty() ? std::string("scalar") : fmt::format("{}", fmt::join(shape, " x "));
}

/// The number of data bytes the header promises; throws on overflow, and when the file (if its
/// size is known) holds fewer or more bytes than that.
std::uint64_t check_data_size(const InputFile& in, const NpyInfo& info, unsigned item_size) {
  std::uint64_t bytes = item_size;
  for (const std::uint64_t d : info.shape) {
    if (d != 0 && bytes > UINT64_MAX / d) {
      throw InputError(fmt::format("{}: size overflow: shape {} of {} does not fit in 64 bits", in.name(),
                                   shape_text(info.shape), dtype_name(info.dtype)));
    }
    bytes *= d;
  }
  const auto size = in.size();
  if (!size) return bytes;
  const std::uint64_t available = *size - std::min(*size, info.data_offset);
  const std::string promised = fmt::format("header says {} {} ({} bytes of data)", shape_text(info.shape),
                                           dtype_name(info.dtype), bytes);
  if (available < bytes) {
    throw InputError(fmt::format("{}: truncated: {}, file has {} bytes of data", in.name(), promised, available));
  }
  if (available > bytes) {
    throw InputError(fmt::format("{}: {} unexpected bytes after the data: {}; the file may be damaged", in.name(),
                                 available - bytes, promised));
  }
  return bytes;
}

/// Fills `dst` with exactly `n` data bytes, read in sequence or at `offset`. The size check up
/// front makes a short read rare: a pipe, or a file cut while we read it.
void read_data(InputFile& in, void* dst, std::size_t n, std::optional<std::uint64_t> offset = std::nullopt) {
  const std::size_t got = offset ? in.read_at(dst, n, *offset) : in.read(dst, n);
  if (got < n) throw InputError(fmt::format("{}: truncated: the file ended before the end of the data", in.name()));
}

// ---- destination buffers and element conversion --------------------------------------------

/// Reserves room for `n` elements, asking the kernel to back a large buffer with transparent huge
/// pages (numpy does the same for its arrays): with 4 KiB pages the page faults of a 200 MB matrix
/// cost more than reading the file. THP in "madvise" mode is the Debian default.
template <typename T>
void reserve_for_read(const InputFile& in, std::vector<T>& values, std::size_t n) {
  try {
    values.reserve(n);  // no page touched yet: a large block comes straight from mmap
  } catch (const std::exception&) {  // bad_alloc or length_error: a huge array, or a pipe's false header
    throw InputError(fmt::format("{}: {} values of {} bytes do not fit in memory", in.name(), n, sizeof(T)));
  }
#ifdef MADV_HUGEPAGE
  constexpr std::size_t kWorthIt = std::size_t{8} << 20;
  if (n * sizeof(T) >= kWorthIt) {
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto begin = reinterpret_cast<std::uintptr_t>(values.data());
    const std::uintptr_t first = (begin + page - 1) / page * page;
    const std::uintptr_t last = (begin + n * sizeof(T)) / page * page;
    ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);  // only a hint: ignore failure
  }
#endif
}

/// Streams `count` elements of type `Source` through a small buffer that stays in cache, handing
/// each chunk, in file order, to `take`.
template <typename Source, typename Take>
void stream_elements(InputFile& in, std::size_t count, Take&& take) {
  std::vector<Source> chunk(std::min(count, kChunkBytes / sizeof(Source)));
  for (std::size_t done = 0; done < count;) {
    const std::size_t n = std::min(chunk.size(), count - done);
    read_data(in, chunk.data(), n * sizeof(Source));
    take(std::span<const Source>(chunk.data(), n));
    done += n;
  }
}

/// Reads `count` elements onto the end of `values` (capacity reserved), converting each to `T`.
/// Same-type data grows `values` one cache-sized chunk at a time and reads into the new tail:
/// the zeros resize() writes are still in cache when read() overwrites them, so memory is written
/// once. (resize() of the whole matrix, then read(), is ~40% slower at 200 MB.)
template <typename Source, typename T>
void append_elements(InputFile& in, std::vector<T>& values, std::size_t count) {
  if constexpr (std::is_same_v<Source, T>) {
    for (std::size_t done = 0; done < count;) {
      const std::size_t n = std::min(kChunkBytes / sizeof(T), count - done);
      values.resize(values.size() + n);
      read_data(in, values.data() + values.size() - n, n * sizeof(T));
      done += n;
    }
  } else {
    stream_elements<Source>(in, count, [&](std::span<const Source> chunk) {
      values.insert(values.end(), chunk.begin(), chunk.end());
    });
  }
}

/// Fortran order from a pipe: walks (i, j) down each column of the stream, writing row-major.
/// Every write lands in a different cache line, so this is ~15x slower than a C-order read.
template <typename Source>
void scatter_columns(InputFile& in, Matrix<float>& m) {
  std::size_t i = 0, j = 0;
  stream_elements<Source>(in, m.values.size(), [&](std::span<const Source> chunk) {
    for (const Source v : chunk) {
      m.values[i * m.cols + j] = static_cast<float>(v);
      if (++i == m.rows) {
        i = 0;
        ++j;
      }
    }
  });
}

/// Fortran order from a file: transposes tiles of 16 columns x 4096 rows, each column segment
/// fetched with pread, so every destination cache line is written whole and the buffer stays
/// small (256 KiB for float32).
template <typename Source>
void transpose_tiles(InputFile& in, std::uint64_t data_offset, Matrix<float>& m) {
  constexpr std::size_t kTileCols = 16, kTileRows = 4096;
  std::vector<Source> tile(kTileCols * kTileRows);
  for (std::size_t j0 = 0; j0 < m.cols; j0 += kTileCols) {
    const std::size_t width = std::min(kTileCols, m.cols - j0);
    for (std::size_t i0 = 0; i0 < m.rows; i0 += kTileRows) {
      const std::size_t height = std::min(kTileRows, m.rows - i0);
      for (std::size_t b = 0; b < width; ++b) {
        read_data(in, tile.data() + b * kTileRows, height * sizeof(Source),
                  data_offset + ((j0 + b) * m.rows + i0) * sizeof(Source));
      }
      for (std::size_t i = 0; i < height; ++i) {
        float* out = m.row(i0 + i) + j0;
        for (std::size_t b = 0; b < width; ++b) out[b] = static_cast<float>(tile[b * kTileRows + i]);
      }
    }
  }
}

/// Reads the data into `m` (shape set, values empty), converting to float and transposing
/// Fortran order.
template <typename Source>
void read_matrix_data(InputFile& in, const NpyInfo& info, Matrix<float>& m) {
  const std::size_t count = m.rows * m.cols;
  reserve_for_read(in, m.values, count);
  if (!info.fortran_order || m.rows == 1 || m.cols == 1) {  // one row or column reads the same either way
    append_elements<Source>(in, m.values, count);
    return;
  }
  m.values.resize(count);
  if (in.size()) {
    transpose_tiles<Source>(in, info.data_offset, m);
  } else {
    scatter_columns<Source>(in, m);
  }
}

// ---- writing ---------------------------------------------------------------------------------

/// The version 1.0 preamble and header for a C-order array, padded with spaces and a newline so
/// that the data starts at a multiple of 64 bytes, as np.save does.
std::string make_header(std::string_view descr, std::string_view shape_literal) {
  std::string dict = fmt::format("{{'descr': '{}', 'fortran_order': False, 'shape': {}, }}", descr, shape_literal);
  const std::size_t unpadded = kMagic.size() + 4 + dict.size() + 1;
  dict.append((64 - unpadded % 64) % 64, ' ');
  dict += '\n';
  std::string out(kMagic);
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(dict.size() & 0xFF);
  out += static_cast<char>(dict.size() >> 8);  // < 65536: a 2-d header is ~128 bytes
  return out + dict;
}

void write_array(const std::string& path, std::string_view descr, std::string_view shape_literal, const void* data,
                 std::size_t bytes) {
  AtomicFile file(path);
  file.write(make_header(descr, shape_literal));
  file.write(data, bytes);
  file.commit();
}

}  // namespace

NpyInfo read_npy_info(const std::string& path) {
  InputFile in(path);
  return read_header(in);
}

Matrix<float> read_npy_matrix(const std::string& path) {
  InputFile in(path);
  const NpyInfo info = read_header(in);
  const unsigned item = check_dtype(in.name(), info.dtype, {"<f4", "<f8"},
                                    "a matrix must be float32 '<f4' or float64 '<f8'");
  if (info.shape.empty() || info.shape.size() > 2) {
    throw InputError(fmt::format("{}: {}-d array of shape {}; expected a 2-d matrix (rows x columns) or a 1-d vector",
                                 in.name(), info.shape.size(), shape_text(info.shape)));
  }
  check_data_size(in, info, item);
  Matrix<float> m;
  m.rows = info.shape[0];
  m.cols = info.shape.size() == 2 ? info.shape[1] : 1;
  if (item == 4) {
    read_matrix_data<float>(in, info, m);
  } else {
    read_matrix_data<double>(in, info, m);
  }
  return m;
}

std::vector<std::int64_t> read_npy_labels(const std::string& path) {
  InputFile in(path);
  const NpyInfo info = read_header(in);
  const unsigned item = check_dtype(in.name(), info.dtype, {"<i4", "<i8"},
                                    "labels must be int32 '<i4' or int64 '<i8'");
  const bool column = info.shape.size() == 2 && info.shape[1] == 1;
  if (info.shape.size() != 1 && !column) {
    throw InputError(fmt::format("{}: labels must be a 1-d array or an N x 1 column, got shape {}", in.name(),
                                 shape_text(info.shape)));
  }
  check_data_size(in, info, item);
  std::vector<std::int64_t> labels;
  reserve_for_read(in, labels, info.shape[0]);
  if (item == 8) {
    append_elements<std::int64_t>(in, labels, info.shape[0]);
  } else {
    append_elements<std::int32_t>(in, labels, info.shape[0]);
  }
  return labels;
}

void write_npy(const std::string& path, const Matrix<float>& m) {
  if (m.values.size() != m.rows * m.cols) {
    throw Error(fmt::format("{}: cannot write a {} x {} matrix holding {} values", path, m.rows, m.cols,
                            m.values.size()));
  }
  write_array(path, "<f4", fmt::format("({}, {})", m.rows, m.cols), m.values.data(), m.values.size() * sizeof(float));
}

void write_npy(const std::string& path, std::span<const std::int64_t> values) {
  write_array(path, "<i8", fmt::format("({},)", values.size()), values.data(), values.size_bytes());
}

}  // namespace topica
