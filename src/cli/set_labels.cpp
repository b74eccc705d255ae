// topica set-labels DIR --labels L.csv | --generate [--nr-words 4] [--separator _] [--no-prefix]:
// custom topic labels (BERTopic's set_topic_labels and generate_topic_labels).
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/model_edit.hpp"
#include "cli/topic_table.hpp"
#include "cli/verbs.hpp"
#include "topica/error.hpp"
#include "topica/saved_model.hpp"
#include "topica/topic_labels.hpp"

namespace topica::cli {
namespace {

struct SetLabelsArgs {
  ModelEditArgs edit;
  std::string labels;
  bool generate = false;
  bool no_prefix = false;
  GeneratedLabelOptions generated;
};

void run_set_labels(const SetLabelsArgs& a) {
  if (!a.generate && a.labels.empty()) throw UsageError("set-labels: give --labels FILE or --generate");
  SavedModel saved = load_model(a.edit.dir);
  std::map<int, std::string> labels;
  if (a.generate) {
    GeneratedLabelOptions options = a.generated;
    options.topic_prefix = !a.no_prefix;
    labels = generate_topic_labels(saved.model, options);
  } else {
    labels = read_topic_labels(a.labels, saved.model);
  }
  set_topic_labels(saved.model, labels);
  save_edited_model(saved, a.edit);
  fmt::print("{}", topic_table(saved.model));
}

}  // namespace

void add_set_labels(CLI::App& app) {
  auto a = std::make_shared<SetLabelsArgs>();
  auto* verb = app.add_subcommand("set-labels", "Give topics custom labels, from a CSV or generated from their words "
                                                "(BERTopic's set_topic_labels / generate_topic_labels)");
  add_model_edit_options(*verb, a->edit);
  auto* labels = verb->add_option("--labels", a->labels, "CSV with the columns topic,label (an empty label clears one)")
                     ->type_name("FILE");
  auto* generate = verb->add_flag("--generate", a->generate, "Generate each label from the topic's words");
  labels->excludes(generate);
  verb->add_option("--nr-words", a->generated.nr_words, "With --generate: words per label")->capture_default_str()->needs(generate);
  verb->add_option("--separator", a->generated.separator, "With --generate: between the id and each word")
      ->capture_default_str()
      ->needs(generate);
  verb->add_flag("--no-prefix", a->no_prefix, "With --generate: no topic id in front")->needs(generate);
  verb->add_option("--word-length", a->generated.word_length, "With --generate: cut words to N characters (0: whole)")
      ->capture_default_str()
      ->needs(generate);
  verb->add_option("--aspect", a->generated.aspect, "With --generate: take the words of this aspect")
      ->type_name("NAME")
      ->needs(generate);
  verb->callback([a] { run_set_labels(*a); });
}

}  // namespace topica::cli
