// `topica label DIR --llm-url URL --llm-model M`: topic labels from an OpenAI-compatible chat
// endpoint, here a stub on 127.0.0.1.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>

#include "cli/lsa_model_fixture.hpp"
#include "cli/model_fixture.hpp"
#include "support/llm_server.hpp"
#include "topica/model_store.hpp"

namespace topica {
namespace {
using Json = nlohmann::json;

TEST(LabelCli, LabelsEveryTopicWithTheKeyFromTheEnvironment) {
  test::ScratchDir scratch;
  const auto m = test::fit_fixture_model(scratch);
  test::LlmServer server;
  ::setenv("OPENAI_API_KEY", "sk-from-env", 1);
  const auto r = test::run_cli({"label", m.dir, "--llm-url", server.url(), "--llm-model", "stub"});
  ::unsetenv("OPENAI_API_KEY");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const TopicModel model = load_topic_model(m.dir);
  EXPECT_EQ(model.topics[0].label, "");  // the outliers are not named
  EXPECT_EQ(model.topics[1].label, "Label 1");
  EXPECT_EQ(model.topics[2].label, "Label 2");
  const auto log = server.log();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].authorization, "Bearer sk-from-env");
  const std::string prompt = Json::parse(log[0].body)["messages"][0]["content"];
  EXPECT_NE(prompt.find("cats"), std::string::npos) << prompt;
  EXPECT_NE(prompt.find(model.topics[1].representative_docs[0]), std::string::npos) << prompt;
  EXPECT_EQ(test::run_cli({"transform", m.dir, "--corpus", m.corpus, "--embeddings", m.embeddings, "--output",
                           scratch.file("t.csv")}).exit_code, 0);
}

TEST(LabelCli, RetriesAServerErrorAndStoresAnAspect) {
  test::ScratchDir scratch;
  const auto m = test::fit_fixture_model(scratch);
  test::LlmServer server;
  server.script({{500, "busy", ""}, {429, "", "0"}});
  const std::string prompt = scratch.write("p.txt", "Words: [KEYWORDS]. Name it.");
  const auto r = test::run_cli({"label", m.dir, "--llm-url", server.url(), "--llm-model", "stub", "--backoff", "0",
                                "--prompt-file", prompt, "--aspect", "OpenAI"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("HTTP 500: busy; retrying"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("HTTP 429; retrying"), std::string::npos) << r.err;
  EXPECT_EQ(server.log().size(), 4u);
  EXPECT_EQ(server.log()[0].authorization, "");  // no key in the environment: no header
  EXPECT_EQ(Json::parse(server.log()[0].body)["messages"][0]["content"].get<std::string>().rfind("Words: cats, ", 0), 0u);
  const TopicModel model = load_topic_model(m.dir);
  EXPECT_EQ(model.topics[1].label, "");
  ASSERT_EQ(model.topics[1].aspects.at("OpenAI").size(), 1u);
  EXPECT_EQ(model.topics[1].aspects.at("OpenAI")[0].word, "Label 1");
  const auto shown = test::run_cli({"topics", m.dir, "--aspect", "OpenAI"});
  EXPECT_NE(shown.out.find("[Label 2]"), std::string::npos) << shown.out;
}

TEST(LabelCli, FailuresLeaveTheModelFolderByteIdentical) {
  test::ScratchDir scratch;
  const auto m = test::fit_fixture_model(scratch);
  const auto bytes = test::folder_bytes(m.dir);
  const std::string refused = test::refused_url();
  test::expect_one_line_error(test::run_cli({"label", m.dir, "--llm-url", refused, "--llm-model", "stub", "--retries", "0"}), 1,
                              refused + "/chat/completions: ");
  // With retries: a warning per retry, then the error.
  const auto down = test::run_cli({"label", m.dir, "--llm-url", refused, "--llm-model", "stub", "--retries", "2", "--backoff", "0"});
  EXPECT_EQ(down.exit_code, 1);
  EXPECT_EQ(std::count(down.err.begin(), down.err.end(), '\n'), 3) << down.err;
  EXPECT_NE(down.err.find("retrying in 0 s\ntopica: error: " + refused), std::string::npos) << down.err;
  EXPECT_NE(down.err.find("(gave up after 3 attempts)\n"), std::string::npos) << down.err;
  EXPECT_EQ(test::folder_bytes(m.dir), bytes);

  // The first topic is answered; the second topic's reply has no choices.
  test::LlmServer broken;
  broken.script({{200, test::chat_reply("Cats"), ""}, {200, R"({"object": "chat.completion"})", ""}});
  test::expect_one_line_error(test::run_cli({"label", m.dir, "--llm-url", broken.url(), "--llm-model", "stub"}), 1,
                              "the reply has no choices");
  EXPECT_EQ(test::folder_bytes(m.dir), bytes);
  test::expect_one_line_error(
      test::run_cli({"label", m.dir, "--llm-url", broken.url(), "--llm-model", "stub", "--prompt-file",
                     scratch.write("empty.txt", "Name a topic.")}),
      2, "neither [KEYWORDS] nor [DOCUMENTS]");
  test::expect_one_line_error(test::run_cli({"label", m.dir, "--llm-url", "localhost:8080", "--llm-model", "stub"}), 2,
                              "expected an http:// or https:// URL");
  EXPECT_EQ(test::folder_bytes(m.dir), bytes);
}

}  // namespace
}  // namespace topica
