#include "cli/corpus_column.hpp"

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica::cli {

std::string ColumnCorpus::where(std::size_t row) const {
  return lines[row] > 0 ? fmt::format("{}: line {} (row {})", source, lines[row], row) : fmt::format("{}: row {}", source, row);
}

ColumnCorpus read_column_corpus(const CorpusOptions& options, std::string Document::*field) {
  auto reader = open_corpus(options);
  ColumnCorpus corpus;
  corpus.source = reader->source_name();
  Document doc;
  while (reader->next(doc)) {
    corpus.texts.push_back(std::move(doc.text));
    corpus.values.push_back(std::move(doc.*field));
    corpus.lines.push_back(doc.line);
  }
  if (corpus.texts.empty()) throw UsageError(fmt::format("{}: the corpus has no documents", corpus.source));
  return corpus;
}

void check_training_corpus(const ColumnCorpus& corpus, const TopicModel& model, const std::string& dir) {
  if (corpus.texts.size() != model.assignments.size()) {
    throw UsageError(fmt::format("{}: {} documents, but the model {} was fitted on {}: give the corpus it was fitted on",
                                 corpus.source, corpus.texts.size(), dir, model.assignments.size()));
  }
}

}  // namespace topica::cli
