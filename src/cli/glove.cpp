// topica glove train --corpus F --output V.txt [--dim 100] [--window 10] [--min-count 5]
// [--epochs 25] [--threads N] [--x-max 100] [--alpha 0.75] [--seed S] [--language L]:
// GloVe word vectors from a corpus, written in GloVe's text format.
#include <memory>

#include <fmt/format.h>

#include "cli/corpus_column.hpp"
#include "cli/options.hpp"
#include "cli/verbs.hpp"
#include "topica/analyzer.hpp"
#include "topica/error.hpp"
#include "topica/glove.hpp"

namespace topica::cli {
namespace {

struct GloveArgs {
  CorpusOptions corpus;
  std::string output, language = "auto";
  GloveOptions options;
};

void run_glove_train(GloveArgs& a) {
  const std::vector<std::string> texts = read_column_corpus(a.corpus, &Document::label).texts;
  const AnalyzerSettings settings = choose_analyzer(a.language, texts);
  fmt::print(stderr, "topica: analyzer: {}\n", settings.language);
  const std::shared_ptr<const Analyzer> analyzer = make_analyzer(settings);
  std::size_t next = 0;
  const TokenSource documents = [&](std::vector<std::string>& tokens) {
    if (next == texts.size()) return false;
    analyzer->tokenize(texts[next++], tokens);
    return true;
  };
  a.options.on_epoch = [](const GloveEpoch& e) {
    fmt::print(stderr, "topica: glove epoch {}: loss {:.5f} ({:.1f} s)\n", e.epoch, e.loss, e.seconds);
  };
  const WordVectors vectors = train_glove(documents, a.options);
  write_glove_text(vectors, a.output);
  fmt::print(stderr, "topica: {} words x {} dimensions -> {}\n", vectors.size(), vectors.dimension(), a.output);
}

}  // namespace

void add_glove_train(CLI::App& glove) {
  auto a = std::make_shared<GloveArgs>();
  auto* verb = glove.add_subcommand("train", "Train GloVe word vectors (Stanford's defaults) and write GloVe text");
  add_corpus_options(*verb, a->corpus, CorpusArgument::Flag);
  add_output_option(*verb, a->output, "Write the vectors to FILE (GloVe text: word and values, no header)", true);
  verb->add_option("--dim", a->options.dimension, "Vector dimension")->capture_default_str();
  verb->add_option("--window", a->options.window, "Words on each side counted, weighted 1/distance")->capture_default_str();
  verb->add_option("--min-count", a->options.min_count, "Keep words seen at least this often")->capture_default_str();
  verb->add_option("--epochs", a->options.epochs, "Passes over the co-occurrence cells")->capture_default_str();
  verb->add_option("--x-max", a->options.x_max, "Counts above this get full weight")->capture_default_str();
  verb->add_option("--alpha", a->options.alpha, "Exponent of the weighting (x/x_max)^alpha")->capture_default_str();
  verb->add_option("--language", a->language, "Word analyzer: auto (by script share), ko, en / none (scikit-learn's)")
      ->check(CLI::IsMember({"auto", "ko", "en", "none"}))
      ->capture_default_str();
  verb->add_option("--threads", a->options.threads,
                   "Threads (0: every core); only 1 thread gives bit-identical vectors on every run")
      ->capture_default_str();
  add_seed_option(*verb, a->options.seed);
  verb->callback([a] { run_glove_train(*a); });
}

}  // namespace topica::cli
