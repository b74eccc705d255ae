// topica label DIR --llm-url URL --llm-model M [--prompt-file P] [--aspect NAME]: a short label per
// topic from an OpenAI-compatible chat endpoint (BERTopic's OpenAI representation). The key comes
// from OPENAI_API_KEY. Every topic is asked first; the model changes only when all answered.
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "cli/model_edit.hpp"
#include "cli/topic_table.hpp"
#include "cli/verbs.hpp"
#include "topica/error.hpp"
#include "topica/llm_labels.hpp"
#include "topica/saved_model.hpp"
#include "topica/topic_labels.hpp"
#include "topica/topic_representation.hpp"

namespace topica::cli {
namespace {

struct LabelArgs {
  ModelEditArgs edit;
  LlmOptions llm;
  std::string prompt_file, aspect;
};

std::string read_prompt(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot open the prompt file", path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void run_label(LabelArgs& a) {
  if (!a.aspect.empty()) check_aspect_name(a.aspect);
  LlmOptions& o = a.llm;
  if (!a.prompt_file.empty()) {
    o.prompt = read_prompt(a.prompt_file);
    if (o.prompt.find("[KEYWORDS]") == std::string::npos && o.prompt.find("[DOCUMENTS]") == std::string::npos) {
      throw UsageError(fmt::format("{}: the prompt has neither [KEYWORDS] nor [DOCUMENTS], so it says nothing about a topic",
                                   a.prompt_file));
    }
  }
  if (const char* key = std::getenv("OPENAI_API_KEY"); key != nullptr && *key != '\0') o.api_key = key;
  o.on_retry = [](const std::string& message) { fmt::print(stderr, "topica: warning: {}\n", message); };

  SavedModel saved = load_model(a.edit.dir);
  const std::map<int, std::string> labels = llm_topic_labels(saved.model, o);
  if (a.aspect.empty()) {
    set_topic_labels(saved.model, labels);
  } else {
    // BERTopic keeps an LLM's label as the aspect's one "word", with weight 1.
    for (const auto& [id, label] : labels) saved.model.topics[*saved.model.index_of(id)].aspects[a.aspect] = {{label, 1.0}};
  }
  save_edited_model(saved, a.edit);
  fmt::print("{}", topic_table(saved.model));
}

}  // namespace

void add_label(CLI::App& app) {
  auto a = std::make_shared<LabelArgs>();
  auto* verb = app.add_subcommand("label", "Label topics with a large language model behind an OpenAI-compatible chat "
                                           "endpoint (key from OPENAI_API_KEY)");
  add_model_edit_options(*verb, a->edit);
  verb->add_option("--llm-url", a->llm.url, "API base URL; requests go to URL/chat/completions")->required()->type_name("URL");
  verb->add_option("--llm-model", a->llm.model, "The model the endpoint should use")->required()->type_name("M");
  verb->add_option("--prompt-file", a->prompt_file, "Prompt with [KEYWORDS] and [DOCUMENTS] placeholders (default: topica's)")
      ->type_name("FILE");
  verb->add_option("--aspect", a->aspect, "Store the labels as this named aspect instead of as the topics' custom labels")
      ->type_name("NAME");
  verb->add_option("--retries", a->llm.retries, "Further attempts after a 429, 5xx or failed connection")->capture_default_str();
  verb->add_option("--backoff", a->llm.backoff_seconds, "Seconds before the first retry; doubled for each next one")
      ->capture_default_str();
  verb->add_option("--timeout", a->llm.timeout_seconds, "Seconds per request")->capture_default_str();
  verb->callback([a] { run_label(*a); });
}

}  // namespace topica::cli
