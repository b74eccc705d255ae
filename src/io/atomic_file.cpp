#include "topica/atomic_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  if (path_ == "-") {
    to_stdout_ = true;
    file_ = stdout;
    return;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path_, ec)) throw Error(fmt::format("{}: is a directory, expected a file name", path_));
  const auto slash = path_.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "." : path_.substr(0, slash == 0 ? 1 : slash);
  const std::string base = slash == std::string::npos ? path_ : path_.substr(slash + 1);
  std::string temp = (dir == "." && slash == std::string::npos ? std::string() : dir + "/") + "." + base + ".tmp.XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) throw Error(fmt::format("{}: cannot create an output file in '{}': {}", path_, dir, std::strerror(errno)));
  ::fchmod(fd, 0644);  // mkstemp makes 0600; outputs are ordinary files
  file_ = ::fdopen(fd, "wb");
  if (file_ == nullptr) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw Error(fmt::format("{}: cannot open for writing: {}", path_, std::strerror(errno)));
  }
  temp_path_ = std::move(temp);
}

AtomicFile::AtomicFile(std::string path, std::string identical_candidate) : AtomicFile(std::move(path)) {
  if (to_stdout_ || identical_candidate.empty()) return;
  const int fd = ::open(identical_candidate.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;  // no candidate: an ordinary write
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    void* mapped = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (mapped != MAP_FAILED) {
      candidate_ = static_cast<const char*>(mapped);
      candidate_size_ = static_cast<std::size_t>(st.st_size);
      candidate_path_ = std::move(identical_candidate);
      comparing_ = true;
    }
  }
  ::close(fd);
}

AtomicFile::~AtomicFile() {
  if (candidate_ != nullptr) ::munmap(const_cast<char*>(candidate_), candidate_size_);
  if (to_stdout_ || committed_ || file_ == nullptr) return;
  std::fclose(file_);
  ::unlink(temp_path_.c_str());
}

// The bytes differ from the candidate's: write the prefix that matched, then carry on writing.
void AtomicFile::stop_comparing() {
  comparing_ = false;
  if (matched_ > 0 && std::fwrite(candidate_, 1, matched_, file_) != matched_) {
    throw Error(fmt::format("{}: write failed: {}", path_, std::strerror(errno)));
  }
}

void AtomicFile::write(std::string_view bytes) { write(bytes.data(), bytes.size()); }

void AtomicFile::write(const void* data, std::size_t size) {
  if (size == 0) return;
  if (comparing_) {
    if (size <= candidate_size_ - matched_ && std::memcmp(candidate_ + matched_, data, size) == 0) {
      matched_ += size;
      return;
    }
    stop_comparing();
  }
  if (std::fwrite(data, 1, size, file_) != size) {
    throw Error(fmt::format("{}: write failed: {}", path_, std::strerror(errno)));
  }
}

void AtomicFile::commit() {
  if (committed_) return;
  if (to_stdout_) {
    std::fflush(stdout);
    committed_ = true;
    return;
  }
  if (comparing_ && matched_ == candidate_size_) {
    // Identical: the temporary name becomes a link to (or, across file systems, a copy of) the
    // candidate, then replaces the target like any other output.
    std::fclose(file_);
    file_ = nullptr;
    ::unlink(temp_path_.c_str());
    std::error_code ec;
    std::filesystem::create_hard_link(candidate_path_, temp_path_, ec);
    if (ec) std::filesystem::copy_file(candidate_path_, temp_path_, ec);
    if (ec || std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
      const std::string why = ec ? ec.message() : std::strerror(errno);
      ::unlink(temp_path_.c_str());
      throw Error(fmt::format("{}: cannot finish writing: {}", path_, why));
    }
    committed_ = true;
    return;
  }
  if (comparing_) stop_comparing();  // a shorter file than the candidate
  // No fsync: the rename already guarantees that a failed or killed run leaves the old file or
  // none, never a partial one; syncing would triple the cost of large writes (bench/npy.sh).
  const bool flushed = std::fflush(file_) == 0;
  const int saved = errno;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!flushed || !closed || std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    const int err = !flushed ? saved : errno;
    ::unlink(temp_path_.c_str());
    throw Error(fmt::format("{}: cannot finish writing: {}", path_, std::strerror(err)));
  }
  committed_ = true;
}

void write_file_atomically(const std::string& path, std::string_view content) {
  AtomicFile file(path);
  file.write(content);
  file.commit();
}

void write_file_atomically(const std::string& path, std::string_view content, const std::string& identical_candidate) {
  AtomicFile file(path, identical_candidate);
  file.write(content);
  file.commit();
}

}  // namespace topica

namespace topica {

void write_folder_atomically(const std::string& dir, const std::function<void(const std::string& folder)>& write,
                             const std::function<bool(const std::string& existing)>& may_replace,
                             const std::string& refusal) {
  namespace fs = std::filesystem;
  const fs::path target = fs::absolute(dir).lexically_normal();
  std::error_code ec;
  const bool exists = fs::exists(target, ec);
  if (exists && !fs::is_directory(target)) throw UsageError(fmt::format("{}: exists and is not a folder", dir));
  if (exists && !fs::is_empty(target) && !may_replace(target.string())) throw UsageError(refusal);
  fs::create_directories(target.parent_path(), ec);
  std::string staging = (target.parent_path() / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  if (::mkdtemp(staging.data()) == nullptr) throw Error(fmt::format("{}: cannot create a folder beside it", dir));
  try {
    write(staging);
    if (exists) {
      const fs::path old = target.parent_path() / ("." + target.filename().string() + ".old");
      fs::remove_all(old);
      fs::rename(target, old);
      fs::rename(staging, target);
      fs::remove_all(old);
    } else {
      fs::rename(staging, target);
    }
  } catch (...) {
    fs::remove_all(staging, ec);
    throw;
  }
}

}  // namespace topica
