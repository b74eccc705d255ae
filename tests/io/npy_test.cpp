// .npy reading and writing: round trips, every refusal (each message must name the file), and
// interop with Debian's numpy in both directions, compared bit for bit.
#include "topica/npy.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/test_support.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

using test::read_file;
using test::run_shell;
using test::ScratchDir;

/// A .npy file built by hand, independently of the code under test: magic, version, header
/// length (2 bytes for 1.0, 4 for 2.0 and 3.0), the dict padded to 64 bytes, then `data`.
std::string npy_bytes(const std::string& dict, const std::string& data, int major = 1) {
  const std::size_t length_bytes = major == 1 ? 2 : 4;
  std::string header = dict;
  while ((6 + 2 + length_bytes + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out = "\x93NUMPY";
  out += static_cast<char>(major);
  out += '\0';
  for (std::size_t i = 0; i < length_bytes; ++i) out += static_cast<char>((header.size() >> (8 * i)) & 0xFF);
  return out + header + data;
}

std::string dict_for(const std::string& descr, const std::string& shape, bool fortran = false) {
  return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
}

template <typename T>
std::string raw_bytes(const std::vector<T>& values) {
  return std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}

/// Values whose bits a careless conversion would change: NaN with a payload, infinities,
/// negative zero, the smallest subnormal, the largest finite float.
std::vector<float> tricky_floats() {
  return {std::bit_cast<float>(std::uint32_t{0x7FC00123}), std::numeric_limits<float>::infinity(),
          -std::numeric_limits<float>::infinity(), -0.0f, std::numeric_limits<float>::denorm_min(),
          std::numeric_limits<float>::max(), 1.0f / 3.0f, -2.5e-20f, 7.0f, 123456.789f, -1.0f, 0.0f};
}

void expect_same_bits(const std::vector<float>& got, const std::vector<float>& want) {
  ASSERT_EQ(got.size(), want.size());
  EXPECT_EQ(std::memcmp(got.data(), want.data(), got.size() * sizeof(float)), 0);
}

/// Runs `read` and expects an InputError whose message names `path` and contains `fragment`.
template <typename Read>
void expect_input_error(const std::string& path, Read&& read, const std::string& fragment) {
  try {
    read(path);
    ADD_FAILURE() << path << ": expected InputError containing '" << fragment << "'";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find(fragment), std::string::npos) << message;
  }
}

const auto read_matrix = [](const std::string& p) { return read_npy_matrix(p); };
const auto read_labels = [](const std::string& p) { return read_npy_labels(p); };
const auto read_info = [](const std::string& p) { return read_npy_info(p); };

// ---- round trips ---------------------------------------------------------------------------

TEST(NpyRoundTrip, MatrixKeepsEveryBit) {
  ScratchDir dir;
  Matrix<float> m(3, 4);
  m.values = tricky_floats();
  const std::string path = dir.file("m.npy");
  write_npy(path, m);
  const Matrix<float> back = read_npy_matrix(path);
  EXPECT_EQ(back.rows, 3u);
  EXPECT_EQ(back.cols, 4u);
  expect_same_bits(back.values, m.values);
}

TEST(NpyRoundTrip, HeaderIsVersion1WithDataAlignedTo64Bytes) {
  ScratchDir dir;
  Matrix<float> m(2, 3);
  const std::string path = dir.file("m.npy");
  write_npy(path, m);
  const NpyInfo info = read_npy_info(path);
  EXPECT_EQ(info.dtype, "<f4");
  EXPECT_FALSE(info.fortran_order);
  EXPECT_EQ(info.shape, (std::vector<std::uint64_t>{2, 3}));
  EXPECT_EQ(info.data_offset % 64, 0u);
  const std::string bytes = read_file(path);
  EXPECT_EQ(bytes.size(), info.data_offset + 6 * sizeof(float));
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
  EXPECT_EQ(bytes[info.data_offset - 1], '\n');
}

TEST(NpyRoundTrip, EmptyMatrixKeepsItsWidth) {
  ScratchDir dir;
  const std::string path = dir.file("empty.npy");
  write_npy(path, Matrix<float>(0, 5));
  const Matrix<float> back = read_npy_matrix(path);
  EXPECT_EQ(back.rows, 0u);
  EXPECT_EQ(back.cols, 5u);
}

TEST(NpyRoundTrip, Labels) {
  ScratchDir dir;
  const std::vector<std::int64_t> labels{-1, 0, 3, std::numeric_limits<std::int64_t>::min(),
                                         std::numeric_limits<std::int64_t>::max(), 42};
  const std::string path = dir.file("labels.npy");
  write_npy(path, std::span<const std::int64_t>(labels));
  EXPECT_EQ(read_npy_labels(path), labels);
  const NpyInfo info = read_npy_info(path);
  EXPECT_EQ(info.dtype, "<i8");
  EXPECT_EQ(info.shape, (std::vector<std::uint64_t>{labels.size()}));
  EXPECT_EQ(info.data_offset % 64, 0u);
}

TEST(NpyRoundTrip, EmptyLabels) {
  ScratchDir dir;
  const std::string path = dir.file("labels.npy");
  write_npy(path, std::span<const std::int64_t>());
  EXPECT_TRUE(read_npy_labels(path).empty());
}

// ---- what the reader accepts -----------------------------------------------------------------

TEST(NpyRead, OneDimensionalArrayBecomesAColumn) {
  ScratchDir dir;
  const std::vector<float> v{1.5f, -2.0f, 3.25f};
  const std::string path = dir.write("v.npy", npy_bytes(dict_for("<f4", "(3,)"), raw_bytes(v)));
  const Matrix<float> m = read_npy_matrix(path);
  EXPECT_EQ(m.rows, 3u);
  EXPECT_EQ(m.cols, 1u);
  expect_same_bits(m.values, v);
}

TEST(NpyRead, HeaderVersions2And3) {
  ScratchDir dir;
  const std::vector<float> v{1, 2, 3, 4, 5, 6};
  for (const int major : {2, 3}) {
    const std::string path =
        dir.write("v" + std::to_string(major) + ".npy", npy_bytes(dict_for("<f4", "(2, 3)"), raw_bytes(v), major));
    const NpyInfo info = read_npy_info(path);
    EXPECT_EQ(info.data_offset % 64, 0u);
    const Matrix<float> m = read_npy_matrix(path);
    EXPECT_EQ(m.rows, 2u);
    EXPECT_EQ(m.cols, 3u);
    expect_same_bits(m.values, v);
  }
}

TEST(NpyRead, KeysInAnyOrderAnyQuotesAndSpacing) {
  ScratchDir dir;
  const std::vector<float> v{1, 2, 3, 4};
  const std::string path = dir.write(
      "odd.npy", npy_bytes("{ \"shape\":(2L,2L,) ,'fortran_order' :False,\t'descr':\"<f4\"}", raw_bytes(v)));
  const NpyInfo info = read_npy_info(path);
  EXPECT_EQ(info.dtype, "<f4");
  EXPECT_EQ(info.shape, (std::vector<std::uint64_t>{2, 2}));
  expect_same_bits(read_npy_matrix(path).values, v);
}

TEST(NpyRead, InfoReportsAnyDtypeAndScalarShape) {
  ScratchDir dir;
  const std::string path = dir.write("s.npy", npy_bytes(dict_for("<i2", "()"), std::string(2, '\0')));
  const NpyInfo info = read_npy_info(path);
  EXPECT_EQ(info.dtype, "<i2");
  EXPECT_TRUE(info.shape.empty());
}

TEST(NpyRead, FortranOrderIsTransposedToRowMajor) {
  ScratchDir dir;
  // The 2 x 3 matrix [[1 2 3] [4 5 6]] stored column by column.
  const std::vector<float> f4{1, 4, 2, 5, 3, 6};
  const std::vector<double> f8{1, 4, 2, 5, 3, 6};
  const std::vector<float> row_major{1, 2, 3, 4, 5, 6};
  const std::string p4 = dir.write("f4.npy", npy_bytes(dict_for("<f4", "(2, 3)", true), raw_bytes(f4)));
  const std::string p8 = dir.write("f8.npy", npy_bytes(dict_for("<f8", "(2, 3)", true), raw_bytes(f8)));
  for (const std::string& path : {p4, p8}) {
    const Matrix<float> m = read_npy_matrix(path);
    EXPECT_EQ(m.rows, 2u);
    EXPECT_EQ(m.cols, 3u);
    expect_same_bits(m.values, row_major);
  }
}

// Large enough to cross the reader's tiles (16 columns x 4096 rows) with remainders both ways.
TEST(NpyRead, FortranOrderAcrossTiles) {
  ScratchDir dir;
  const std::size_t rows = 5000, cols = 37;
  std::vector<float> row_major(rows * cols), f4(rows * cols);
  std::vector<double> f8(rows * cols);
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < cols; ++j) {
      row_major[i * cols + j] = static_cast<float>(i * 1000 + j);
      f4[j * rows + i] = row_major[i * cols + j];
      f8[j * rows + i] = row_major[i * cols + j];
    }
  }
  const std::string shape = "(5000, 37)";
  const std::string p4 = dir.write("f4.npy", npy_bytes(dict_for("<f4", shape, true), raw_bytes(f4)));
  const std::string p8 = dir.write("f8.npy", npy_bytes(dict_for("<f8", shape, true), raw_bytes(f8)));
  for (const std::string& path : {p4, p8}) {
    const Matrix<float> m = read_npy_matrix(path);
    EXPECT_EQ(m.rows, rows);
    EXPECT_EQ(m.cols, cols);
    expect_same_bits(m.values, row_major);
  }
}

/// Reads `bytes` through a named pipe, where the size is unknown and only sequential reads work.
/// The data must fit the pipe's buffer (64 KiB) so the writer never waits on a reader that failed.
template <typename Read>
auto read_through_pipe(const ScratchDir& dir, const std::string& bytes, Read&& read) {
  const std::string fifo = dir.file("pipe.npy");
  std::filesystem::remove(fifo);
  if (::mkfifo(fifo.c_str(), 0600) != 0) throw std::runtime_error("mkfifo failed");
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << bytes; });
  try {
    auto result = read(fifo);
    writer.join();
    return result;
  } catch (...) {
    writer.join();
    throw;
  }
}

TEST(NpyRead, FromAPipe) {
  ScratchDir dir;
  const std::vector<float> column_major{1, 4, 2, 5, 3, 6}, row_major{1, 2, 3, 4, 5, 6};
  const Matrix<float> c =
      read_through_pipe(dir, npy_bytes(dict_for("<f4", "(2, 3)"), raw_bytes(row_major)), read_matrix);
  expect_same_bits(c.values, row_major);
  const Matrix<float> f =
      read_through_pipe(dir, npy_bytes(dict_for("<f4", "(2, 3)", true), raw_bytes(column_major)), read_matrix);
  EXPECT_EQ(f.rows, 2u);
  expect_same_bits(f.values, row_major);
  const std::vector<std::int32_t> i4{3, -1, 4};
  EXPECT_EQ(read_through_pipe(dir, npy_bytes(dict_for("<i4", "(3,)"), raw_bytes(i4)), read_labels),
            (std::vector<std::int64_t>{3, -1, 4}));
  try {
    read_through_pipe(dir, npy_bytes(dict_for("<f4", "(2, 3)"), std::string(10, '\0')), read_matrix);
    ADD_FAILURE() << "expected InputError for a truncated pipe";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
  }
  // A pipe's size is unknown, so a false shape is caught when the allocation fails (2^60 + 1
  // int64 values: over std::vector's max_size, so nothing is requested from the allocator).
  try {
    read_through_pipe(dir, npy_bytes(dict_for("<i8", "(1152921504606846977,)"), ""), read_labels);
    ADD_FAILURE() << "expected InputError for an impossible size";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("do not fit in memory"), std::string::npos) << e.what();
  }
}

TEST(NpyRead, Float64IsRoundedToNearestFloat32) {
  ScratchDir dir;
  const std::vector<double> f8{0.1, 1.0 / 3.0, 1e300, -1e-300, 16777217.0, -0.0};
  const std::string path = dir.write("f8.npy", npy_bytes(dict_for("<f8", "(3, 2)"), raw_bytes(f8)));
  std::vector<float> want;
  for (const double d : f8) want.push_back(static_cast<float>(d));
  expect_same_bits(read_npy_matrix(path).values, want);
}

TEST(NpyRead, Int32LabelsAndColumnShape) {
  ScratchDir dir;
  const std::vector<std::int32_t> i4{-1, 0, 7, std::numeric_limits<std::int32_t>::min()};
  const std::vector<std::int64_t> i8{5, -1, 2};
  const std::string p4 = dir.write("i4.npy", npy_bytes(dict_for("<i4", "(4,)"), raw_bytes(i4)));
  const std::string p8 = dir.write("i8.npy", npy_bytes(dict_for("<i8", "(3, 1)"), raw_bytes(i8)));
  EXPECT_EQ(read_npy_labels(p4), (std::vector<std::int64_t>{-1, 0, 7, std::numeric_limits<std::int32_t>::min()}));
  EXPECT_EQ(read_npy_labels(p8), i8);
}

// ---- what the reader refuses ------------------------------------------------------------------

TEST(NpyErrors, TruncatedDataSaysWhatWasPromised) {
  ScratchDir dir;
  const std::string path = dir.write("emb.npy", npy_bytes(dict_for("<f4", "(1000, 384)"), std::string(12, 'x')));
  expect_input_error(path, read_matrix,
                     "truncated: header says 1000 x 384 float32 (1536000 bytes of data), file has 12 bytes");
}

TEST(NpyErrors, TruncatedLabels) {
  ScratchDir dir;
  const std::string path = dir.write("l.npy", npy_bytes(dict_for("<i8", "(3,)"), std::string(16, '\0')));
  expect_input_error(path, read_labels, "truncated");
}

TEST(NpyErrors, BytesAfterTheData) {
  ScratchDir dir;
  const std::string path = dir.write("long.npy", npy_bytes(dict_for("<f4", "(1, 2)"), std::string(12, '\0')));
  expect_input_error(path, read_matrix, "4 unexpected bytes after the data");
}

TEST(NpyErrors, BadMagicEmptyFileAndShortPreamble) {
  ScratchDir dir;
  expect_input_error(dir.write("text.npy", "hello, this is not numpy\n"), read_matrix, "not a .npy file");
  expect_input_error(dir.write("empty.npy", ""), read_info, "not a .npy file");
  expect_input_error(dir.write("short.npy", std::string("\x93NUMPY\x01", 7)), read_info, "truncated");
  expect_input_error(dir.write("nolen.npy", std::string("\x93NUMPY\x01\x00\x40", 9)), read_info, "truncated");
  const std::string full = npy_bytes(dict_for("<f4", "(1, 1)"), std::string(4, '\0'));
  expect_input_error(dir.write("cut.npy", full.substr(0, 30)), read_info, "truncated");
}

TEST(NpyErrors, UnknownVersions) {
  ScratchDir dir;
  std::string v4 = npy_bytes(dict_for("<f4", "(1, 1)"), std::string(4, '\0'), 2);
  v4[6] = 4;
  std::string v11 = npy_bytes(dict_for("<f4", "(1, 1)"), std::string(4, '\0'));
  v11[7] = 1;
  expect_input_error(dir.write("v4.npy", v4), read_info, "unsupported .npy format version 4.0");
  expect_input_error(dir.write("v11.npy", v11), read_info, "unsupported .npy format version 1.1");
}

TEST(NpyErrors, UnsupportedDtypes) {
  ScratchDir dir;
  expect_input_error(dir.write("i2.npy", npy_bytes(dict_for("<i2", "(2, 2)"), std::string(8, '\0'))), read_matrix,
                     "unsupported dtype '<i2' (int16)");
  expect_input_error(dir.write("be.npy", npy_bytes(dict_for(">f4", "(2, 2)"), std::string(16, '\0'))), read_matrix,
                     "big-endian dtype '>f4'");
  expect_input_error(dir.write("obj.npy", npy_bytes(dict_for("|O", "(2,)"), std::string(16, '\0'))), read_matrix,
                     "object arrays");
  expect_input_error(dir.write("f4l.npy", npy_bytes(dict_for("<f4", "(2,)"), std::string(8, '\0'))), read_labels,
                     "unsupported dtype '<f4' (float32)");
  expect_input_error(dir.write("u8.npy", npy_bytes(dict_for("<u8", "(2,)"), std::string(16, '\0'))), read_labels,
                     "unsupported dtype '<u8' (uint64)");
  expect_input_error(dir.write("bei8.npy", npy_bytes(dict_for(">i8", "(2,)"), std::string(16, '\0'))), read_labels,
                     "big-endian");
}

TEST(NpyErrors, UnsupportedShapes) {
  ScratchDir dir;
  expect_input_error(dir.write("3d.npy", npy_bytes(dict_for("<f4", "(2, 2, 2)"), std::string(32, '\0'))),
                     read_matrix, "3-d array of shape 2 x 2 x 2");
  expect_input_error(dir.write("0d.npy", npy_bytes(dict_for("<f4", "()"), std::string(4, '\0'))), read_matrix,
                     "0-d array of shape scalar");
  expect_input_error(dir.write("wide.npy", npy_bytes(dict_for("<i8", "(2, 2)"), std::string(32, '\0'))),
                     read_labels, "got shape 2 x 2");
}

TEST(NpyErrors, SizeOverflow) {
  ScratchDir dir;
  expect_input_error(dir.write("big.npy", npy_bytes(dict_for("<f4", "(4294967296, 4294967296)"), "")), read_matrix,
                     "size overflow");
  expect_input_error(dir.write("huge.npy", npy_bytes(dict_for("<f4", "(99999999999999999999999,)"), "")), read_info,
                     "size overflow");
}

TEST(NpyErrors, MalformedHeaders) {
  ScratchDir dir;
  const std::vector<std::pair<std::string, std::string>> cases{
      {"{'descr': '<f4', 'fortran_order': False}", "no 'shape' key"},
      {"{'fortran_order': False, 'shape': (1,)}", "no 'descr' key"},
      {"{'descr': '<f4', 'shape': (1,)}", "no 'fortran_order' key"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1}", "unknown key 'extra'"},
      {"{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}", "key 'descr' appears twice"},
      {"{'descr' '<f4', 'fortran_order': False, 'shape': (1,)}", "expected ':' after the key"},
      {"{'descr': '<f4' 'fortran_order': False, 'shape': (1,)}", "expected ',' or '}' after a value"},
      {"{'descr': '<f4', 'fortran_order': false, 'shape': (1,)}", "expected True or False"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}", "negative dimension"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': [1]}", "expected a tuple"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1, x)}", "expected an integer dimension"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,) ", "expected ',' or '}'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,)} junk", "unexpected text after"},
      {"'descr': '<f4'", "expected the header to start with '{'"},
      {"{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,)}", "structured dtypes"},
      {"{'descr': '<f4", "unterminated string"},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::string path = dir.write("bad" + std::to_string(i) + ".npy", npy_bytes(cases[i].first, ""));
    SCOPED_TRACE(cases[i].first);
    expect_input_error(path, read_info, "malformed .npy header: " + cases[i].second);
  }
}

TEST(NpyErrors, MissingFileIsAnErrorNamingIt) {
  ScratchDir dir;
  const std::string path = dir.file("absent.npy");
  try {
    read_npy_matrix(path);
    ADD_FAILURE() << "expected Error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}

// ---- writing -----------------------------------------------------------------------------------

TEST(NpyWrite, FailedWriteLeavesNoFileAndKeepsTheOldOne) {
  ScratchDir dir;
  const std::string path = dir.write("m.npy", "old contents");
  Matrix<float> broken(2, 2);
  broken.values.pop_back();
  EXPECT_THROW(write_npy(path, broken), Error);
  EXPECT_EQ(read_file(path), "old contents");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1u);  // no temporary left behind
}

TEST(NpyWrite, UnwritableDirectoryIsAnError) {
  ScratchDir dir;
  EXPECT_THROW(write_npy(dir.file("missing/m.npy"), Matrix<float>(1, 1)), Error);
  EXPECT_FALSE(std::filesystem::exists(dir.file("missing/m.npy")));
}

// ---- interop with numpy -------------------------------------------------------------------------

class NpyNumpy : public ::testing::Test {
 protected:
  void SetUp() override {
    if (run_shell("/usr/bin/python3 -c 'import numpy' 2>/dev/null").exit_code != 0) {
      GTEST_SKIP() << "numpy is missing (/usr/bin/python3 -c 'import numpy' failed); "
                      "scripts/install-deps installs python3-numpy";
    }
  }

  /// Runs a Python script with the scratch folder as its argument; fails the test on a non-zero exit.
  void python(const std::string& script, const std::string& args = "") {
    const std::string file = dir_.write("script.py", script);
    const test::RunResult r = run_shell("/usr/bin/python3 '" + file + "' '" + dir_.path().string() + "' " + args);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }

  ScratchDir dir_;
};

// numpy writes: float32 and float64, C and Fortran order, 1-d and 2-d, versions 1.0 to 3.0, int32
// and int64 labels. Beside each it writes the values topica must produce, as raw C-order bytes
// (float64 converted by numpy's own astype), which are compared bit for bit.
constexpr const char* kNumpyWrites = R"PY(
import sys
import numpy as np
d = sys.argv[1]
rng = np.random.default_rng(7)
a64 = rng.standard_normal((37, 11)) * 1000.0
a64[0, :6] = [np.nan, np.inf, -np.inf, -0.0, 1e-310, 1e39]  # 1e-310 -> 0 and 1e39 -> inf in float32
with np.errstate(over='ignore'):
    a32 = a64.astype(np.float32)
a32[1, 0] = np.float32(1e-45)  # the smallest float32 subnormal
a32[1, 1] = np.frombuffer(np.uint32(0x7FC00123).tobytes(), dtype=np.float32)[0]  # NaN with a payload
np.save(f'{d}/f4_c.npy', a32)
np.save(f'{d}/f4_f.npy', np.asfortranarray(a32))
np.save(f'{d}/f8_c.npy', a64)
np.save(f'{d}/f8_f.npy', np.asfortranarray(a64))
np.save(f'{d}/f4_1d.npy', np.ascontiguousarray(a32[:, 3]))
for version in [(2, 0), (3, 0)]:
    with open(f'{d}/f4_v{version[0]}.npy', 'wb') as f:
        np.lib.format.write_array(f, a32, version=version)
labels = np.array([-1, 0, 5, 2**31 - 1, -2**31, 3], dtype=np.int64)
np.save(f'{d}/i8.npy', labels)
np.save(f'{d}/i8_col.npy', labels.reshape(-1, 1))
np.save(f'{d}/i4.npy', labels.astype(np.int32))
a32.astype('<f4').tofile(f'{d}/f4.expected')
with np.errstate(over='ignore'):
    a64.astype('<f4').tofile(f'{d}/f8.expected')
np.ascontiguousarray(a32[:, 3]).astype('<f4').tofile(f'{d}/f4_1d.expected')
labels.astype('<i8').tofile(f'{d}/labels.expected')
)PY";

std::vector<float> floats_from(const std::string& bytes) {
  std::vector<float> v(bytes.size() / sizeof(float));
  std::memcpy(v.data(), bytes.data(), v.size() * sizeof(float));
  return v;
}

TEST_F(NpyNumpy, TopicaReadsWhatNumpyWrites) {
  python(kNumpyWrites);
  const auto file = [&](const std::string& name) { return dir_.file(name); };
  const std::vector<float> f4 = floats_from(read_file(file("f4.expected")));
  const std::vector<float> f8 = floats_from(read_file(file("f8.expected")));
  ASSERT_EQ(f4.size(), 37u * 11u);
  EXPECT_TRUE(read_npy_info(file("f4_f.npy")).fortran_order);
  EXPECT_TRUE(read_npy_info(file("f8_f.npy")).fortran_order);
  for (const auto& [name, want] : std::vector<std::pair<std::string, const std::vector<float>*>>{
           {"f4_c.npy", &f4}, {"f4_f.npy", &f4}, {"f8_c.npy", &f8}, {"f8_f.npy", &f8},
           {"f4_v2.npy", &f4}, {"f4_v3.npy", &f4}}) {
    SCOPED_TRACE(name);
    const Matrix<float> m = read_npy_matrix(file(name));
    EXPECT_EQ(m.rows, 37u);
    EXPECT_EQ(m.cols, 11u);
    expect_same_bits(m.values, *want);
  }
  const Matrix<float> column = read_npy_matrix(file("f4_1d.npy"));
  EXPECT_EQ(column.cols, 1u);
  expect_same_bits(column.values, floats_from(read_file(file("f4_1d.expected"))));

  const std::string label_bytes = read_file(file("labels.expected"));
  std::vector<std::int64_t> labels(label_bytes.size() / sizeof(std::int64_t));
  std::memcpy(labels.data(), label_bytes.data(), label_bytes.size());
  ASSERT_EQ(labels.size(), 6u);
  for (const char* name : {"i8.npy", "i8_col.npy", "i4.npy"}) EXPECT_EQ(read_npy_labels(file(name)), labels) << name;
}

// numpy loads what topica writes: dtype, shape and every bit, and finds the data 64-byte aligned.
constexpr const char* kNumpyChecks = R"PY(
import sys
import numpy as np
d, rows, cols = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
m = np.load(f'{d}/m.npy')
assert m.dtype == np.dtype('<f4'), m.dtype
assert m.shape == (rows, cols), m.shape
assert m.flags.c_contiguous
want = np.fromfile(f'{d}/m.bin', dtype='<u4').reshape(rows, cols)
assert np.array_equal(m.view('<u4'), want), 'values differ'
e = np.load(f'{d}/empty.npy')
assert e.dtype == np.dtype('<f4') and e.shape == (0, 7), (e.dtype, e.shape)
labels = np.load(f'{d}/labels.npy')
assert labels.dtype == np.dtype('<i8'), labels.dtype
assert labels.shape == (5,), labels.shape
assert labels.tolist() == [-1, 0, 9, -9223372036854775808, 9223372036854775807], labels.tolist()
with open(f'{d}/m.npy', 'rb') as f:
    assert np.lib.format.read_magic(f) == (1, 0)
    np.lib.format.read_array_header_1_0(f)
    assert f.tell() % 64 == 0, f.tell()
print('ok')
)PY";

TEST_F(NpyNumpy, NumpyLoadsWhatTopicaWrites) {
  Matrix<float> m(25, 9);
  const std::vector<float> tricky = tricky_floats();
  for (std::size_t k = 0; k < m.values.size(); ++k) {
    const float spread = std::ldexp(static_cast<float>(k) - 100.0f, static_cast<int>(k % 17) - 8);
    m.values[k] = k < tricky.size() ? tricky[k] : spread;
  }
  write_npy(dir_.file("m.npy"), m);
  dir_.write("m.bin", raw_bytes(m.values));
  write_npy(dir_.file("empty.npy"), Matrix<float>(0, 7));
  const std::vector<std::int64_t> labels{-1, 0, 9, std::numeric_limits<std::int64_t>::min(),
                                         std::numeric_limits<std::int64_t>::max()};
  write_npy(dir_.file("labels.npy"), std::span<const std::int64_t>(labels));
  python(kNumpyChecks, "25 9");
}

}  // namespace
}  // namespace topica
