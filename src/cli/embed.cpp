// topica embed --model DIR --corpus FILE --output E.npy: one sentence embedding per document from a
// Hugging Face BERT / RoBERTa / XLM-R model folder, as sentence-transformers' encode gives them.
#include <chrono>

#include <fmt/format.h>

#include "cli/cache_options.hpp"
#include "cli/documents.hpp"
#include "cli/options.hpp"
#include "cli/progress.hpp"
#include "cli/verbs.hpp"
#include "topica/encoder.hpp"
#include "topica/npy.hpp"

namespace topica::cli {
namespace {

struct EmbedArgs {
  CorpusOptions corpus;
  std::string model, output;
  std::size_t batch_size = 32;  // sentence-transformers' encode default
  std::size_t max_length = 0;   // 0: the model folder's
  bool normalize = false;
  std::size_t threads = 0;
  std::string precision = "fp32";
  bool progress = false;  // on anyway when stderr is a terminal
  CacheArgs cache;
};

void run_embed(const EmbedArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  EncoderOptions options;
  if (args.max_length > 0) options.max_length = args.max_length;
  options.normalize = args.normalize;
  options.precision = *parse_precision(args.precision);  // CLI11 checked the spelling
  const CachedEncoder cached = CachedEncoder::load(args.model, options);
  const SentenceEncoder& encoder = cached.encoder;
  const std::vector<std::string> documents = read_documents(args.corpus);
  std::optional<EmbeddingCache> cache = open_cache(args.cache);
  CacheCounts counts;
  ProgressReporter progress("topica embed", args.progress ? ProgressReporter::Log::Counts : ProgressReporter::Log::Nothing);
  const Matrix<float> embeddings = encode_cached(cached, cache ? &*cache : nullptr, documents, args.batch_size, args.threads,
                                                 &counts, [&](std::size_t done, std::size_t total) {
                                                   progress.advance(done, total, "docs");
                                                 });
  write_npy(args.output, embeddings);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(stderr, "topica embed: {} documents x {} dimensions ({}, {} layers, max length {}, {}{}) in {:.2f} s ({:.0f} docs/s), {}\n",
             embeddings.rows, embeddings.cols, encoder.config().model_type, encoder.config().num_hidden_layers,
             encoder.max_length(), precision_name(encoder.precision()), encoder.normalizes() ? ", normalized" : "", seconds,
             seconds > 0 ? double(embeddings.rows) / seconds : 0.0, cache_summary(counts, cache));
}

}  // namespace

void add_embed(CLI::App& app) {
  auto a = std::make_shared<EmbedArgs>();
  auto* verb = app.add_subcommand("embed", "Embed every document with a Hugging Face sentence encoder (BERT, RoBERTa, XLM-R)");
  verb->add_option("--model", a->model,
                   "Model folder (config.json, model.safetensors, tokenizer.json or vocab.txt, and the "
                   "sentence-transformers files when present), or a hub id in the Hugging Face cache "
                   "(topica model pull ID)")
      ->required();
  add_corpus_options(*verb, a->corpus, CorpusArgument::Flag);
  add_output_option(*verb, a->output, "Write the embeddings to FILE as a float32 .npy array, one row per document", true);
  verb->add_option("--batch-size", a->batch_size, "Documents per forward pass (sorted by length first)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  verb->add_option("--max-length", a->max_length,
                   "Tokens per document, special tokens included (0: sentence_bert_config.json's max_seq_length, "
                   "else the model's positions)")
      ->capture_default_str();
  verb->add_flag("--normalize", a->normalize, "L2-normalise every embedding (on anyway when modules.json lists Normalize)");
  verb->add_option("--precision", a->precision,
                   "Arithmetic of the dense layers: fp32 (reference), bf16 (bfloat16 inputs and weights, float32 "
                   "sums; fast with AVX512-BF16, emulated on other AVX-512 CPUs, an error without AVX-512) or int8 "
                   "(int8 weights per channel, inputs per token; fast with AVX512-VNNI, slower elsewhere)")
      ->check(CLI::IsMember({"fp32", "bf16", "int8"}))
      ->capture_default_str();
  verb->add_flag("--progress", a->progress, "Show progress (documents done, docs/s) on stderr even when it is not a terminal");
  add_threads_option(*verb, a->threads);
  add_cache_options(*verb, a->cache);
  verb->callback([a] { run_embed(*a); });
}

}  // namespace topica::cli
