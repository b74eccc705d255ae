// topica wordvec …: the verbs of word embeddings (issue 9), and what they share: reading a corpus
// as token lists through the same analyzer as `topica fit`.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "topica/corpus.hpp"

namespace topica::cli {

void add_wordvec_train(CLI::App& wordvec);        // topica wordvec train
void add_wordvec_tokenize(CLI::App& wordvec);     // topica wordvec tokenize
void add_wordvec_queries(CLI::App& wordvec);      // similar, analogy, similarity, doesnt-match
void add_wordvec_eval(CLI::App& wordvec);         // topica wordvec eval
void add_wordvec_doc_vectors(CLI::App& wordvec);  // topica wordvec doc-vectors
void add_wordvec_adjust(CLI::App& wordvec);       // topica wordvec adjust

/// How documents become words: --language, --user-dict, --tokenized.
struct TokenizeOptions {
  std::string language = "auto", user_dict;
  bool tokenized = false;  // the corpus is already tokenized: split on whitespace only
};
void add_tokenize_options(CLI::App& verb, TokenizeOptions& options);

/// Every document of the corpus as its tokens; prints the analyzer chosen to stderr.
std::vector<std::vector<std::string>> read_tokenized_corpus(const CorpusOptions& corpus, const TokenizeOptions& options,
                                                            std::size_t threads);

}  // namespace topica::cli
