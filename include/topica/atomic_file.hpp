// Every output file of topica is written through AtomicFile: the bytes go to a temporary file in
// the same directory, which replaces the target only on commit(). A failure or an exception
// before commit() leaves no partial output behind.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace topica {

class AtomicFile {
 public:
  /// Creates a temporary file beside `path`; "-" writes straight to standard output.
  /// Throws Error naming the path when the directory is not writable.
  explicit AtomicFile(std::string path);
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view bytes);
  void write(const void* data, std::size_t size);
  /// Flushes and renames the temporary file onto the target. Throws Error on failure.
  void commit();

  std::FILE* stream() { return file_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_, temp_path_;
  std::FILE* file_ = nullptr;
  bool to_stdout_ = false, committed_ = false;
};

/// Writes `content` to `path` atomically in one call.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace topica
