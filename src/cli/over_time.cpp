// topica over-time DIR --corpus F --time-column C [--bins N]: BERTopic's topics_over_time on the
// model's training corpus, printed and saved in the model folder as topics_over_time.csv.
#include <memory>
#include <optional>

#include "cli/corpus_column.hpp"
#include "cli/options.hpp"
#include "cli/slice_table.hpp"
#include "cli/verbs.hpp"
#include "topica/error.hpp"
#include "topica/model_store.hpp"
#include "topica/topics_over_time.hpp"

namespace topica::cli {
namespace {

struct OverTimeArgs {
  std::string dir;
  CorpusOptions corpus;
  std::optional<std::size_t> bins;
  bool no_evolution_tuning = false, no_global_tuning = false;
  OverTimeOptions options;
  SliceTableOutput out;
};

void run_over_time(OverTimeArgs& a) {
  if (a.bins && *a.bins == 0) throw UsageError("--bins must be at least 1");
  if (a.options.top_n_words == 0) throw UsageError("--top-n-words must be at least 1");
  const TopicModel model = load_topic_model(a.dir);
  const ColumnCorpus corpus = read_column_corpus(a.corpus, &Document::time);
  check_training_corpus(corpus, model, a.dir);
  const TimeColumn times = parse_time_column(corpus.values, [&](std::size_t row) {
    return corpus.where(row) + ": --time-column '" + a.corpus.time_column + "'";
  });
  a.options.bins = a.bins.value_or(0);
  a.options.evolution_tuning = !a.no_evolution_tuning;
  a.options.global_tuning = !a.no_global_tuning;
  emit_slice_table(topics_over_time(model, corpus.texts, times, a.options), "Timestamp", a.out, a.dir,
                   "topics_over_time.csv");
}

}  // namespace

void add_over_time(CLI::App& app) {
  auto a = std::make_shared<OverTimeArgs>();
  auto* verb = app.add_subcommand("over-time", "Topics over time (BERTopic's topics_over_time): each topic's words and "
                                               "size per time bin");
  verb->add_option("DIR", a->dir, "Model folder written by topica fit")->required();
  add_corpus_options(*verb, a->corpus, CorpusArgument::Flag);
  verb->get_option("--corpus")->description("The corpus the model was fitted on, with a time column");
  verb->get_option("--time-column")
      ->description("Column or field holding each document's time: an ISO 8601 date / date-time (UTC unless it "
                    "has a zone) or Unix seconds")
      ->required();
  verb->add_option("--bins", a->bins, "Equal-width time bins, stamped with their left edge (default: one per distinct "
                                      "time)")
      ->type_name("N");
  verb->add_flag("--no-evolution-tuning", a->no_evolution_tuning,
                 "Do not average each bin's topic words with the previous bin's");
  verb->add_flag("--no-global-tuning", a->no_global_tuning, "Do not average each bin's topic words with the topic's overall words");
  verb->add_option("--top-n-words", a->options.top_n_words, "Words per row")->capture_default_str();
  add_threads_option(*verb, a->options.threads);
  add_slice_table_options(*verb, a->out);
  verb->callback([a] { run_over_time(*a); });
}

}  // namespace topica::cli
