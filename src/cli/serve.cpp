// topica serve DIR [--host 127.0.0.1] [--port 8080] [--threads N]: the web explorer of a saved
// model (src/serve/, web/explorer/) until SIGINT or SIGTERM, which stop the listener, let the
// requests in flight finish and exit 0.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "cli/query_vector.hpp"
#include "cli/verbs.hpp"
#include "serve/document_map.hpp"
#include "serve/explorer.hpp"
#include "serve/server.hpp"
#include "topica/error.hpp"
#include "topica/saved_model.hpp"

namespace topica::cli {
namespace {

struct ServeArgs {
  std::string dir;
  serve::ServerOptions server;
};

// Text queries embedded as the model's documents were (as query_vector.hpp's embed_like_model),
// with the encoder loaded once at startup rather than per request. Takes the built-in embedder
// out of `saved`, which the explorer does not need.
serve::QueryEmbedder query_embedder(SavedModel& saved, const std::string& dir) {
  if (saved.encoder) {
    auto encoder = std::make_shared<const SentenceEncoder>(load_model_encoder(*saved.encoder, dir));
    return [encoder](const std::string& text) { return encoder->encode(std::span(&text, 1)); };
  }
  if (saved.embedder) {
    auto lsa = std::make_shared<const LsaEmbedder>(std::move(*saved.embedder));
    saved.embedder.reset();
    return [lsa](const std::string& text) { return lsa->embed(std::span(&text, 1)); };
  }
  return {};  // fitted from --embeddings: topic and document search are unavailable
}

// SIGINT and SIGTERM write a byte to a pipe (all a signal handler may safely do) and a watcher
// thread stops the server. Not sigwait with the signals blocked: libraries start threads before
// main (OpenBLAS's pool), and one of those, unblocked, would take the signal and die of it.
class SignalWatcher {
 public:
  SignalWatcher() {
    if (::pipe2(pipe_, O_CLOEXEC) != 0) throw Error("cannot create a pipe for the signal handler");
    write_end = pipe_[1];
    struct sigaction action {};
    action.sa_handler = [](int signal) {
      const char byte = static_cast<char>(signal);
      [[maybe_unused]] const auto written = ::write(write_end, &byte, 1);
    };
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
    thread_ = std::thread([this] { watch(); });
  }
  ~SignalWatcher() {
    done_ = true;
    const char wake = 0;
    [[maybe_unused]] const auto written = ::write(pipe_[1], &wake, 1);
    thread_.join();
    // The handlers stay: the process is about to exit, and a second Ctrl-C while the requests
    // in flight finish must not kill it halfway.
  }
  void watch_server(serve::ExplorerServer* server) { server_ = server; }

 private:
  static inline int write_end = -1;  // for the handler, which cannot capture

  void watch() {
    char signal = 0;
    while (::read(pipe_[0], &signal, 1) < 0 && errno == EINTR) {
    }
    if (done_) return;
    if (serve::ExplorerServer* server = server_.load()) {
      std::fprintf(stderr, "topica serve: %s, stopping\n", signal == SIGINT ? "interrupted" : "terminated");
      server->stop();
    } else {
      std::_Exit(0);  // still loading: nothing written, nothing to finish
    }
  }

  int pipe_[2] = {-1, -1};
  std::thread thread_;
  std::atomic<bool> done_{false};
  std::atomic<serve::ExplorerServer*> server_{nullptr};
};

void run_serve(const ServeArgs& a) {
  SignalWatcher signals;
  SavedModel saved = load_model(a.dir);
  serve::QueryEmbedder embed = query_embedder(saved, a.dir);
  fmt::print(stderr, "topica serve: {} documents, {} topics; laying out the document map\n", saved.model.assignments.size(),
             saved.model.topics.size());
  Matrix<float> map = serve::document_map(a.dir, saved);
  const serve::Explorer explorer(std::move(saved), std::move(map), std::move(embed));
  serve::ExplorerServer server(explorer, a.server);
  signals.watch_server(&server);
  fmt::print("topica serve: {} (Ctrl-C to stop)\n", server.url());
  std::fflush(stdout);
  server.run();
  signals.watch_server(nullptr);
  fmt::print(stderr, "topica serve: stopped\n");
}

}  // namespace

void add_serve(CLI::App& app) {
  auto a = std::make_shared<ServeArgs>();
  auto* verb = app.add_subcommand("serve", "Explore a saved model in the browser: topics, document map, search");
  verb->add_option("DIR", a->dir, "Model folder written by topica fit")->required();
  verb->add_option("--host", a->server.host, "Address to listen on (loopback by default: only this machine can connect)")
      ->capture_default_str();
  verb->add_option("--port", a->server.port, "Port to listen on (0: any free port, printed at startup)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  verb->add_option("--threads", a->server.threads, "Request threads, also used for the document map (0: every core, at least 4)")
      ->capture_default_str();
  verb->callback([a] { run_serve(*a); });
}

}  // namespace topica::cli
