// Reads a file (or standard input) line by line through a fixed-size buffer, so that a file of
// any size streams in bounded memory. Checks UTF-8 as it goes. Internal to libtopica.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "topica/corpus.hpp"
#include "topica/error.hpp"

namespace topica::io {

/// The one message for invalid UTF-8, wherever it is found.
InputError invalid_utf8_error(const std::string& source, std::uint64_t line, unsigned char byte);

class LineSource {
 public:
  /// Opens `path` ("-" = standard input). Throws Error naming the path if it cannot be read.
  LineSource(const std::string& path, OnInvalidUtf8 on_invalid);
  ~LineSource();
  LineSource(const LineSource&) = delete;
  LineSource& operator=(const LineSource&) = delete;

  /// The next line without its "\n" (and without a trailing "\r"); a UTF-8 byte-order mark at
  /// the start of the file is dropped. The view stays valid until the next call. False at EOF.
  bool next(std::string_view& line);
  /// 1-based number of the line last returned.
  std::uint64_t line_number() const { return line_number_; }
  const std::string& name() const { return name_; }

 private:
  bool fill();  // reads more bytes; false at end of input
  std::string_view checked(std::string_view line);

  std::string name_;
  int fd_ = -1;
  bool owns_fd_ = false;
  OnInvalidUtf8 on_invalid_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0, end_ = 0;  // unread bytes are buffer_[begin_, end_)
  bool eof_ = false;
  std::uint64_t line_number_ = 0;
  std::string repaired_;  // holds a line after U+FFFD substitution
};

}  // namespace topica::io
