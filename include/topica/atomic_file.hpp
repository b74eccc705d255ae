// Every output file of topica is written through AtomicFile: the bytes go to a temporary file in
// the same directory, which replaces the target only on commit(). A failure or an exception
// before commit() leaves no partial output behind.
#pragma once

#include <cstdio>
#include <functional>
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

/// Writes a whole folder atomically: `write` fills a fresh folder beside `dir`, which then
/// replaces `dir` (an existing one is moved aside and removed only after the rename). If
/// `write` throws, the fresh folder is removed and `dir` is left as it was. `may_replace` is
/// asked about an existing non-empty `dir`; when it says no, UsageError(refusal) is thrown.
void write_folder_atomically(const std::string& dir, const std::function<void(const std::string& folder)>& write,
                             const std::function<bool(const std::string& existing)>& may_replace,
                             const std::string& refusal);

}  // namespace topica
