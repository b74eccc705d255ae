#include "support/test_support.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace topica::test {
namespace fs = std::filesystem;

ScratchDir::ScratchDir() {
  std::string pattern = (fs::temp_directory_path() / "topica-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string ScratchDir::write(const std::string& name, const std::string& content) const {
  const fs::path p = path_ / name;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
  return p.string();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

namespace {

// Runs argv with stdin from a file and stdout/stderr to files: no pipe juggling, no deadlocks.
RunResult spawn_and_wait(const std::vector<std::string>& argv, const std::string& stdin_text) {
  ScratchDir io;
  const std::string in = io.write("stdin", stdin_text), out = io.file("stdout"), err = io.file("stderr");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, in.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid;
  const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
  int status = 0;
  struct rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  RunResult r;
  r.max_rss_kb = usage.ru_maxrss;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

}  // namespace

RunResult run_cli(const std::vector<std::string>& args, const std::string& stdin_text) {
  std::vector<std::string> argv{TOPICA_CLI};
  argv.insert(argv.end(), args.begin(), args.end());
  return spawn_and_wait(argv, stdin_text);
}

RunResult run_shell(const std::string& command) { return spawn_and_wait({"/bin/sh", "-c", command}, ""); }

std::optional<fs::path> shared_dir() {
  const char* env = std::getenv("TOPICA_SHARED");
  const fs::path p = env != nullptr ? fs::path(env) : fs::path(TOPICA_SHARED_DIR);
  std::error_code ec;
  if (fs::is_directory(p, ec)) return fs::canonical(p);
  return std::nullopt;
}

}  // namespace topica::test
