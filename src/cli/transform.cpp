// topica transform DIR --corpus FILE [--embeddings E.npy] --output OUT.csv: topics of new
// documents on a saved model (BERTopic's transform). Embeddings come from --embeddings or the
// model's own built-in embedder; a model fitted from --embeddings needs them given again.
#include <chrono>

#include <fmt/format.h>

#include "cli/documents.hpp"
#include "cli/options.hpp"
#include "cli/progress.hpp"
#include "cli/query_vector.hpp"
#include "cli/verbs.hpp"
#include "topica/error.hpp"
#include "topica/npy.hpp"
#include "topica/saved_model.hpp"
#include "topica/table_writer.hpp"

namespace topica::cli {
namespace {

struct TransformArgs {
  std::string model_dir, embeddings, output, distributions;
  CorpusOptions corpus;
  std::size_t threads = 0;
};

void run_transform(const TransformArgs& a) {
  const auto start = std::chrono::steady_clock::now();
  const SavedModel saved = load_model(a.model_dir);
  const std::vector<std::string> docs = read_documents(a.corpus);
  ProgressReporter progress("topica transform");
  progress.stage("embedding");
  const Matrix<float> embeddings = new_document_embeddings(saved, a.model_dir, a.embeddings, docs, [&](std::size_t done, std::size_t total) {
    progress.advance(done, total, "docs");
  });
  const bool distributions = !a.distributions.empty();
  progress.stage("placing them on the topics");
  const TopicPrediction p = transform_topics(saved.model, saved.transform ? &*saved.transform : nullptr, embeddings,
                                             distributions, a.threads);
  progress.clear();
  CsvWriter out(a.output, {"row", "topic", "probability"});
  for (std::size_t i = 0; i < p.topics.size(); ++i) {
    out.row({std::to_string(i), std::to_string(p.topics[i]), fmt::format("{:.9g}", p.probabilities[i])});
  }
  if (distributions) write_npy(a.distributions, p.distributions);
  out.commit();
  std::size_t outliers = 0;
  for (const int t : p.topics) outliers += t == -1;
  fmt::print(stderr, "topica: {} documents placed ({} outliers) in {:.1f} s{}\n", docs.size(), outliers,
             std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
             a.output == "-" ? "" : ", written to " + a.output);
}

}  // namespace

void add_transform(CLI::App& app) {
  auto a = std::make_shared<TransformArgs>();
  auto* verb = app.add_subcommand("transform", "Assign topics to new documents with a saved model (BERTopic's transform)");
  verb->add_option("DIR", a->model_dir, "Model folder written by topica fit")->required();
  add_corpus_options(*verb, a->corpus, CorpusArgument::Flag);
  verb->add_option("--embeddings", a->embeddings,
                   "Embeddings of the new documents (.npy, one row each); default: the model's built-in embedder")
      ->type_name("FILE");
  add_output_option(*verb, a->output, "CSV with row,topic,probability per document (- for standard output)", true);
  verb->add_option("--distributions", a->distributions,
                   "Also write each document's topic distribution (documents x topics, float32 .npy)")
      ->type_name("FILE");
  add_threads_option(*verb, a->threads);
  verb->callback([a] { run_transform(*a); });
}

}  // namespace topica::cli
