// Reading a whole corpus into memory for the verbs that need every text at once (fit, transform).
#pragma once

#include <string>
#include <vector>

#include "topica/corpus.hpp"

namespace topica::cli {

/// The texts of the corpus in order. Throws UsageError for a corpus with no documents or only
/// empty ones; warns on stderr about empty documents (they are kept, so rows stay aligned).
std::vector<std::string> read_documents(const CorpusOptions& options);

}  // namespace topica::cli
