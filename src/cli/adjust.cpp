// topica adjust --model M --synonyms GROUPS --out NEW_MODEL [--method mean|weighted|max|min]
// [--source input|contextual] [--force]: one concept, one vector. Every word of a synonym group
// gets the group's combined embedding; words the tokenizer splits are added as tokens first.
#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/verbs.hpp"
#include "topica/model_adjust.hpp"
#include "topica/synonym_groups.hpp"

namespace topica::cli {
namespace {

struct AdjustArgs {
  std::string model, synonyms, out, method = "mean", source = "input";
  bool force = false;
  std::size_t threads = 0;
};

std::string joined(const std::vector<std::string>& tokens) {
  std::string out;
  for (std::size_t i = 0; i < tokens.size(); ++i) (out += i ? " " : "") += tokens[i];
  return out;
}

void run_adjust(const AdjustArgs& a) {
  const std::vector<SynonymGroup> groups = read_synonym_groups(a.synonyms);
  AdjustOptions options;
  options.method = *parse_combine_method(a.method);
  options.source = *parse_embedding_source(a.source);
  options.force = a.force;
  options.threads = a.threads;
  const AdjustReport report = adjust_model(a.model, groups, a.out, options);
  for (const AdjustedWord& w : report.words) {
    fmt::print(stderr, "topica: {} -> {} (id {}{}; was {})\n", w.word, w.concept_name, w.id, w.added ? ", added" : "",
               joined(w.before));
  }
  fmt::print(stderr, "topica: {} groups, vocabulary {} -> {}, method {}, source {}; wrote {}\n", groups.size(),
             report.vocab_before, report.vocab_after, a.method, a.source, a.out);
}

}  // namespace

void add_adjust(CLI::App& app) {
  auto a = std::make_shared<AdjustArgs>();
  auto* verb = app.add_subcommand("adjust", "Give every word of a synonym group one embedding, adding missing words "
                                            "as tokens; writes a new model folder");
  verb->add_option("--model", a->model, "Transformer model folder (or cached hub id) with tokenizer.json")->required()->type_name("DIR");
  verb->add_option("--synonyms", a->synonyms, "Synonym groups: JSON {\"concept\": [words]} or CSV concept,word[,weight]")
      ->required()
      ->type_name("GROUPS");
  verb->add_option("--out", a->out, "New model folder to write (never the input)")->required()->type_name("DIR");
  verb->add_option("--method", a->method, "How a group's vectors combine")
      ->check(CLI::IsMember({"mean", "weighted", "max", "min"}))
      ->capture_default_str();
  verb->add_option("--source", a->source, "Word vectors from the input embeddings or the last hidden state")
      ->check(CLI::IsMember({"input", "contextual"}))
      ->capture_default_str();
  verb->add_flag("--force", a->force, "Replace --out when it exists");
  add_threads_option(*verb, a->threads);
  verb->callback([a] { run_adjust(*a); });
}

}  // namespace topica::cli
