// `topica serve` as a process: it prints its URL on loopback, answers, and exits 0 promptly on
// SIGTERM or SIGINT with the listener closed.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/model_fixture.hpp"
#include "support/test_support.hpp"

extern char** environ;

namespace topica::test {
namespace {

// A `topica serve` child with its stdout on a pipe (for the URL line) and stderr in a file.
class ServeProcess {
 public:
  ServeProcess(const std::vector<std::string>& args, const std::string& err_file) {
    int out[2];
    EXPECT_EQ(pipe(out), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> all{TOPICA_CLI};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    EXPECT_EQ(posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    out_ = out[0];
  }
  ~ServeProcess() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(out_);
  }

  /// The first stdout line, or "" when none comes within `seconds`.
  std::string first_line(double seconds) {
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      char c;
      if (read(out_, &c, 1) != 1) break;
      if (c == '\n') return line;
      line += c;
    }
    return "";
  }

  /// The exit status after `signal`, or -1 when the process is still running after `seconds`.
  int stop_with(int signal, double seconds) {
    kill(pid_, signal);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  bool exited_ = false;
};

void serve_then_stop(int signal) {
  ScratchDir scratch;
  const FittedModel m = fit_fixture_model(scratch);
  ServeProcess serve({"serve", m.dir, "--port", "0", "--threads", "2"}, scratch.file("err.txt"));
  const std::string line = serve.first_line(60);
  std::smatch match;
  ASSERT_TRUE(std::regex_search(line, match, std::regex(R"(http://127\.0\.0\.1:(\d+)/)"))) << line << read_file(scratch.file("err.txt"));
  httplib::Client client("127.0.0.1", std::stoi(match[1]));
  const auto res = client.Get("/api/topics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(nlohmann::json::parse(res->body).size(), 3u);  // cats, dogs, outliers
  EXPECT_EQ(serve.stop_with(signal, 10), 0) << read_file(scratch.file("err.txt"));
  EXPECT_FALSE(client.Get("/api/topics")) << "the listener is closed";
}

TEST(ServeCli, BindsLoopbackAndExitsZeroOnSigterm) { serve_then_stop(SIGTERM); }

TEST(ServeCli, ExitsZeroOnSigint) { serve_then_stop(SIGINT); }

TEST(ServeCli, AMissingModelIsAOneLineError) {
  ScratchDir scratch;
  expect_one_line_error(run_cli({"serve", scratch.file("nothing"), "--port", "0"}), 1, "nothing");
  const auto r = run_cli({"serve", scratch.path().string(), "--port", "70000"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

}  // namespace
}  // namespace topica::test
