// libcurl, one easy handle per request. Every answer's headers are parsed as they arrive; a 2xx
// body streams to the caller's sink, anything else is kept (briefly) for the error message.
#include "hub/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <memory>
#include <mutex>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topica/version.hpp"

namespace topica::hub {
namespace {

constexpr int kMaxRedirects = 10;
constexpr std::size_t kKeptErrorBody = 1024;

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw Error("cannot initialise libcurl");
  });
}

using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using HeaderList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

struct UrlParts {
  std::string scheme, host, port;
};

std::optional<UrlParts> split_url(const std::string& url) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> handle(curl_url(), &curl_url_cleanup);
  if (!handle || curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return std::nullopt;
  UrlParts parts;
  const auto take = [&](CURLUPart part, std::string& out, unsigned flags) {
    char* value = nullptr;
    if (curl_url_get(handle.get(), part, &value, flags) != CURLUE_OK) return false;
    out = value;
    curl_free(value);
    return true;
  };
  if (!take(CURLUPART_SCHEME, parts.scheme, 0) || !take(CURLUPART_HOST, parts.host, 0) ||
      !take(CURLUPART_PORT, parts.port, CURLU_DEFAULT_PORT)) {
    return std::nullopt;
  }
  std::transform(parts.host.begin(), parts.host.end(), parts.host.begin(), [](unsigned char c) { return std::tolower(c); });
  return parts;
}

// scheme://host:port, the unit a browser (and huggingface_hub, through requests) trusts with credentials.
std::string origin_of(const std::string& url) {
  const auto parts = split_url(url);
  return parts ? parts->scheme + "://" + parts->host + ":" + parts->port : std::string();
}

bool header_is(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() || line[name.size()] != ':') return false;
  return std::equal(name.begin(), name.end(), line.begin(),
                    [](char lower, char c) { return std::tolower(static_cast<unsigned char>(c)) == lower; });
}

std::string header_value(std::string_view line, std::size_t name_size) {
  std::string_view value = line.substr(name_size + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.remove_suffix(1);
  return std::string(value);
}

// What curl's callbacks see of one request.
struct Exchange {
  CURL* curl = nullptr;
  const BodySink* sink = nullptr;
  HttpResponse response;
  bool started = false;
  std::exception_ptr failure;

  bool is_success() {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    return response.status >= 200 && response.status < 300;
  }
};

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& exchange = *static_cast<Exchange*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {  // a new answer (after "100 Continue", say): forget the last one's headers
    exchange.response.content_range.clear();
    exchange.response.error_code.clear();
    exchange.response.error_message.clear();
    exchange.response.retry_after.clear();
  } else if (header_is(line, "content-range")) {
    exchange.response.content_range = header_value(line, 13);
  } else if (header_is(line, "x-error-code")) {
    exchange.response.error_code = header_value(line, 12);
  } else if (header_is(line, "x-error-message")) {
    exchange.response.error_message = header_value(line, 15);
  } else if (header_is(line, "retry-after")) {
    exchange.response.retry_after = header_value(line, 11);
  }
  return size * count;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& exchange = *static_cast<Exchange*>(user);
  const std::string_view bytes(data, size * count);
  if (!exchange.is_success()) {
    auto& body = exchange.response.body;
    body.append(bytes.substr(0, kKeptErrorBody - std::min(kKeptErrorBody, body.size())));
    return bytes.size();
  }
  try {
    if (!exchange.started) {
      exchange.started = true;
      if (exchange.sink->start) exchange.sink->start(exchange.response);
    }
    exchange.sink->write(bytes);
    return bytes.size();
  } catch (...) {
    exchange.failure = std::current_exception();
    return 0;  // anything short of `size * count` makes curl stop with CURLE_WRITE_ERROR
  }
}

// One request on `c` (its method and body already set): the options every request shares,
// then the transfer. Throws Error naming the URL when the transfer itself fails.
void perform(CURL* c, const std::string& url, curl_slist* headers, Exchange& exchange) {
  char error_text[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_USERAGENT, fmt::format("topica/{}", version()).c_str());
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);  // a stalled server fails after a minute, never hangs
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &exchange);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &exchange);

  const CURLcode code = curl_easy_perform(c);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);  // the buffer dies with this call; the handle may not
  if (exchange.failure) std::rethrow_exception(exchange.failure);
  if (code != CURLE_OK) {
    throw Error(fmt::format("{}: {}", url, error_text[0] != '\0' ? error_text : curl_easy_strerror(code)));
  }
}

}  // namespace

HttpClient::HttpClient(std::string endpoint, std::optional<std::string> token)
    : endpoint_origin_(origin_of(endpoint)), token_(std::move(token)) {
  init_curl_once();
  if (!endpoint_origin_.starts_with("https://") && !endpoint_origin_.starts_with("http://")) throw UsageError(fmt::format("HF_ENDPOINT: '{}' is not an http(s) URL", endpoint));
}

HttpResponse HttpClient::get(const std::string& url, std::uint64_t range_from, const BodySink& sink) const {
  std::string current = url;
  for (int hop = 0; hop <= kMaxRedirects; ++hop) {
    CurlHandle curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) throw Error("cannot start a libcurl transfer");
    HeaderList headers(nullptr, &curl_slist_free_all);
    const auto add_header = [&](const std::string& header) {
      curl_slist* grown = curl_slist_append(headers.get(), header.c_str());
      if (grown == nullptr) throw Error("out of memory building HTTP headers");
      headers.release();
      headers.reset(grown);
    };
    if (token_ && origin_of(current) == endpoint_origin_) add_header("Authorization: Bearer " + *token_);
    if (range_from > 0) add_header(fmt::format("Range: bytes={}-", range_from));

    Exchange exchange;
    exchange.curl = curl.get();
    exchange.sink = &sink;
    exchange.response.url = current;
    CURL* c = curl.get();
    perform(c, current, headers.get(), exchange);
    if (exchange.is_success()) {
      if (!exchange.started && sink.start) sink.start(exchange.response);  // an empty body
      return exchange.response;
    }
    const long status = exchange.response.status;
    char* location = nullptr;
    if (status < 300 || status >= 400 || curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &location) != CURLE_OK ||
        location == nullptr) {
      return exchange.response;
    }
    const std::string next = location;
    const auto from = split_url(current), to = split_url(next);
    if (!to || (to->scheme != "https" && to->scheme != "http")) throw Error(fmt::format("{}: redirected to an unsupported URL '{}'", current, next));
    if (from && from->scheme == "https" && to->scheme != "https") throw Error(fmt::format("{}: refused redirect from https to '{}'", current, next));
    current = next;
  }
  throw Error(fmt::format("{}: more than {} redirects", url, kMaxRedirects));
}

HttpResponse HttpClient::get_text(const std::string& url, std::string& body) const {
  body.clear();
  return get(url, 0, BodySink{nullptr, [&](std::string_view bytes) { body.append(bytes); }});
}

HttpResponse HttpClient::post(const std::string& url, std::string_view body, const std::string& content_type,
                              long timeout_ms, std::string& answer) const {
  answer.clear();
  CurlHandle curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) throw Error("cannot start a libcurl transfer");
  curl_slist* list = curl_slist_append(nullptr, ("Content-Type: " + content_type).c_str());
  HeaderList headers(list, &curl_slist_free_all);
  if (list != nullptr && token_ && origin_of(url) == endpoint_origin_) {
    list = curl_slist_append(headers.get(), ("Authorization: Bearer " + *token_).c_str());
  }
  if (list == nullptr) throw Error("out of memory building HTTP headers");
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
  const BodySink sink{nullptr, [&](std::string_view bytes) { answer.append(bytes); }};
  Exchange exchange;
  exchange.curl = c;
  exchange.sink = &sink;
  exchange.response.url = url;
  perform(c, url, headers.get(), exchange);
  exchange.is_success();  // the status, also for an answer without a body
  return exchange.response;
}

std::string percent_encode(std::string_view text, bool keep_slash) {
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || c == '_' || c == '.' || c == '-' || c == '~' || (keep_slash && c == '/')) {
      out += ch;
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

}  // namespace topica::hub
