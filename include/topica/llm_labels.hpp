// Topic labels from a large language model behind an OpenAI-compatible chat endpoint (BERTopic's
// OpenAI representation): one short label per topic, asked from its keywords and representative
// documents. Optional by design: nothing else in topica needs a network or a key.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "topica/topic_model.hpp"

namespace topica {

struct LlmOptions {
  std::string url;    ///< the API base, e.g. "http://127.0.0.1:8080/v1"; requests go to {url}/chat/completions
  std::string model;  ///< the "model" of each request
  std::optional<std::string> api_key;  ///< sent as "Authorization: Bearer KEY" when set
  /// The prompt, with [KEYWORDS] and [DOCUMENTS] replaced per topic; empty: default_llm_prompt().
  std::string prompt;
  std::size_t retries = 4;       ///< further attempts after a 429, a 5xx or a failed connection
  double backoff_seconds = 1.0;  ///< the first wait; each further wait doubles it
  double timeout_seconds = 60;   ///< per request
  std::size_t document_chars = 1000;  ///< each representative document is cut to this many bytes
  /// Waits between attempts (default: sleeps); tests replace it to see the waits without taking them.
  std::function<void(double seconds)> wait;
  /// Told about each retry ("HTTP 500; retrying in 2 s"); may be empty.
  std::function<void(const std::string& message)> on_retry;
};

/// topica's own prompt: the keywords, the documents, and a request for a short label only.
const std::string& default_llm_prompt();

/// The prompt for `topic`: `prompt_template` with [KEYWORDS] replaced by its words (comma
/// separated) and [DOCUMENTS] by its representative documents, one "- " line each (newlines
/// folded, each cut to `document_chars` bytes at a character boundary).
std::string llm_prompt(const Topic& topic, const std::string& prompt_template, std::size_t document_chars);

/// The label in a chat completion reply: choices[0].message.content, its first non-empty line,
/// trimmed, without a leading "topic:" or "label:" and without surrounding quotes. Throws
/// InputError naming `source` for a reply that is not JSON, has no choices or no content, or an
/// empty label.
std::string label_from_reply(const std::string& reply, const std::string& source);

/// Asks the endpoint for a label for every topic but the outliers (-1), one request per topic,
/// in topic order. Retries a 429, a 5xx or a failed connection up to `retries` times, waiting
/// backoff_seconds, then twice that, and so on (at least a 429's Retry-After seconds, up to a
/// minute). Throws UsageError for a bad URL or prompt, Error naming the URL when the endpoint
/// stays unreachable or refuses, InputError for a malformed reply; the model is never changed.
std::map<int, std::string> llm_topic_labels(const TopicModel& model, const LlmOptions& options);

}  // namespace topica
