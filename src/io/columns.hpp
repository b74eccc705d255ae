// Which header columns hold the text, id, time and class of a delimited file. Internal.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "topica/corpus.hpp"

namespace topica::io {

struct ColumnIndexes {
  std::size_t text = 0;
  std::optional<std::size_t> id, time, label;
};

/// Resolves the column options against `header`: a header name, else a 0-based index. The text
/// column defaults to "text", else the only column. Throws UsageError listing the header.
ColumnIndexes resolve_columns(const std::vector<std::string>& header, const CorpusOptions& options,
                              const std::string& source);

/// The field name a JSONL reader takes the text from ("text" unless told otherwise).
inline std::string text_field(const CorpusOptions& options) {
  return options.text_column.empty() ? "text" : options.text_column;
}

}  // namespace topica::io
