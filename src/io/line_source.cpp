#include "io/line_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "core/utf8.hpp"
#include "topica/error.hpp"

namespace topica::io {
namespace {
constexpr std::size_t kChunk = 1 << 20;  // 1 MiB reads: large enough for full disk throughput
}

InputError invalid_utf8_error(const std::string& source, std::uint64_t line, unsigned char byte) {
  return InputError(fmt::format(
      "{}: line {}: invalid UTF-8 (byte 0x{:02X}); re-encode the file as UTF-8 or pass --on-invalid replace",
      source, line, byte));
}

LineSource::LineSource(const std::string& path, OnInvalidUtf8 on_invalid)
    : name_(path == "-" ? "<stdin>" : path), on_invalid_(on_invalid), buffer_(kChunk) {
  if (path == "-") {
    fd_ = STDIN_FILENO;
    return;
  }
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw Error(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  owns_fd_ = true;
  struct stat st{};
  if (::fstat(fd_, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd_);
    throw Error(fmt::format("{}: is a directory, not a file", path));
  }
  ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
}

LineSource::~LineSource() {
  if (owns_fd_) ::close(fd_);
}

bool LineSource::fill() {
  if (eof_) return false;
  if (begin_ > 0) {  // keep the partial line at the front
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buffer_.size() - end_ < kChunk / 2) buffer_.resize(buffer_.size() * 2);  // a very long line
  for (;;) {
    const ssize_t n = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
    if (n > 0) {
      end_ += static_cast<std::size_t>(n);
      return true;
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    if (errno != EINTR) throw Error(fmt::format("{}: read failed: {}", name_, std::strerror(errno)));
  }
}

bool LineSource::next(std::string_view& line) {
  std::size_t scanned = begin_;
  for (;;) {
    const void* nl = std::memchr(buffer_.data() + scanned, '\n', end_ - scanned);
    if (nl != nullptr) {
      const std::size_t at = static_cast<const char*>(nl) - buffer_.data();
      line = std::string_view(buffer_.data() + begin_, at - begin_);
      begin_ = at + 1;
      break;
    }
    const std::size_t offset = scanned - begin_;
    if (!fill()) {
      if (begin_ == end_) return false;  // no final unterminated line
      line = std::string_view(buffer_.data() + begin_, end_ - begin_);
      begin_ = end_;
      break;
    }
    scanned = begin_ + offset;
  }
  ++line_number_;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line_number_ == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
  line = checked(line);
  return true;
}

std::string_view LineSource::checked(std::string_view line) {
  const std::size_t bad = utf8::find_invalid(line);
  if (bad == std::string_view::npos) return line;
  if (on_invalid_ == OnInvalidUtf8::Error) {
    throw invalid_utf8_error(name_, line_number_, static_cast<unsigned char>(line[bad]));
  }
  repaired_ = utf8::replace_invalid(line);
  return repaired_;
}

}  // namespace topica::io
