// One chat completion per topic, through the hub's libcurl client. Transient failures (429, 5xx,
// a refused or cut connection, a timeout) are retried with exponential backoff; anything else
// stops at once, before any label is used, so a failed run changes nothing.
#include "topica/llm_labels.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "hub/http_client.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {
using Json = nlohmann::json;

constexpr double kLongestWait = 60;  // seconds; a Retry-After beyond it is not honoured in full

std::string trim(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return std::string(text);
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), text.begin(), [](char p, char c) {
           return p == std::tolower(static_cast<unsigned char>(c));
         });
}

void replace_all(std::string& text, std::string_view from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
}

// At most `bytes` bytes of `text`, never ending inside a UTF-8 sequence; newlines become spaces.
std::string one_line_cut(const std::string& text, std::size_t bytes) {
  std::size_t end = std::min(bytes, text.size());
  while (end > 0 && end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  std::string out = text.substr(0, end);
  std::replace_if(out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  return out;
}

std::string request_body(const LlmOptions& o, const std::string& prompt) {
  // temperature 0: the same model gives the same labels on every run it can.
  return Json{{"model", o.model}, {"messages", Json::array({{{"role", "user"}, {"content", prompt}}})}, {"temperature", 0}}
      .dump();
}

bool is_transient(long status) { return status == 429 || (status >= 500 && status < 600); }

// The wait before attempt `attempt` + 1: the backoff doubled per attempt, at least a 429's
// Retry-After in seconds (an HTTP-date is not parsed), never more than a minute.
double wait_before_retry(const LlmOptions& o, std::size_t attempt, const std::string& retry_after) {
  double wait = o.backoff_seconds * std::ldexp(1.0, static_cast<int>(std::min<std::size_t>(attempt, 30)));
  if (!retry_after.empty() && std::all_of(retry_after.begin(), retry_after.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    wait = std::max(wait, std::stod(retry_after));
  }
  return std::min(wait, kLongestWait);
}

// POSTs one request, retrying transient failures; returns a 2xx answer's body.
std::string complete(const hub::HttpClient& client, const std::string& endpoint, const std::string& body, const LlmOptions& o) {
  const long timeout_ms = static_cast<long>(std::llround(o.timeout_seconds * 1000));
  for (std::size_t attempt = 0;; ++attempt) {
    std::string answer, failure, retry_after;
    std::optional<hub::HttpResponse> r;
    try {
      r = client.post(endpoint, body, "application/json", timeout_ms, answer);
    } catch (const Error& e) {
      failure = e.what();  // the transfer failed: refused, cut off, timed out
      if (failure.starts_with(endpoint + ": ")) failure.erase(0, endpoint.size() + 2);
    }
    if (r) {
      if (r->status >= 200 && r->status < 300) return answer;
      failure = fmt::format("HTTP {}{}", r->status, r->body.empty() ? "" : ": " + one_line_cut(trim(r->body), 200));
      if (!is_transient(r->status)) throw Error(fmt::format("{}: {}", endpoint, failure));
      retry_after = r->retry_after;
    }
    if (attempt >= o.retries) {
      throw Error(fmt::format("{}: {} (gave up after {} attempt{})", endpoint, failure, attempt + 1, attempt == 0 ? "" : "s"));
    }
    const double wait = wait_before_retry(o, attempt, retry_after);
    if (o.on_retry) o.on_retry(fmt::format("{}; retrying in {:g} s", failure, wait));
    if (o.wait) {
      o.wait(wait);
    } else {
      std::this_thread::sleep_for(std::chrono::duration<double>(wait));
    }
  }
}

void check_options(const LlmOptions& o) {
  if (!o.url.starts_with("http://") && !o.url.starts_with("https://")) {
    throw UsageError(fmt::format("--llm-url '{}': expected an http:// or https:// URL", o.url));
  }
  if (o.model.empty()) throw UsageError("--llm-model: must not be empty");
  if (!(o.timeout_seconds > 0)) throw UsageError("--timeout: must be more than 0 seconds");
  if (!(o.backoff_seconds >= 0)) throw UsageError("--backoff: must not be negative");
  const std::string& prompt = o.prompt.empty() ? default_llm_prompt() : o.prompt;
  if (prompt.find("[KEYWORDS]") == std::string::npos && prompt.find("[DOCUMENTS]") == std::string::npos) {
    throw UsageError("the prompt has neither [KEYWORDS] nor [DOCUMENTS], so it would say nothing about the topic");
  }
}

}  // namespace

const std::string& default_llm_prompt() {
  static const std::string prompt =
      "You are naming one topic found by a topic model in a collection of documents.\n"
      "\n"
      "Its most distinctive keywords: [KEYWORDS]\n"
      "\n"
      "Some of its most typical documents:\n"
      "[DOCUMENTS]\n"
      "\n"
      "Give the topic a short, specific label of at most six words. Reply with the label only.";
  return prompt;
}

std::string llm_prompt(const Topic& topic, const std::string& prompt_template, std::size_t document_chars) {
  std::string keywords, documents;
  for (const TopicWord& w : topic.words) {
    if (!w.word.empty()) (keywords += keywords.empty() ? "" : ", ") += w.word;
  }
  for (const std::string& doc : topic.representative_docs) {
    (documents += documents.empty() ? "- " : "\n- ") += one_line_cut(doc, document_chars);
  }
  std::string prompt = prompt_template;
  replace_all(prompt, "[KEYWORDS]", keywords);
  replace_all(prompt, "[DOCUMENTS]", documents);
  return prompt;
}

std::string label_from_reply(const std::string& reply, const std::string& source) {
  const Json j = Json::parse(reply, nullptr, false);
  if (j.is_discarded()) throw InputError(fmt::format("{}: the reply is not JSON: {}", source, one_line_cut(trim(reply), 200)));
  if (!j.is_object() || !j.contains("choices") || !j["choices"].is_array() || j["choices"].empty()) {
    throw InputError(fmt::format("{}: the reply has no choices: {}", source, one_line_cut(j.dump(), 200)));
  }
  const Json& choice = j["choices"][0];
  if (!choice.is_object() || !choice.contains("message") || !choice["message"].is_object() ||
      !choice["message"].contains("content") || !choice["message"]["content"].is_string()) {
    throw InputError(fmt::format("{}: the reply has no choices[0].message.content", source));
  }
  const std::string content = choice["message"]["content"].get<std::string>();
  std::string label;
  for (std::size_t start = 0; start <= content.size() && label.empty();) {
    const std::size_t end = std::min(content.find('\n', start), content.size());
    label = trim(std::string_view(content).substr(start, end - start));
    start = end + 1;
  }
  for (const char* prefix : {"topic label:", "topic:", "label:"}) {
    if (starts_with_nocase(label, prefix)) {
      label = trim(std::string_view(label).substr(std::string_view(prefix).size()));
      break;
    }
  }
  if (label.size() >= 2 && (label.front() == '"' || label.front() == '\'') && label.back() == label.front()) {
    label = trim(std::string_view(label).substr(1, label.size() - 2));
  }
  if (label.empty()) throw InputError(fmt::format("{}: the reply's label is empty", source));
  return label;
}

std::map<int, std::string> llm_topic_labels(const TopicModel& model, const LlmOptions& options) {
  check_options(options);
  std::string base = options.url;
  while (base.ends_with('/')) base.pop_back();
  const std::string endpoint = base + "/chat/completions";
  const hub::HttpClient client(base, options.api_key);
  const std::string& prompt = options.prompt.empty() ? default_llm_prompt() : options.prompt;
  std::map<int, std::string> labels;
  for (const Topic& topic : model.topics) {
    if (topic.id < 0) continue;  // the outliers are no topic to name
    const std::string reply = complete(client, endpoint, request_body(options, llm_prompt(topic, prompt, options.document_chars)), options);
    labels[topic.id] = label_from_reply(reply, fmt::format("{} (topic {})", endpoint, topic.id));
  }
  return labels;
}

}  // namespace topica
