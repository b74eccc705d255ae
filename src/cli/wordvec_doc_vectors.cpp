// topica wordvec doc-vectors VECTORS --corpus F --output E.npy [--weighting mean|sif]: one row per
// document (mean or SIF-weighted mean of its word vectors), for topica fit --embeddings and
// topica similar --embeddings.
#include <memory>

#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/wordvec.hpp"
#include "topica/document_vectors.hpp"
#include "topica/npy.hpp"
#include "topica/word_vector_tools.hpp"

namespace topica::cli {
namespace {

struct DocVectorArgs {
  std::string vectors, output;
  CorpusOptions corpus;
  TokenizeOptions tokenize;
  DocumentVectorOptions options;
  std::size_t threads = 0;
};

void run_doc_vectors(const DocVectorArgs& a) {
  const WordVectorSource source = WordVectorSource::load(a.vectors);
  const auto documents = read_tokenized_corpus(a.corpus, a.tokenize, a.threads);
  const auto counts = source.counts();
  DocumentVectorStats stats;
  const Matrix<float> vectors = document_vectors(source.vectors(), documents, a.options, counts ? *counts : std::vector<std::uint64_t>(), &stats);
  write_npy(a.output, vectors);
  fmt::print(stderr, "topica: doc-vectors: {} documents x {} ({}), {} of {} tokens in the vocabulary{}{} -> {}\n", vectors.rows,
             vectors.cols, a.options.weighting == DocumentWeighting::Sif ? "sif" : "mean", stats.known_tokens, stats.tokens,
             stats.empty_documents == 0 ? "" : fmt::format("; {} documents with no known word are zero rows", stats.empty_documents),
             a.options.weighting == DocumentWeighting::Sif ? (counts ? "; p(w) from the model's counts" : "; p(w) from this corpus") : "",
             a.output);
}

}  // namespace

void add_wordvec_doc_vectors(CLI::App& wordvec) {
  auto a = std::make_shared<DocVectorArgs>();
  auto* verb = wordvec.add_subcommand("doc-vectors", "Document vectors from word vectors (mean or SIF) -> .npy");
  verb->add_option("VECTORS", a->vectors, "Word vectors or a topica FastText model")->required();
  add_corpus_options(*verb, a->corpus, CorpusArgument::Flag);
  add_tokenize_options(*verb, a->tokenize);
  add_output_option(*verb, a->output, "Document vectors (.npy, one row per document)", true);
  verb->add_option("--weighting", a->options.weighting, "mean, or sif: a/(a+p(w)) weights, first principal component removed")
      ->transform(CLI::CheckedTransformer(std::map<std::string, DocumentWeighting>{{"mean", DocumentWeighting::Mean},
                                                                                   {"sif", DocumentWeighting::Sif}},
                                          CLI::ignore_case)
                      .description(""))
      ->option_text("mean|sif [mean]");
  verb->add_option("--sif-a", a->options.sif_a, "SIF's a")->capture_default_str();
  add_threads_option(*verb, a->threads);
  verb->callback([a] { run_doc_vectors(*a); });
}

}  // namespace topica::cli
