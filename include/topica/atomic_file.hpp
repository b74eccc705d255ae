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
  /// As above; when the bytes written turn out identical to the file `identical_candidate` (e.g.
  /// the same part of the model folder being rewritten), commit() hard-links that file instead of
  /// writing a copy (or copies it where a link is impossible). Bytes are compared as they come,
  /// so a large unchanged file costs a read, not a write. topica never modifies a file in place
  /// (every output is replaced by rename), so the shared inode never changes under either name.
  AtomicFile(std::string path, std::string identical_candidate);
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
  void stop_comparing();

  std::string path_, temp_path_;
  std::FILE* file_ = nullptr;
  bool to_stdout_ = false, committed_ = false;
  // While comparing: the candidate's bytes (mapped) and how many of them matched so far.
  std::string candidate_path_;
  const char* candidate_ = nullptr;
  std::size_t candidate_size_ = 0, matched_ = 0;
  bool comparing_ = false;
};

/// Writes `content` to `path` atomically in one call.
void write_file_atomically(const std::string& path, std::string_view content);
/// The same, linking `identical_candidate` when it already holds exactly `content`.
void write_file_atomically(const std::string& path, std::string_view content, const std::string& identical_candidate);

/// Writes a whole folder atomically: `write` fills a fresh folder beside `dir`, which then
/// replaces `dir` (an existing one is moved aside and removed only after the rename). If
/// `write` throws, the fresh folder is removed and `dir` is left as it was. `may_replace` is
/// asked about an existing non-empty `dir`; when it says no, UsageError(refusal) is thrown.
void write_folder_atomically(const std::string& dir, const std::function<void(const std::string& folder)>& write,
                             const std::function<bool(const std::string& existing)>& may_replace,
                             const std::string& refusal);

}  // namespace topica
