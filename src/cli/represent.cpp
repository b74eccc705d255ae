// topica represent DIR --method keybert|mmr [--diversity D] [--aspect NAME] [--top-n-words N]:
// BERTopic's KeyBERTInspired and MaximalMarginalRelevance on a saved model, replacing the main
// topic words (so keybert then mmr chains) or stored beside them as a named aspect.
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "cli/model_edit.hpp"
#include "cli/query_vector.hpp"
#include "cli/topic_table.hpp"
#include "cli/verbs.hpp"
#include "topica/error.hpp"
#include "topica/saved_model.hpp"
#include "topica/topic_representation.hpp"

namespace topica::cli {
namespace {

struct RepresentArgs {
  ModelEditArgs edit;
  std::string method;
  std::optional<double> diversity;
  std::string aspect;
  std::optional<std::size_t> top_n_words;
};

void run_represent(const RepresentArgs& a) {
  const std::string& dir = a.edit.dir;
  RepresentOptions options;
  options.method = a.method == "keybert" ? RepresentationMethod::KeyBert : RepresentationMethod::Mmr;
  if (a.diversity && options.method != RepresentationMethod::Mmr) throw UsageError("--diversity: only --method mmr has one");
  if (a.diversity) options.diversity = *a.diversity;
  options.aspect = a.aspect;
  if (!a.aspect.empty()) check_aspect_name(a.aspect);

  SavedModel saved = load_model(dir);
  options.top_n_words = a.top_n_words.value_or(saved.model.options.top_n_words);
  // Both methods compare embeddings of single words, which only the model's embedder can make.
  if (!saved.embedder && !saved.encoder) {
    throw UsageError(fmt::format("{}: the model was fitted from --embeddings ({}), so it cannot embed the topic words "
                                 "{} compares; fit with the built-in embedder or --model",
                                 dir, saved.provenance.embedder, a.method));
  }
  if (options.method == RepresentationMethod::KeyBert && saved.documents.size() != saved.model.assignments.size()) {
    throw UsageError(fmt::format("{}: the folder keeps no training documents (documents.jsonl), which keybert's "
                                 "representative documents come from; fit again with this topica",
                                 dir));
  }
  const TextEmbedder embed = [&](std::span<const std::string> texts) { return embed_like_model(saved, dir, texts); };
  represent_topics(saved.model, saved.documents, embed, options);
  save_edited_model(saved, a.edit);
  if (options.aspect.empty()) {
    fmt::print("{}", topic_table(saved.model));
  } else {
    for (const Topic& t : saved.model.topics) {
      std::string words;
      for (const auto& w : t.aspects.at(options.aspect)) (words += words.empty() ? "" : ", ") += w.word;
      fmt::print("{:>6}  [{}]\n", t.id, words);
    }
  }
}

}  // namespace

void add_represent(CLI::App& app) {
  auto a = std::make_shared<RepresentArgs>();
  auto* verb = app.add_subcommand("represent",
                                  "Re-rank topic words: KeyBERT-inspired or maximal marginal relevance (BERTopic's "
                                  "representation models), in place of the main words or as a named aspect");
  add_model_edit_options(*verb, a->edit);
  verb->add_option("--method", a->method, "keybert: candidate words by similarity to the representative documents; "
                                          "mmr: a diverse subset of the current words")
      ->required()
      ->check(CLI::IsMember({"keybert", "mmr"}));
  verb->add_option("--diversity", a->diversity, "mmr: 0 (most similar words) to 1 (most diverse); default 0.1")->type_name("D");
  verb->add_option("--aspect", a->aspect, "Store the result as this named aspect instead of replacing the main words")
      ->type_name("NAME");
  verb->add_option("--top-n-words", a->top_n_words, "Words per topic (default: the model's)")->type_name("N");
  verb->callback([a] { run_represent(*a); });
}

}  // namespace topica::cli
