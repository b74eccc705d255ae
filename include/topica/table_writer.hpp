// Tables out: CSV (RFC 4180 quoting) and JSON Lines, written through AtomicFile so a failed run
// leaves no partial table.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "topica/atomic_file.hpp"

namespace topica {

/// One CSV field: quoted when it holds a comma, a quote, CR or LF (quotes doubled), else as is.
std::string csv_field(std::string_view value);

/// Writes a header and rows of fields as CSV with "\n" line ends.
class CsvWriter {
 public:
  CsvWriter(const std::string& path, std::initializer_list<std::string_view> header);
  CsvWriter(const std::string& path, const std::vector<std::string>& header);
  void row(std::initializer_list<std::string_view> fields);
  void row(const std::vector<std::string>& fields);
  /// Makes the file visible under its name; without it nothing is left behind.
  void commit() { file_.commit(); }

 private:
  template <typename Range>
  void write_row(const Range& fields);
  AtomicFile file_;
  std::size_t columns_ = 0;
  std::string line_;
};

/// Writes one JSON document per line (each line must be a complete JSON text without newlines).
class JsonlWriter {
 public:
  explicit JsonlWriter(const std::string& path) : file_(path) {}
  void line(std::string_view json);
  void commit() { file_.commit(); }

 private:
  AtomicFile file_;
};

}  // namespace topica
