// A stand-in for an OpenAI-compatible chat endpoint on 127.0.0.1 (an ephemeral port):
// POST /v1/chat/completions answers from a script of canned replies, then with a good reply
// whose label names the request's number ("Label 1", "Label 2", ...). Every request is logged
// with its body and Authorization header.
#pragma once

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace topica::test {

struct CannedReply {
  int status = 200;
  std::string body;
  std::string retry_after;  ///< a Retry-After header, when not empty
};

struct ChatRequest {
  std::string body, authorization;
};

/// A chat completion reply whose first choice says `content`.
inline std::string chat_reply(const std::string& content) {
  return nlohmann::json{{"id", "chatcmpl-1"},
                        {"object", "chat.completion"},
                        {"choices", {{{"index", 0}, {"message", {{"role", "assistant"}, {"content", content}}}, {"finish_reason", "stop"}}}}}
      .dump();
}

class LlmServer {
 public:
  LlmServer() {
    server_.Post("/v1/chat/completions", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      log_.push_back({req.body, req.get_header_value("Authorization")});
      CannedReply reply;
      if (script_.empty()) {
        reply = {200, chat_reply("topic: Label " + std::to_string(++good_)), ""};
      } else {
        reply = script_.front();
        script_.pop_front();
      }
      res.status = reply.status;
      if (!reply.retry_after.empty()) res.set_header("Retry-After", reply.retry_after);
      res.set_content(reply.body, "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::yield();
  }
  ~LlmServer() {
    server_.stop();
    thread_.join();
  }
  LlmServer(const LlmServer&) = delete;
  LlmServer& operator=(const LlmServer&) = delete;

  /// The API base to give as --llm-url.
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }

  /// The next requests get these replies, in order, before the good ones resume.
  void script(std::vector<CannedReply> replies) {
    std::lock_guard lock(mutex_);
    script_.insert(script_.end(), replies.begin(), replies.end());
  }

  std::vector<ChatRequest> log() const {
    std::lock_guard lock(mutex_);
    return log_;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::deque<CannedReply> script_;
  std::vector<ChatRequest> log_;
  int good_ = 0;
};

/// A URL on 127.0.0.1 where nothing listens: a port the system handed out, then closed.
inline std::string refused_url() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof(address);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), size);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/v1";
}

}  // namespace topica::test
