// topica export projector (DIR | --embeddings E.npy --corpus F | --vectors V) --out FOLDER: vectors
// and their metadata for TensorFlow's Embedding Projector (write_projector() in libtopica). From a
// model folder: its document embeddings with each document's text, topic and topic label; from
// word vectors: one row per word, labelled by the word.
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/verbs.hpp"
#include "topica/error.hpp"
#include "topica/npy.hpp"
#include "topica/projector.hpp"
#include "topica/saved_model.hpp"
#include "topica/word_vector_files.hpp"

namespace topica::cli {
namespace {

struct ProjectorArgs {
  std::string dir, embeddings, vectors, out;
  CorpusOptions corpus;
};

std::vector<std::string> corpus_texts(const CorpusOptions& options) {
  std::vector<std::string> texts;
  const auto reader = open_corpus(options);
  Document doc;
  while (reader->next(doc)) texts.push_back(doc.text);
  return texts;
}

void export_word_vectors(const ProjectorArgs& a) {
  if (!a.dir.empty() || !a.embeddings.empty() || !a.corpus.path.empty()) {
    throw UsageError("--vectors exports word vectors on their own: no model DIR, --embeddings or --corpus");
  }
  const WordVectors words = read_word_vectors(a.vectors);
  ProjectorMetadata metadata;
  metadata.columns = {"word"};
  for (const std::string& w : words.words) metadata.rows.push_back({projector_field(w)});
  write_projector(words.vectors, metadata, "words", a.out);
  fmt::print(stderr, "topica: {} word vectors written to {} (projector.tensorflow.org: Load tensors.tsv and metadata.tsv)\n",
             words.size(), a.out);
}

void run_export_projector(const ProjectorArgs& a) {
  if (!a.vectors.empty()) return export_word_vectors(a);
  const bool from_model = !a.dir.empty();
  if (from_model == !a.embeddings.empty()) throw UsageError("give a model DIR, or --embeddings E.npy with --corpus F");
  if (!from_model && a.corpus.path.empty()) throw UsageError("--embeddings needs --corpus F: the documents, one per row");
  if (from_model && !a.corpus.path.empty()) throw UsageError("--corpus goes with --embeddings; a model DIR has its documents");
  std::size_t rows = 0;
  if (from_model) {
    const SavedModel saved = load_model(a.dir);
    const Matrix<float>* vectors = document_embeddings(saved);
    if (vectors == nullptr) throw InputError(a.dir + ": the model keeps no document embeddings to export");
    if (saved.documents.size() != vectors->rows) {
      throw InputError(fmt::format("{}: {} documents for {} embeddings; fit the model again", a.dir, saved.documents.size(),
                                   vectors->rows));
    }
    write_projector(*vectors, document_metadata(saved.documents, saved.model.assignments, &saved.model), "documents", a.out);
    rows = vectors->rows;
  } else {
    const Matrix<float> vectors = read_npy_matrix(a.embeddings);
    const auto texts = corpus_texts(a.corpus);
    if (texts.size() != vectors.rows) {
      throw InputError(fmt::format("{}: {} rows but {} has {} documents: they must match row for row", a.embeddings,
                                   vectors.rows, a.corpus.path, texts.size()));
    }
    write_projector(vectors, document_metadata(texts, {}, nullptr), "documents", a.out);
    rows = vectors.rows;
  }
  fmt::print(stderr, "topica: {} vectors written to {} (projector.tensorflow.org: Load tensors.tsv and metadata.tsv)\n",
             rows, a.out);
}

}  // namespace

void add_export_projector(CLI::App& export_verb) {
  auto a = std::make_shared<ProjectorArgs>();
  auto* verb = export_verb.add_subcommand("projector", "Write document embeddings and their topics for TensorFlow's "
                                                       "Embedding Projector (tensors.tsv, metadata.tsv)");
  verb->add_option("DIR", a->dir, "Model folder written by topica fit");
  verb->add_option("--embeddings", a->embeddings, "Embeddings .npy to export instead of a model's")->type_name("E.npy");
  verb->add_option("--vectors", a->vectors, "Word vectors to export (word2vec text/binary, .vec, GloVe text)")
      ->type_name("V");
  add_corpus_options(*verb, a->corpus, CorpusArgument::Flag);
  verb->get_option("--corpus")->required(false)->description("With --embeddings: the documents, one per embedding row");
  verb->add_option("--out", a->out, "Folder to write")->required()->type_name("FOLDER");
  verb->callback([a] { run_export_projector(*a); });
}

}  // namespace topica::cli
