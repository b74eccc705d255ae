// topica update DIR --corpus F [--embeddings E.npy] [--new-topics] [--out DIR2]: adds a batch of
// new documents to a saved model (placed by its transform, topics rebuilt from all documents).
#include <fmt/format.h>

#include "cli/documents.hpp"
#include "cli/model_edit.hpp"
#include "cli/options.hpp"
#include "cli/progress.hpp"
#include "cli/query_vector.hpp"
#include "cli/verbs.hpp"
#include "topica/online_update.hpp"

namespace topica::cli {
namespace {

struct UpdateArgs {
  ModelEditArgs model;
  CorpusOptions corpus;
  std::string embeddings;
  UpdateOptions options;
};

void run_update(const UpdateArgs& a) {
  SavedModel saved = load_model(a.model.dir);
  const std::vector<std::string> docs = read_documents(a.corpus);
  ProgressReporter progress("topica update");
  progress.stage("embedding");
  const Matrix<float> embeddings = new_document_embeddings(saved, a.model.dir, a.embeddings, docs, [&](std::size_t done, std::size_t total) {
    progress.advance(done, total, "docs");
  });
  progress.stage("placing them and recounting the topics");
  const UpdateResult r = update_model(saved, docs, embeddings, a.options);
  progress.stage("saving");
  save_edited_model(saved, a.model);
  progress.clear();
  fmt::print("{} documents added ({} outliers); the model now has {} documents in {} topics", r.added,
             r.added_outliers, saved.documents.size(), saved.model.topics.size() - (saved.model.index_of(-1) ? 1 : 0));
  if (a.options.new_topics) fmt::print("; {} new topics from {} outlier documents", r.new_topics, r.new_topic_documents);
  fmt::print("\n");
}

}  // namespace

void add_update(CLI::App& app) {
  auto a = std::make_shared<UpdateArgs>();
  auto* verb = app.add_subcommand("update", "Add new documents to a saved model (online update: assign, recount "
                                            "c-TF-IDF, optionally find new topics among the outliers)");
  add_model_edit_options(*verb, a->model);
  add_corpus_options(*verb, a->corpus, CorpusArgument::Flag);
  verb->add_option("--embeddings", a->embeddings,
                   "Embeddings of the new documents (.npy, one row each); default: the model's own embedder")
      ->type_name("FILE");
  verb->add_flag("--new-topics", a->options.new_topics,
                 "Cluster the outlier documents (old and new) with the model's UMAP and HDBSCAN settings and add "
                 "the clusters found as topics");
  add_threads_option(*verb, a->options.threads);
  verb->callback([a] { run_update(*a); });
}

}  // namespace topica::cli
