// topica classify train|predict|test: fastText's supervised classifier on the project's word
// analyzers. train --corpus F --label-column C --output MODEL; predict MODEL --corpus F [--top K]
// [--output FILE] (CSV: row, label, probability); test MODEL --corpus F --label-column C
// (accuracy, macro and per-class precision, recall, F1).
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/corpus_column.hpp"
#include "cli/options.hpp"
#include "cli/verbs.hpp"
#include "topica/analyzer.hpp"
#include "topica/classification_metrics.hpp"
#include "topica/error.hpp"
#include "topica/table_writer.hpp"
#include "topica/text_classifier.hpp"

namespace topica::cli {
namespace {

struct ClassifyArgs {
  std::string model, output = "-", language = "auto";
  CorpusOptions corpus;
  ClassifierOptions options;
  std::size_t top = 1;
  OutputFormat format = OutputFormat::Text;
};

// The corpus and --label-column: the shared corpus options, with the class column under the
// name this verb's users know from fastText and Keras tutorials.
void add_labeled_corpus_options(CLI::App& verb, CorpusOptions& corpus, bool labels_required) {
  add_corpus_options(verb, corpus, CorpusArgument::Flag);
  verb.remove_option(verb.get_option("--class-column"));
  auto* label = verb.add_option("--label-column", corpus.class_column, "Column or field holding each document's label");
  if (labels_required) label->required();
}

ColumnCorpus read_labeled(const CorpusOptions& options) {
  ColumnCorpus corpus;
  try {
    corpus = read_column_corpus(options, &Document::label);
  } catch (const UsageError& e) {  // the shared reader calls the column by its --class-column flag
    std::string message = e.what();
    if (const auto at = message.find("--class-column"); at != std::string::npos) message.replace(at, 14, "--label-column");
    throw UsageError(message);
  }
  for (std::size_t row = 0; row < corpus.values.size(); ++row) {
    if (corpus.values[row].empty()) {
      throw InputError(fmt::format("{}: --label-column '{}' is empty", corpus.where(row), options.class_column));
    }
  }
  return corpus;
}

std::vector<std::vector<std::string>> tokenize_all(const std::vector<std::string>& texts, const AnalyzerSettings& settings) {
  const std::shared_ptr<const Analyzer> analyzer = make_analyzer(settings);
  std::vector<std::vector<std::string>> documents(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) analyzer->tokenize(texts[i], documents[i]);
  return documents;
}

void run_train(ClassifyArgs& a) {
  const ColumnCorpus corpus = read_labeled(a.corpus);
  const AnalyzerSettings settings = choose_analyzer(a.language, corpus.texts);
  fmt::print(stderr, "topica: analyzer: {}\n", settings.language);
  a.options.on_epoch = [](std::size_t epoch, double loss, double seconds) {
    fmt::print(stderr, "topica: classify epoch {}: loss {:.5f} ({:.1f} s)\n", epoch, loss, seconds);
  };
  TextClassifier model;
  try {
    model = TextClassifier::train(tokenize_all(corpus.texts, settings), corpus.values, a.options);
  } catch (const InputError& e) {  // name the corpus and the column in the one-class message
    throw InputError(fmt::format("{}: --label-column '{}': {}", corpus.source, a.corpus.class_column, e.what()));
  }
  model.analyzer = settings;
  model.save(a.model);
  fmt::print(stderr, "topica: {} labels, {} words, {} documents -> {}\n", model.labels().size(), model.words().size(),
             corpus.texts.size(), a.model);
}

void run_predict(const ClassifyArgs& a) {
  if (a.top == 0) throw UsageError("--top must be at least 1");
  const TextClassifier model = TextClassifier::load(a.model);
  const std::vector<std::vector<std::string>> documents = tokenize_all(read_column_corpus(a.corpus, &Document::label).texts, model.analyzer);
  CsvWriter out(a.output, {"row", "label", "probability"});
  for (std::size_t row = 0; row < documents.size(); ++row) {
    for (const LabelScore& s : model.predict(documents[row], a.top)) {
      out.row({std::to_string(row), model.labels()[s.label], fmt::format("{:.6f}", s.probability)});
    }
  }
  out.commit();
}

void print_report(const ClassificationReport& r, OutputFormat format) {
  if (format == OutputFormat::Json) {
    nlohmann::json classes = nlohmann::json::array();
    for (const ClassScores& c : r.classes) {
      classes.push_back({{"label", c.label}, {"precision", c.precision}, {"recall", c.recall}, {"f1", c.f1},
                         {"support", c.support}});
    }
    const nlohmann::json j{{"documents", r.documents}, {"accuracy", r.accuracy},
                           {"macro", {{"precision", r.macro_precision}, {"recall", r.macro_recall}, {"f1", r.macro_f1}}},
                           {"classes", classes}};
    fmt::print("{}\n", j.dump(2));
    return;
  }
  fmt::print("documents  {}\naccuracy   {:.4f}\n\n{:<24} {:>9} {:>9} {:>9} {:>8}\n", r.documents, r.accuracy, "label",
             "precision", "recall", "f1", "support");
  for (const ClassScores& c : r.classes) {
    fmt::print("{:<24} {:>9.4f} {:>9.4f} {:>9.4f} {:>8}\n", c.label, c.precision, c.recall, c.f1, c.support);
  }
  fmt::print("{:<24} {:>9.4f} {:>9.4f} {:>9.4f} {:>8}\n", "macro avg", r.macro_precision, r.macro_recall, r.macro_f1,
             r.documents);
}

void run_test(const ClassifyArgs& a) {
  const TextClassifier model = TextClassifier::load(a.model);
  const ColumnCorpus corpus = read_labeled(a.corpus);
  const std::vector<std::vector<std::string>> documents = tokenize_all(corpus.texts, model.analyzer);
  std::vector<std::string> predicted;
  predicted.reserve(documents.size());
  for (const auto& tokens : documents) predicted.push_back(model.labels()[model.predict(tokens, 1).front().label]);
  print_report(classification_report(corpus.values, predicted), a.format);
}

void add_train(CLI::App& classify) {
  auto a = std::make_shared<ClassifyArgs>();
  auto* verb = classify.add_subcommand("train", "Train a text classifier (fastText supervised: averaged word vectors, softmax)");
  add_labeled_corpus_options(*verb, a->corpus, true);
  verb->add_option("--output", a->model, "Write the classifier model to FILE")->required();
  ClassifierOptions& o = a->options;
  verb->add_option("--dim", o.dimension, "Word vector dimension")->capture_default_str();
  verb->add_option("--epochs", o.epochs, "Passes over the corpus")->capture_default_str();
  verb->add_option("--lr", o.learning_rate, "Initial learning rate, decaying linearly to 0")->capture_default_str();
  verb->add_option("--word-ngrams", o.word_ngrams, "Longest word n-gram used (1: words only)")->capture_default_str();
  verb->add_option("--buckets", o.buckets, "Hash buckets for word n-grams (with --word-ngrams > 1)")->capture_default_str();
  verb->add_option("--min-count", o.min_count, "Keep words seen at least this often")->capture_default_str();
  verb->add_option("--threads", o.threads, "Threads (0: every core); only 1 thread gives bit-identical models")
      ->capture_default_str();
  add_seed_option(*verb, o.seed);
  verb->add_option("--language", a->language, "Word analyzer: auto (by script share), ko, en / none (scikit-learn's)")
      ->check(CLI::IsMember({"auto", "ko", "en", "none"}))
      ->capture_default_str();
  verb->callback([a] { run_train(*a); });
}

void add_predict(CLI::App& classify) {
  auto a = std::make_shared<ClassifyArgs>();
  auto* verb = classify.add_subcommand("predict", "Label documents with a trained classifier (CSV: row, label, probability)");
  verb->add_option("MODEL", a->model, "Classifier written by topica classify train")->required();
  add_corpus_options(*verb, a->corpus, CorpusArgument::Flag);
  verb->add_option("--top", a->top, "Labels per document, most probable first")->capture_default_str();
  add_output_option(*verb, a->output, "Write the predictions to FILE", false);
  verb->callback([a] { run_predict(*a); });
}

void add_test(CLI::App& classify) {
  auto a = std::make_shared<ClassifyArgs>();
  auto* verb = classify.add_subcommand("test", "Score a classifier on labeled documents: accuracy, precision, recall, F1");
  verb->add_option("MODEL", a->model, "Classifier written by topica classify train")->required();
  add_labeled_corpus_options(*verb, a->corpus, true);
  add_format_option(*verb, a->format, {OutputFormat::Text, OutputFormat::Json});
  verb->callback([a] { run_test(*a); });
}

}  // namespace

void add_classify(CLI::App& app) {
  auto* classify = app.add_subcommand("classify", "Text classification on averaged word vectors (fastText supervised)");
  classify->require_subcommand(1);
  add_train(*classify);
  add_predict(*classify);
  add_test(*classify);
}

}  // namespace topica::cli
