#include "topica/llm_labels.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/llm_server.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

TopicModel three_topics() {
  const std::vector<std::string> docs{"cats purr on mats", "cats nap", "dogs bark", "dogs fetch sticks",
                                      "tax forms", "tax returns", "weather today"};
  const std::vector<int> labels{0, 0, 1, 1, 2, 2, -1};
  return build_topics(docs, labels, {}, TopicOptions{});
}

// Options that record the waits instead of taking them.
LlmOptions options_for(const std::string& url, std::vector<double>& waits) {
  LlmOptions o;
  o.url = url;
  o.model = "stub-model";
  o.retries = 3;
  o.backoff_seconds = 0.5;
  o.timeout_seconds = 10;
  o.wait = [&waits](double seconds) { waits.push_back(seconds); };
  return o;
}

// The message of the `E` that labelling three_topics() with `o` throws; "" when none is thrown.
template <typename E = Error>
std::string failure_of(const LlmOptions& o) {
  try {
    llm_topic_labels(three_topics(), o);
  } catch (const E& e) {
    return e.what();
  }
  return "";
}

TEST(LlmLabels, AsksOncePerTopicWithKeywordsAndDocuments) {
  test::LlmServer server;
  std::vector<double> waits;
  const TopicModel m = three_topics();
  LlmOptions o = options_for(server.url() + "/", waits);  // a trailing slash is allowed
  o.api_key = "sk-test";
  const auto labels = llm_topic_labels(m, o);
  // Topics 0, 1, 2 in order; the outliers are not asked about. "topic: " is stripped.
  EXPECT_EQ(labels, (std::map<int, std::string>{{0, "Label 1"}, {1, "Label 2"}, {2, "Label 3"}}));
  const auto log = server.log();
  ASSERT_EQ(log.size(), 3u);
  EXPECT_TRUE(waits.empty());
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(log[i].authorization, "Bearer sk-test");
    const auto body = nlohmann::json::parse(log[i].body);
    EXPECT_EQ(body["model"], "stub-model");
    ASSERT_EQ(body["messages"].size(), 1u);
    EXPECT_EQ(body["messages"][0]["role"], "user");
    const std::string prompt = body["messages"][0]["content"];
    const Topic& topic = m.topics[*m.index_of(static_cast<int>(i))];
    EXPECT_EQ(prompt, llm_prompt(topic, default_llm_prompt(), o.document_chars));
    EXPECT_NE(prompt.find(topic.words[0].word), std::string::npos) << prompt;
    EXPECT_NE(prompt.find("- " + topic.representative_docs[0]), std::string::npos) << prompt;
  }
}

TEST(LlmLabels, SendsNoAuthorizationWithoutAKey) {
  test::LlmServer server;
  std::vector<double> waits;
  llm_topic_labels(three_topics(), options_for(server.url(), waits));
  for (const auto& r : server.log()) EXPECT_EQ(r.authorization, "");
}

TEST(LlmLabels, RetriesAServerErrorThenSucceeds) {
  test::LlmServer server;
  server.script({{500, R"({"error": "overloaded"})", ""}, {503, "", ""}});
  std::vector<double> waits;
  const auto labels = llm_topic_labels(three_topics(), options_for(server.url(), waits));
  EXPECT_EQ(labels.at(0), "Label 1");
  EXPECT_EQ(server.log().size(), 5u);                  // two failures, then three good answers
  EXPECT_EQ(waits, (std::vector<double>{0.5, 1.0}));   // exponential backoff
}

TEST(LlmLabels, TooManyRequestsWaitsAtLeastRetryAfter) {
  test::LlmServer server;
  server.script({{429, "", "7"}, {429, "", ""}});
  std::vector<double> waits;
  const auto labels = llm_topic_labels(three_topics(), options_for(server.url(), waits));
  EXPECT_EQ(labels.size(), 3u);
  EXPECT_EQ(waits, (std::vector<double>{7.0, 1.0}));  // Retry-After 7 s beats 0.5 s; then 0.5 * 2
}

TEST(LlmLabels, GivesUpAfterTheRetriesWithTheLastFailure) {
  test::LlmServer server;
  server.script({{502, "bad gateway", ""}, {502, "bad gateway", ""}, {502, "bad gateway", ""}, {502, "bad gateway", ""}});
  std::vector<double> waits;
  const std::string failure = failure_of(options_for(server.url(), waits));
  EXPECT_NE(failure.find("HTTP 502: bad gateway (gave up after 4 attempts)"), std::string::npos) << failure;
  EXPECT_EQ(waits, (std::vector<double>{0.5, 1.0, 2.0}));
}

TEST(LlmLabels, ConnectionRefusedIsRetriedThenAClearError) {
  std::vector<double> waits;
  const std::string url = test::refused_url();
  const std::string what = failure_of(options_for(url, waits));
  EXPECT_EQ(what.rfind(url + "/chat/completions: ", 0), 0u) << what;
  EXPECT_NE(what.find("gave up after 4 attempts"), std::string::npos) << what;
  EXPECT_EQ(what.find('\n'), std::string::npos);
  EXPECT_EQ(waits.size(), 3u);
}

TEST(LlmLabels, AClientErrorIsNotRetried) {
  test::LlmServer server;
  server.script({{401, R"({"error": "invalid key"})", ""}});
  std::vector<double> waits;
  EXPECT_THROW(llm_topic_labels(three_topics(), options_for(server.url(), waits)), Error);
  EXPECT_EQ(server.log().size(), 1u);
  EXPECT_TRUE(waits.empty());
}

TEST(LlmLabels, AReplyWithoutChoicesIsAnInputError) {
  test::LlmServer server;
  server.script({{200, R"({"id": "x", "object": "chat.completion"})", ""}});
  std::vector<double> waits;
  const std::string failure = failure_of<InputError>(options_for(server.url(), waits));
  EXPECT_NE(failure.find("(topic 0): the reply has no choices"), std::string::npos) << failure;
  EXPECT_EQ(server.log().size(), 1u);  // a malformed answer is not retried
}

TEST(LlmLabels, ReadsTheLabelOutOfTheReply) {
  using test::chat_reply;
  EXPECT_EQ(label_from_reply(chat_reply("  Topic: \"Feline behaviour\"\nbecause cats purr"), "s"), "Feline behaviour");
  EXPECT_EQ(label_from_reply(chat_reply("\n\nlabel: Tax season"), "s"), "Tax season");
  EXPECT_EQ(label_from_reply(chat_reply("Dogs and their habits"), "s"), "Dogs and their habits");
  EXPECT_THROW(label_from_reply("not json", "s"), InputError);
  EXPECT_THROW(label_from_reply(R"({"choices": []})", "s"), InputError);
  EXPECT_THROW(label_from_reply(R"({"choices": [{"message": {"content": null}}]})", "s"), InputError);
  EXPECT_THROW(label_from_reply(chat_reply("   \n "), "s"), InputError);
}

TEST(LlmLabels, BuildsThePromptFromTheTemplate) {
  Topic t;
  t.words = {{"cats", 0.5}, {"", 0.00001}, {"purr", 0.25}};
  t.representative_docs = {"cats purr\non mats", std::string("caf\xc3\xa9 cats")};
  EXPECT_EQ(llm_prompt(t, "K=[KEYWORDS]\nD=\n[DOCUMENTS]\nK again: [KEYWORDS]", 1000),
            "K=cats, purr\nD=\n- cats purr on mats\n- caf\xc3\xa9 cats\nK again: cats, purr");
  // Documents are cut at a character boundary: 4 bytes would split the two-byte "é".
  EXPECT_EQ(llm_prompt(t, "[DOCUMENTS]", 4), "- cats\n- caf");
}

TEST(LlmLabels, RejectsBadOptions) {
  std::vector<double> waits;
  LlmOptions o = options_for("ftp://example.org", waits);
  EXPECT_THROW(llm_topic_labels(three_topics(), o), UsageError);
  o = options_for("http://127.0.0.1:1/v1", waits);
  o.prompt = "no placeholders at all";
  EXPECT_THROW(llm_topic_labels(three_topics(), o), UsageError);
  o.prompt.clear();
  o.model.clear();
  EXPECT_THROW(llm_topic_labels(three_topics(), o), UsageError);
}

}  // namespace
}  // namespace topica
