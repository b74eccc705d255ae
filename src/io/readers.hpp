// The corpus readers behind open_corpus(), one per format. Internal to libtopica.
#pragma once

#include <memory>

#include "topica/corpus.hpp"

namespace topica::io {

std::unique_ptr<CorpusReader> open_text_reader(const CorpusOptions& options);
/// CSV (delimiter ',') and TSV (delimiter '\t'); `quoted` enables RFC 4180 quotes.
std::unique_ptr<CorpusReader> open_delimited_reader(const CorpusOptions& options, char delimiter,
                                                    bool quoted);
std::unique_ptr<CorpusReader> open_jsonl_reader(const CorpusOptions& options);
std::unique_ptr<CorpusReader> open_directory_reader(const CorpusOptions& options);

}  // namespace topica::io
