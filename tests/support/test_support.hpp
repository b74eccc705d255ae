// Helpers shared by the test suites: scratch folders, files, running the real CLI, ../shared.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace topica::test {

/// True in the AddressSanitizer build (CI's `make sanitize`), where runs are slower and memory
/// figures include the sanitizer's shadow and quarantine: tests shrink their inputs or skip
/// memory bounds there.
#ifdef __SANITIZE_ADDRESS__
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif

/// A fresh directory under the system temp dir, removed with everything in it on destruction.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  /// Writes `content` to `name` (creating parent folders) and returns its full path.
  std::string write(const std::string& name, const std::string& content) const;
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;
  std::string out, err;
  long max_rss_kb = 0;  ///< peak resident memory of the child process
};

/// Runs the built `topica` binary with `args`, feeding `stdin_text` to its standard input.
RunResult run_cli(const std::vector<std::string>& args, const std::string& stdin_text = "");

/// Runs a shell command and returns its exit code and output (for reference tools like numpy).
RunResult run_shell(const std::string& command);

/// Path of ../shared (or $TOPICA_SHARED), if it exists.
std::optional<std::filesystem::path> shared_dir();

std::string read_file(const std::string& path);

}  // namespace topica::test
