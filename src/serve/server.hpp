// The explorer over HTTP (cpp-httplib): the JSON API of explorer.hpp under /api/, the page of
// web/explorer/ and plotly.js from the binary. Bad requests get a 4xx with {"error": "..."}.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>

#include "serve/explorer.hpp"

namespace httplib {
class Server;
}

namespace topica::serve {

struct ServerOptions {
  std::string host = "127.0.0.1";  ///< loopback: the explorer is for the person at this machine
  int port = 8080;                 ///< 0: any free port (see ExplorerServer::port)
  std::size_t threads = 0;         ///< request threads; 0: one per core, at least 4
  std::size_t max_body_bytes = 4096;  ///< the API takes no bodies; anything larger is refused with 413
};

class ExplorerServer {
 public:
  /// Binds the listening socket (throws Error naming host:port when it cannot). `explorer`
  /// must outlive the server.
  ExplorerServer(const Explorer& explorer, const ServerOptions& options);
  ~ExplorerServer();
  ExplorerServer(const ExplorerServer&) = delete;
  ExplorerServer& operator=(const ExplorerServer&) = delete;

  int port() const { return port_; }  ///< the bound port (the chosen one for port 0)
  std::string url() const;            ///< http://host:port/

  /// Serves until stop(); returns after the in-flight requests are answered.
  void run();
  /// Closes the listener and ends run(); safe from another thread.
  void stop();

 private:
  std::unique_ptr<httplib::Server> http_;
  std::string host_;
  int port_ = 0;
  // httplib's stop() does nothing before its listen loop runs, so a stop that comes first
  // (a signal during startup) is remembered and waited out.
  std::atomic<bool> started_{false}, stopping_{false}, finished_{false};
};

}  // namespace topica::serve
