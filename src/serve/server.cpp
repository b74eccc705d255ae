#include "serve/server.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <chrono>
#include <limits>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "topica/error.hpp"
#include "topica/web_assets.hpp"

namespace topica::serve {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";
constexpr std::size_t kDefaultPage = 100;

void answer_error(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(nlohmann::json{{"error", message}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), kJson);
}

// A non-negative decimal that fits `max`: digits only (no sign, space or exponent), so "1e3",
// "-1" and "12abc" are refused rather than read as something else.
std::size_t parse_count(const std::string& name, const std::string& text, std::size_t max) {
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || text[0] == '+' || ec != std::errc() || end != text.data() + text.size() || value > max) {
    throw ApiError(400, fmt::format("{}: '{}' is not a whole number from 0 to {}", name, text.substr(0, 40), max));
  }
  return value;
}

int parse_topic_id(const std::string& name, const std::string& text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    throw ApiError(400, fmt::format("{}: '{}' is not a topic id", name, text.substr(0, 40)));
  }
  return value;
}

std::optional<std::string> param(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return std::nullopt;
  return req.get_param_value(name);
}

// Wraps an API handler: its JSON body on success, ApiError's status, 500 for anything else
// (a bug: the message still goes back as JSON and the server keeps serving).
httplib::Server::Handler api(std::function<std::string(const httplib::Request&)> handler) {
  return [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    try {
      res.set_content(handler(req), kJson);
      res.set_header("Cache-Control", "no-store");
    } catch (const ApiError& e) {
      answer_error(res, e.status(), e.what());
    } catch (const std::bad_alloc&) {
      answer_error(res, 500, "out of memory");
    } catch (const std::exception& e) {
      answer_error(res, 500, e.what());
    }
  };
}

httplib::Server::Handler asset(std::string_view bytes, const char* type) {
  return [bytes, type](const httplib::Request&, httplib::Response& res) {
    res.set_content(bytes.data(), bytes.size(), type);
    res.set_header("Cache-Control", "no-cache");
  };
}

void add_page(httplib::Server& http) {
  http.Get("/", asset(assets::explorer_html(), "text/html; charset=utf-8"));
  http.Get("/index.html", asset(assets::explorer_html(), "text/html; charset=utf-8"));
  http.Get("/app.js", asset(assets::explorer_js(), "text/javascript; charset=utf-8"));
  http.Get("/style.css", asset(assets::explorer_css(), "text/css; charset=utf-8"));
  http.Get("/plotly.min.js", asset(assets::plotly_js(), "text/javascript; charset=utf-8"));
}

void add_api(httplib::Server& http, const Explorer& ex) {
  http.Get("/api/topics", api([&ex](const httplib::Request&) { return ex.topics(); }));
  http.Get("/api/map", api([&ex](const httplib::Request&) { return ex.map(); }));
  http.Get(R"(/api/topics/([^/]+))", api([&ex](const httplib::Request& req) {
             return ex.topic(parse_topic_id("topic id", req.matches[1]));
           }));
  http.Get("/api/documents", api([&ex](const httplib::Request& req) {
             const auto topic = param(req, "topic"), offset = param(req, "offset"), limit = param(req, "limit");
             const std::size_t max_offset = std::numeric_limits<std::uint32_t>::max();
             return ex.document_page(topic ? std::optional(parse_topic_id("topic", *topic)) : std::nullopt,
                                     offset ? parse_count("offset", *offset, max_offset) : 0,
                                     limit ? parse_count("limit", *limit, ex.limits().max_page) : kDefaultPage);
           }));
  http.Get(R"(/api/documents/([^/]+))", api([&ex](const httplib::Request& req) {
             return ex.document(parse_count("document row", req.matches[1], std::numeric_limits<std::uint32_t>::max()));
           }));
  http.Get("/api/search", api([&ex](const httplib::Request& req) {
             const auto q = param(req, "q");
             if (!q) throw ApiError(400, "q: give the search text, /api/search?q=...");
             return ex.search(*q);
           }));
  http.Get("/api/similar", api([&ex](const httplib::Request& req) {
             const auto doc = param(req, "doc");
             if (!doc) throw ApiError(400, "doc: give a document row, /api/similar?doc=ROW");
             return ex.similar(parse_count("doc", *doc, std::numeric_limits<std::uint32_t>::max()));
           }));
}

// Before routing, so a refused body is never read: a declared body over `max_body` is 413 on any
// method, and as the explorer only reads, every method but GET and HEAD is 405 on any path.
httplib::Server::HandlerWithResponse screen_requests(std::size_t max_body) {
  return [max_body](const httplib::Request& req, httplib::Response& res) {
    const std::string length = req.get_header_value("Content-Length");
    std::size_t bytes = 0;
    const auto [end, ec] = std::from_chars(length.data(), length.data() + length.size(), bytes);
    if (!length.empty() && (ec != std::errc() || end != length.data() + length.size() || bytes > max_body)) {
      answer_error(res, 413, fmt::format("the request body is too large (over {} bytes)", max_body));
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.method == "GET" || req.method == "HEAD") return httplib::Server::HandlerResponse::Unhandled;
    answer_error(res, 405, fmt::format("{} is not allowed: the explorer only answers GET", req.method.substr(0, 20)));
    res.set_header("Allow", "GET, HEAD");
    return httplib::Server::HandlerResponse::Handled;
  };
}

// httplib's own refusals (no route, URI or body too large, unparsable request) get a JSON body too.
httplib::Server::HandlerResponse error_body(const httplib::Request& req, httplib::Response& res) {
  if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
  std::string message;
  switch (res.status) {
    case 404: message = fmt::format("no such page or API: {}", req.path.substr(0, 200)); break;
    case 413: message = "the request body is too large"; break;
    case 414: message = "the request URI is too long"; break;
    default: message = fmt::format("the request was refused (HTTP {})", res.status); break;
  }
  answer_error(res, res.status, message);
  return httplib::Server::HandlerResponse::Handled;
}

}  // namespace

ExplorerServer::ExplorerServer(const Explorer& explorer, const ServerOptions& options)
    : http_(std::make_unique<httplib::Server>()), host_(options.host) {
  const std::size_t threads =
      options.threads > 0 ? options.threads : std::max<std::size_t>(4, std::thread::hardware_concurrency());
  http_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_->set_payload_max_length(options.max_body_bytes);
  add_page(*http_);
  add_api(*http_, explorer);
  http_->set_pre_routing_handler(screen_requests(options.max_body_bytes));
  http_->set_error_handler(httplib::Server::HandlerWithResponse(error_body));
  if (options.port < 0 || options.port > 65535) throw UsageError(fmt::format("--port {}: not a port (0 to 65535)", options.port));
  port_ = options.port == 0 ? http_->bind_to_any_port(options.host) : (http_->bind_to_port(options.host, options.port) ? options.port : -1);
  if (port_ <= 0) throw Error(fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)", options.host, options.port));
}

ExplorerServer::~ExplorerServer() = default;

std::string ExplorerServer::url() const {
  const bool ipv6 = host_.find(':') != std::string::npos;
  return fmt::format("http://{}:{}/", ipv6 ? "[" + host_ + "]" : host_, port_);
}

void ExplorerServer::run() {
  started_ = true;
  if (!stopping_) http_->listen_after_bind();
  finished_ = true;
}

void ExplorerServer::stop() {
  stopping_ = true;
  if (!started_) return;  // run() will see stopping_ and not listen
  while (!http_->is_running() && !finished_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  http_->stop();
}

}  // namespace topica::serve
