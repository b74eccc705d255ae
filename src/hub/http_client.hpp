// A small HTTP client on libcurl for the hub (GET) and the LLM labels (POST): redirects are
// followed here rather than by curl so that the token is sent to the endpoint's own origin only,
// never to the CDN the hub redirects large files to. Internal to libtopica.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace topica::hub {

struct HttpResponse {
  long status = 0;
  std::string url;            ///< the URL that gave this answer, after redirects
  std::string content_range;  ///< "bytes 100-199/200" on a 206
  std::string error_code;     ///< the hub's X-Error-Code (RepoNotFound, RevisionNotFound, GatedRepo, ...)
  std::string error_message;  ///< the hub's X-Error-Message
  std::string retry_after;    ///< Retry-After, as sent (seconds or an HTTP date)
  std::string body;           ///< the start of a non-2xx answer's body, for messages
};

/// Where a 2xx body goes: start() once the answer's headers are in, then write() per chunk.
/// Either may throw; the transfer stops and get() rethrows.
struct BodySink {
  std::function<void(const HttpResponse&)> start;
  std::function<void(std::string_view)> write;
};

class HttpClient {
 public:
  /// `endpoint` is the origin the token belongs to ("https://huggingface.co").
  HttpClient(std::string endpoint, std::optional<std::string> token);

  /// GETs `url`, following up to 10 redirects (never from https to http). `range_from` > 0 asks
  /// for the bytes from there on. 2xx bodies go to `sink`; other answers come back with their
  /// status. Throws Error naming the URL when the transfer itself fails (refused, cut off, timed out).
  HttpResponse get(const std::string& url, std::uint64_t range_from, const BodySink& sink) const;

  /// GETs `url` whole into `body` (a 2xx answer's).
  HttpResponse get_text(const std::string& url, std::string& body) const;

  /// POSTs `body` as `content_type` to `url` (no redirects followed), giving up after
  /// `timeout_ms` milliseconds (0: never). A 2xx answer's body comes back in `answer`; other
  /// answers come back with their status (and the start of their body in HttpResponse::body).
  /// Throws Error naming the URL when the transfer itself fails (refused, cut off, timed out).
  HttpResponse post(const std::string& url, std::string_view body, const std::string& content_type, long timeout_ms,
                    std::string& answer) const;

 private:
  std::string endpoint_origin_;
  std::optional<std::string> token_;
};

/// Percent-encodes `text` as Python's urllib.parse.quote: letters, digits and "_.-~" stay, and
/// '/' too when `keep_slash`.
std::string percent_encode(std::string_view text, bool keep_slash);

}  // namespace topica::hub
