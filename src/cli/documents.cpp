#include "cli/documents.hpp"

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica::cli {

std::vector<std::string> read_documents(const CorpusOptions& options) {
  auto reader = open_corpus(options);
  std::vector<std::string> docs;
  Document doc;
  std::size_t empty = 0;
  while (reader->next(doc)) {
    empty += doc.text.find_first_not_of(" \t\r\n") == std::string::npos;
    docs.push_back(std::move(doc.text));
  }
  if (docs.empty()) throw UsageError(fmt::format("{}: the corpus has no documents", reader->source_name()));
  if (empty == docs.size()) throw UsageError(fmt::format("{}: every document is empty", reader->source_name()));
  if (empty > 0) fmt::print(stderr, "topica: warning: {} empty documents kept in place\n", empty);
  return docs;
}

}  // namespace topica::cli
