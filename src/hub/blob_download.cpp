// Downloading one blob: lock, resume the .incomplete file, verify, rename. A blob in blobs/ has
// always been verified; a failed verification deletes the download so the next pull starts clean.
#include "hub/blob_download.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "hub/file_digest.hpp"
#include "topica/error.hpp"

namespace topica::hub {
namespace fs = std::filesystem;
namespace {

// An exclusive flock(2) on a lock file, held for the object's lifetime (huggingface_hub's
// filelock takes the same kind of lock on the same path, so Python and topica wait for each other).
class FileLock {
 public:
  explicit FileLock(const fs::path& path) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw Error(fmt::format("{}: cannot create a lock file: {}", path.string(), std::strerror(errno)));
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno != EINTR) {
        ::close(fd_);
        throw Error(fmt::format("{}: cannot lock: {}", path.string(), std::strerror(errno)));
      }
    }
  }
  ~FileLock() { ::close(fd_); }  // closing releases the lock
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

// "bytes 100-199/200" -> 100.
std::optional<std::uint64_t> range_start(const std::string& content_range) {
  std::uint64_t start = 0;
  if (std::sscanf(content_range.c_str(), "bytes %lu-", &start) != 1) return std::nullopt;
  return start;
}

// A download that cannot become the listed file: deleting it makes the next pull start over.
class CorruptDownload : public Error {
 public:
  using Error::Error;
};

// Appends the rest of `file` to `incomplete`, which holds `have` bytes of it. Returns the bytes received.
std::uint64_t download_rest(const HttpClient& http, const std::string& url, const RepoFile& file,
                            const fs::path& incomplete, std::uint64_t have, const BlobProgress& progress) {
  std::unique_ptr<std::FILE, decltype(&std::fclose)> out(std::fopen(incomplete.c_str(), "ab"), &std::fclose);
  if (!out) throw Error(fmt::format("{}: cannot write: {}", incomplete.string(), std::strerror(errno)));
  std::uint64_t received = 0;
  const auto report = [&] {
    if (progress) progress(file.path, have, file.size);
  };
  const BodySink sink{
      [&](const HttpResponse& response) {
        if (response.status == 206) {
          if (range_start(response.content_range) != have) {
            throw CorruptDownload(fmt::format("{}: the server resumed at '{}', not at byte {}", file.path,
                                              response.content_range, have));
          }
          return;
        }
        // The server ignored the Range request and sends the whole file: start over.
        if (have > 0 && (std::fflush(out.get()) != 0 || ::ftruncate(::fileno(out.get()), 0) != 0)) {
          throw Error(fmt::format("{}: cannot truncate: {}", incomplete.string(), std::strerror(errno)));
        }
        have = 0;
      },
      [&](std::string_view bytes) {
        if (have + bytes.size() > file.size) {
          throw CorruptDownload(fmt::format("{}: the server sent more than the {} bytes the hub lists", file.path, file.size));
        }
        if (std::fwrite(bytes.data(), 1, bytes.size(), out.get()) != bytes.size()) {
          throw Error(fmt::format("{}: write failed: {}", incomplete.string(), std::strerror(errno)));
        }
        have += bytes.size();
        received += bytes.size();
        report();
      }};
  HttpResponse response;
  try {
    response = http.get(url, have, sink);
  } catch (const CorruptDownload&) {
    throw;
  } catch (const Error& e) {
    std::fflush(out.get());
    throw Error(fmt::format("{}: download stopped at {} of {} bytes ({}); run the same command again to resume",
                            file.path, have, file.size, e.what()));
  }
  if (std::fflush(out.get()) != 0) throw Error(fmt::format("{}: write failed: {}", incomplete.string(), std::strerror(errno)));
  report();
  // 416: nothing left to send, which is right only when the file is already whole.
  if (response.status == 416 && have == file.size) return received;
  if (response.status < 200 || response.status >= 300) {
    const std::string hint = response.error_message.empty() ? "" : " (" + response.error_message + ")";
    throw Error(fmt::format("{}: HTTP {} downloading {}{}", file.path, response.status, response.url, hint));
  }
  return received;
}

// Size first (cheap), then the content hash the hub lists.
void verify(const RepoFile& file, const fs::path& downloaded) {
  std::error_code ec;
  const std::uint64_t size = fs::file_size(downloaded, ec);
  if (ec || size != file.size) {
    throw CorruptDownload(fmt::format("{}: downloaded {} bytes but the hub lists {}; the download was deleted",
                                      file.path, ec ? 0 : size, file.size));
  }
  const bool lfs = file.sha256.has_value();
  const std::string actual = lfs ? file_sha256(downloaded) : file_git_blob_id(downloaded);
  if (actual != file.etag()) {
    throw CorruptDownload(fmt::format("{}: {} mismatch: downloaded {}, the hub lists {}; the download was deleted",
                                      file.path, lfs ? "sha256" : "git blob id", actual, file.etag()));
  }
}

}  // namespace

std::uint64_t fetch_blob(const HttpClient& http, const std::string& url, const RepoFile& file,
                         const BlobFolders& folders, const BlobProgress& progress) {
  const fs::path blob = folders.blobs / file.etag();
  std::error_code ec;
  if (fs::exists(blob, ec)) return 0;
  const FileLock lock(folders.locks / (file.etag() + ".lock"));
  if (fs::exists(blob, ec)) return 0;  // another pull finished it while we waited

  const fs::path incomplete = folders.blobs / (file.etag() + ".incomplete");
  std::uint64_t have = fs::exists(incomplete, ec) ? fs::file_size(incomplete, ec) : 0;
  if (ec || have > file.size) {  // not a prefix of this file: start over
    fs::remove(incomplete, ec);
    have = 0;
  }
  std::uint64_t received = 0;
  try {
    if (have < file.size || !fs::exists(incomplete, ec)) received = download_rest(http, url, file, incomplete, have, progress);
    verify(file, incomplete);
  } catch (const CorruptDownload&) {
    fs::remove(incomplete, ec);
    throw;
  } catch (const Error&) {
    if (fs::file_size(incomplete, ec) == 0 && !ec) fs::remove(incomplete, ec);  // nothing to resume from
    throw;
  }
  ::chmod(incomplete.c_str(), 0644);
  fs::rename(incomplete, blob, ec);
  if (ec) throw Error(fmt::format("{}: cannot move into the cache: {}", blob.string(), ec.message()));
  return received;
}

}  // namespace topica::hub
