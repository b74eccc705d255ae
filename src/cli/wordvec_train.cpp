// topica wordvec train --corpus F --algo cbow|skipgram|fasttext|glove --output VECTORS [--binary] …:
// tokenizes the corpus once, trains, writes the vectors (word2vec text = fastText .vec, or
// word2vec binary). topica wordvec tokenize writes the tokens the trainer would see, one document
// per line, so other tools (gensim, fastText) can train on exactly the same words.

#include <chrono>
#include <ctime>
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/progress.hpp"
#include "cli/wordvec.hpp"
#include "topica/atomic_file.hpp"
#include "topica/error.hpp"
#include "topica/fasttext_model.hpp"
#include "topica/glove.hpp"
#include "topica/training_corpus.hpp"
#include "topica/word2vec.hpp"
#include "topica/word_vector_files.hpp"

namespace topica::cli {
namespace {

enum class Algo { Cbow, SkipGram, FastText, Glove };

struct TrainArgs {
  CorpusOptions corpus;
  TokenizeOptions tokenize;
  Algo algo = Algo::SkipGram;
  Word2VecArch arch = Word2VecArch::SkipGram;  // fasttext's architecture
  FastTextOptions options;                     // every knob; Word2Vec reads its base part
  std::size_t min_count = 5;
  std::string output, model;
  bool binary = false, progress = false;
  // GloVe: Stanford's window 10 and 25 epochs unless --window / --epochs are given.
  double x_max = 100, weighting_alpha = 0.75;
  bool window_given = false, epochs_given = false;
};

const char* algo_name(Algo algo) {
  switch (algo) {
    case Algo::Cbow: return "cbow";
    case Algo::SkipGram: return "skipgram";
    case Algo::FastText: return "fasttext";
    case Algo::Glove: return "glove";
  }
  return "?";
}

TrainingCorpus build_corpus(const TrainArgs& a) {
  TrainingCorpusBuilder builder;
  for (const auto& doc : read_tokenized_corpus(a.corpus, a.tokenize, a.options.threads)) builder.add_document(doc);
  TrainingCorpus corpus = builder.finish(a.min_count);
  fmt::print(stderr, "topica: wordvec: {} documents, {} tokens, {} words seen at least {} times ({} tokens kept)\n",
             corpus.documents(), corpus.corpus_tokens, corpus.words.size(), a.min_count, corpus.tokens.size());
  return corpus;
}

// The shared progress line (stage, words, rate, time left), counting the words the epochs go
// through; a log gets count lines only with --progress.
TrainingProgress progress_line(bool counts_in_log, double total_words) {
  auto reporter = std::make_shared<ProgressReporter>("wordvec", counts_in_log ? ProgressReporter::Log::Counts
                                                                              : ProgressReporter::Log::Nothing);
  reporter->stage("training");
  return [reporter, total_words](double done, double) {
    reporter->advance(static_cast<std::uint64_t>(done * total_words), static_cast<std::uint64_t>(total_words), "words");
  };
}

// GloVe counts co-occurrences from the token stream itself (no subsampling, no vocabulary cut
// before its own min_count), so it reads the tokenized documents, not the Word2Vec corpus.
WordVectors train_glove_vectors(const TrainArgs& a) {
  const std::vector<std::vector<std::string>> documents = read_tokenized_corpus(a.corpus, a.tokenize, a.options.threads);
  GloveOptions options;
  options.dimension = a.options.dim;
  options.window = a.window_given ? a.options.window : options.window;
  options.epochs = a.epochs_given ? a.options.epochs : options.epochs;
  options.min_count = a.min_count;
  options.threads = a.options.threads;
  options.seed = a.options.seed;
  options.x_max = a.x_max;
  options.alpha = a.weighting_alpha;
  if (a.options.alpha > 0) options.learning_rate = a.options.alpha;
  options.on_epoch = [](const GloveEpoch& e) {
    fmt::print(stderr, "topica: glove epoch {}: loss {:.5f} ({:.1f} s)\n", e.epoch, e.loss, e.seconds);
  };
  std::size_t next = 0;
  const TokenSource source = [&](std::vector<std::string>& tokens) {
    if (next == documents.size()) return false;
    tokens.insert(tokens.end(), documents[next].begin(), documents[next].end());
    ++next;
    return true;
  };
  return train_glove(source, options);
}

// One branch per algorithm; each returns the vocabulary's vectors.
WordVectors train_vectors(const TrainArgs& a, const TrainingCorpus& corpus) {
  switch (a.algo) {
    case Algo::Glove:
      break;  // trained by train_glove_vectors, from the tokens
    case Algo::Cbow:
    case Algo::SkipGram: {
      Word2VecOptions options = a.options;  // the Word2Vec part
      options.arch = a.algo == Algo::Cbow ? Word2VecArch::Cbow : Word2VecArch::SkipGram;
      return train_word2vec(corpus, options);
    }
    case Algo::FastText: {
      FastTextOptions options = a.options;
      options.arch = a.arch;
      const FastTextModel model = train_fasttext(corpus, options);
      if (!a.model.empty()) model.save(a.model);
      return model.word_vectors();
    }
  }
  throw Error("unknown algorithm");
}

void run_train(TrainArgs a) {
  if (!a.model.empty() && a.algo != Algo::FastText) throw UsageError("--model saves a FastText model: use it with --algo fasttext");
  if (a.options.alpha == 0 && a.algo == Algo::FastText) a.options.alpha = 0.05;  // fastText's -lr
  if (a.algo == Algo::Glove) {
    const auto start = std::chrono::steady_clock::now();
    const WordVectors vectors = train_glove_vectors(a);
    fmt::print(stderr, "topica: wordvec: trained glove in {:.2f} s\n",
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    write_word_vectors(a.output, vectors, a.binary ? VectorFileFormat::Word2VecBinary : VectorFileFormat::Word2VecText);
    fmt::print(stderr, "topica: wordvec: {} vectors of {} -> {}\n", vectors.size(), vectors.dimension(), a.output);
    return;
  }
  const TrainingCorpus corpus = build_corpus(a);
  a.options.progress = progress_line(a.progress, static_cast<double>(corpus.corpus_tokens * a.options.epochs));
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();  // every thread's CPU time: words/s/thread on a busy machine
  const WordVectors vectors = train_vectors(a, corpus);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const double words = static_cast<double>(corpus.corpus_tokens * a.options.epochs);
  fmt::print(stderr, "topica: wordvec: trained {} ({} epochs) in {:.2f} s, {:.2f} CPU s: {:.0f} corpus words/s, {:.0f} per CPU second\n",
             algo_name(a.algo), a.options.epochs, seconds, cpu_seconds, words / std::max(seconds, 1e-9), words / std::max(cpu_seconds, 1e-9));
  write_word_vectors(a.output, vectors, a.binary ? VectorFileFormat::Word2VecBinary : VectorFileFormat::Word2VecText);
  fmt::print(stderr, "topica: wordvec: {} vectors of {} -> {}{}\n", vectors.size(), vectors.dimension(), a.output,
             a.model.empty() ? "" : fmt::format(", model -> {}", a.model));
}

struct TokenizeArgs {
  CorpusOptions corpus;
  TokenizeOptions tokenize;
  std::string output;
  std::size_t threads = 0;
};

void run_tokenize(const TokenizeArgs& a) {
  AtomicFile out(a.output);
  std::string line;
  for (const auto& doc : read_tokenized_corpus(a.corpus, a.tokenize, a.threads)) {
    line.clear();
    for (const std::string& token : doc) (line.empty() ? line : line += ' ') += token;
    line += '\n';
    out.write(line);
  }
  out.commit();
}

}  // namespace

void add_wordvec_train(CLI::App& wordvec) {
  auto a = std::make_shared<TrainArgs>();
  a->options.alpha = 0;  // resolved per algorithm
  a->options.threads = 0;
  auto* verb = wordvec.add_subcommand("train", "Train word vectors: Word2Vec (CBOW, skip-gram), FastText or GloVe");
  add_corpus_options(*verb, a->corpus, CorpusArgument::Flag);
  add_tokenize_options(*verb, a->tokenize);
  verb->add_option("--algo", a->algo, "cbow | skipgram (Word2Vec) | fasttext (subwords) | glove (co-occurrence counts)")
      ->required()
      ->transform(CLI::CheckedTransformer(std::map<std::string, Algo>{{"cbow", Algo::Cbow}, {"skipgram", Algo::SkipGram},
                                                                      {"fasttext", Algo::FastText}, {"glove", Algo::Glove}},
                                          CLI::ignore_case)
                      .description(""))
      ->option_text("cbow|skipgram|fasttext|glove");
  auto& o = a->options;
  verb->add_option("--dim", o.dim, "Vector dimension (vector_size)")->capture_default_str()->check(CLI::Range(1, 10000));
  verb->add_option("--window", o.window,
                   "Largest distance to a context word (each position draws 1..window); glove: 10 unless given, "
                   "counts weighted 1/distance")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000))
      ->each([a](const std::string&) { a->window_given = true; });
  verb->add_option("--min-count", a->min_count, "Drop words seen fewer times")->capture_default_str();
  verb->add_option("--epochs", o.epochs, "Passes over the corpus (glove: over the co-occurrence cells, 25 unless given)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
      ->each([a](const std::string&) { a->epochs_given = true; });
  verb->add_option("--x-max", a->x_max, "glove: counts above this get full weight in the loss")->capture_default_str();
  verb->add_option("--glove-alpha", a->weighting_alpha, "glove: exponent of the loss weighting (x/x_max)^alpha")
      ->capture_default_str();
  verb->add_option("--threads", o.threads,
                   "Threads (0: every core). They update shared rows without locks (Hogwild, as word2vec, gensim and "
                   "fastText): only --threads 1 with a --seed is bit-reproducible")
      ->capture_default_str();
  add_output_option(*verb, a->output, "Word vectors: word2vec text (= fastText .vec), or binary with --binary", true);
  verb->add_flag("--binary", a->binary, "Write word2vec's binary format instead of text");
  verb->add_option("--negative", o.negative, "Negative samples per positive (0: none)")->capture_default_str();
  verb->add_flag("--hs", o.hierarchical_softmax, "Hierarchical softmax (Huffman tree); with --negative 0 it is the only loss");
  verb->add_option("--sample", o.sample, "Subsampling threshold for frequent words (0: off)")->capture_default_str();
  verb->add_option("--alpha", o.alpha,
                   "Starting learning rate (default: 0.025 skip-gram, 0.05 CBOW as word2vec.c, 0.05 fasttext, 0.05 glove's AdaGrad)");
  verb->add_option("--min-alpha", o.min_alpha, "The learning rate decays linearly to this")->capture_default_str();
  add_seed_option(*verb, o.seed);
  verb->get_option("--seed")->description("Random seed; with --threads 1 the same seed gives the same vectors");
  verb->add_option("--minn", o.minn, "fasttext: shortest character n-gram")->capture_default_str();
  verb->add_option("--maxn", o.maxn, "fasttext: longest character n-gram (0: no subwords)")->capture_default_str();
  verb->add_option("--bucket", o.bucket, "fasttext: hash buckets for the n-grams")->capture_default_str();
  verb->add_option("--arch", a->arch, "fasttext: skipgram or cbow over subwords")
      ->transform(CLI::CheckedTransformer(
                      std::map<std::string, Word2VecArch>{{"skipgram", Word2VecArch::SkipGram}, {"cbow", Word2VecArch::Cbow}},
                      CLI::ignore_case)
                      .description(""))
      ->option_text("skipgram|cbow [skipgram]");
  verb->add_option("--model", a->model,
                   "fasttext: also save the whole model (vocabulary + n-gram rows), so unknown words get vectors later")
      ->type_name("FILE");
  verb->add_flag("--progress", a->progress, "Show progress (words/s) on stderr even when it is not a terminal");
  verb->callback([a] { run_train(*a); });
}

void add_wordvec_tokenize(CLI::App& wordvec) {
  auto t = std::make_shared<TokenizeArgs>();
  auto* tokenize = wordvec.add_subcommand("tokenize", "Write the corpus as train sees it: one document per line, tokens space-separated");
  add_corpus_options(*tokenize, t->corpus, CorpusArgument::Flag);
  add_tokenize_options(*tokenize, t->tokenize);
  add_output_option(*tokenize, t->output, "Token file", true);
  add_threads_option(*tokenize, t->threads);
  tokenize->callback([t] { run_tokenize(*t); });
}

}  // namespace topica::cli
