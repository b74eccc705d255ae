// topica reduce-topics DIR --nr-topics N|auto [--out DIR2]: BERTopic's reduce_topics, the topics
// merged by how close their embeddings are; prints the new topic table.
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/model_edit.hpp"
#include "cli/topic_table.hpp"
#include "cli/verbs.hpp"
#include "topica/topic_reduction.hpp"

namespace topica::cli {
namespace {

struct ReduceTopicsArgs {
  ModelEditArgs edit;
  std::string nr_topics;
};

void run_reduce_topics(const ReduceTopicsArgs& a) {
  const NrTopics nr = NrTopics::parse(a.nr_topics);
  SavedModel saved = load_model(a.edit.dir);
  const ReductionSummary summary = reduce_topics(saved, nr);
  if (!summary.changed) {
    fmt::print(stderr, "topica: note: {} topics{} and --nr-topics {}: nothing to reduce\n", saved.model.topics.size(),
               saved.model.index_of(-1) ? " (the outlier topic included)" : "", a.nr_topics);
    if (!a.edit.out.empty()) save_edited_model(saved, a.edit);
    return;
  }
  save_edited_model(saved, a.edit);
  fmt::print("{}", topic_table(saved.model));
  fmt::print(stderr, "topica: {} topics reduced to {}\n", summary.before, summary.after);
}

}  // namespace

/// fit and reduce-topics spell --nr-topics alike.
void add_nr_topics_option(CLI::App& verb, std::string& nr_topics, bool required) {
  auto* option = verb.add_option("--nr-topics", nr_topics,
                                 "Reduce to N topics, the outlier topic included (average linkage of topic embeddings), "
                                 "or auto (HDBSCAN on the topic embeddings)")
                     ->type_name("N|auto");
  if (required) option->required();
}

void add_reduce_topics(CLI::App& app) {
  auto a = std::make_shared<ReduceTopicsArgs>();
  auto* verb = app.add_subcommand("reduce-topics", "Merge a saved model's closest topics (BERTopic's reduce_topics)");
  add_model_edit_options(*verb, a->edit);
  add_nr_topics_option(*verb, a->nr_topics, true);
  verb->callback([a] { run_reduce_topics(*a); });
}

}  // namespace topica::cli
