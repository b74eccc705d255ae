// Reading a corpus: one document per row, streamed so that a file of any size is read in
// bounded memory. Formats: plain text (a document per line), CSV, TSV, JSONL, a directory of
// .txt files, and standard input ("-").
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace topica {

enum class InputFormat { Auto, Text, Csv, Tsv, Jsonl, Directory };
/// How delimited files treat double quotes. Auto: RFC 4180 for CSV, none for TSV (the public
/// TSV corpora are not quoted, and a stray quote must not swallow the lines that follow).
enum class Quoting { Auto, Csv, None };
enum class OnInvalidUtf8 { Error, Replace };

struct CorpusOptions {
  std::string path;                       ///< file, directory, or "-" for standard input
  InputFormat format = InputFormat::Auto; ///< Auto: from the extension; "-" reads text
  Quoting quoting = Quoting::Auto;
  OnInvalidUtf8 on_invalid = OnInvalidUtf8::Error;  ///< Replace: each bad sequence -> U+FFFD
  /// Column (CSV/TSV header name, or 0-based index) or JSONL field holding the text.
  /// Empty: "text" when present, else the only column.
  std::string text_column;
  std::string id_column;     ///< optional; empty when not wanted
  std::string time_column;   ///< optional
  std::string class_column;  ///< optional
};

/// One row of the corpus. Rows are numbered from 0 in input order; an empty text keeps its row.
struct Document {
  std::size_t row = 0;
  std::uint64_t line = 0;  ///< 1-based line where the row starts (0 for directory entries)
  std::string text;
  std::string id;          ///< id column, or the file path for directories
  std::string time;        ///< raw value of the time column
  std::string label;       ///< raw value of the class column
};

class CorpusReader {
 public:
  virtual ~CorpusReader() = default;
  /// Fills `doc` with the next row; false at the end. Throws InputError naming file and line.
  virtual bool next(Document& doc) = 0;
  /// The name used in messages: the path, or "<stdin>".
  virtual const std::string& source_name() const = 0;
};

/// The format a path would be read as (Auto resolved from the extension or file type).
InputFormat resolve_format(const CorpusOptions& options);
const char* format_name(InputFormat format);
std::optional<InputFormat> parse_format(const std::string& name);

/// Opens a corpus for streaming. Throws Error for a missing path, UsageError for an unknown
/// format or column.
std::unique_ptr<CorpusReader> open_corpus(const CorpusOptions& options);

}  // namespace topica
