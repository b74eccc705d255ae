// topica per-class DIR --corpus F --class-column C: BERTopic's topics_per_class on the model's
// training corpus, printed and saved in the model folder as topics_per_class.csv.
#include <memory>

#include <fmt/format.h>

#include "cli/corpus_column.hpp"
#include "cli/options.hpp"
#include "cli/slice_table.hpp"
#include "cli/verbs.hpp"
#include "topica/error.hpp"
#include "topica/model_store.hpp"
#include "topica/topics_per_class.hpp"

namespace topica::cli {
namespace {

struct PerClassArgs {
  std::string dir;
  CorpusOptions corpus;
  bool no_global_tuning = false;
  PerClassOptions options;
  SliceTableOutput out;
};

void run_per_class(PerClassArgs& a) {
  if (a.options.top_n_words == 0) throw UsageError("--top-n-words must be at least 1");
  const TopicModel model = load_topic_model(a.dir);
  const ColumnCorpus corpus = read_column_corpus(a.corpus, &Document::label);
  check_training_corpus(corpus, model, a.dir);
  for (std::size_t row = 0; row < corpus.values.size(); ++row) {
    if (corpus.values[row].empty()) {
      throw InputError(fmt::format("{}: --class-column '{}' is empty", corpus.where(row), a.corpus.class_column));
    }
  }
  a.options.global_tuning = !a.no_global_tuning;
  std::vector<TopicSliceRow> rows;
  try {
    rows = topics_per_class(model, corpus.texts, corpus.values, a.options);
  } catch (const UsageError& e) {  // name the corpus and column in the one-class message
    throw UsageError(fmt::format("{}: --class-column '{}': {}", corpus.source, a.corpus.class_column, e.what()));
  }
  emit_slice_table(rows, "Class", a.out, a.dir, "topics_per_class.csv");
}

}  // namespace

void add_per_class(CLI::App& app) {
  auto a = std::make_shared<PerClassArgs>();
  auto* verb = app.add_subcommand("per-class", "Topics per class (BERTopic's topics_per_class): each topic's words and "
                                               "size within each class");
  verb->add_option("DIR", a->dir, "Model folder written by topica fit")->required();
  add_corpus_options(*verb, a->corpus, CorpusArgument::Flag);
  verb->get_option("--corpus")->description("The corpus the model was fitted on, with a class column");
  verb->get_option("--class-column")->required();
  verb->add_flag("--no-global-tuning", a->no_global_tuning,
                 "Do not average each class's topic words with the topic's overall words");
  verb->add_option("--top-n-words", a->options.top_n_words, "Words per row")->capture_default_str();
  add_threads_option(*verb, a->options.threads);
  add_slice_table_options(*verb, a->out);
  verb->callback([a] { run_per_class(*a); });
}

}  // namespace topica::cli
