// CSV and TSV with a header row. With quoting on, RFC 4180: a field that starts with '"' runs to
// the matching quote, may hold the delimiter and newlines, and '""' inside it is one '"'.
// Blank lines are skipped (as Python's csv module does); every other record must have as many
// fields as the header.
#include <fmt/format.h>

#include "io/columns.hpp"
#include "io/line_source.hpp"
#include "io/readers.hpp"
#include "topica/error.hpp"

namespace topica::io {
namespace {

class DelimitedReader final : public CorpusReader {
 public:
  DelimitedReader(const CorpusOptions& options, char delimiter, bool quoted)
      : lines_(options.path, options.on_invalid), delimiter_(delimiter), quoted_(quoted) {
    std::vector<std::string> header;
    if (!read_record(header)) throw InputError(fmt::format("{}: empty file; expected a header row", lines_.name()));
    header_size_ = header.size();
    columns_ = resolve_columns(header, options, lines_.name());
  }

  bool next(Document& doc) override {
    if (!read_record(fields_)) return false;
    if (fields_.size() != header_size_) {
      throw InputError(fmt::format("{}: line {}: {} fields where the header has {}{}", lines_.name(), record_line_,
                                   fields_.size(), header_size_,
                                   quoted_ ? "" : " (if fields are quoted, pass --quoting csv)"));
    }
    doc.row = row_++;
    doc.line = record_line_;
    doc.text = std::move(fields_[columns_.text]);
    doc.id = columns_.id ? fields_[*columns_.id] : std::string();
    doc.time = columns_.time ? fields_[*columns_.time] : std::string();
    doc.label = columns_.label ? fields_[*columns_.label] : std::string();
    return true;
  }
  const std::string& source_name() const override { return lines_.name(); }

 private:
  // Reads the next non-blank record into `fields`; false at end of input.
  bool read_record(std::vector<std::string>& fields) {
    std::string_view line;
    do {
      if (!lines_.next(line)) return false;
    } while (line.empty());
    record_line_ = lines_.line_number();
    fields.clear();
    if (!quoted_) {
      split_plain(line, fields);
      return true;
    }
    parse_quoted(line, fields);
    return true;
  }

  void split_plain(std::string_view line, std::vector<std::string>& fields) const {
    std::size_t start = 0;
    for (;;) {
      const std::size_t at = line.find(delimiter_, start);
      fields.emplace_back(line.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
      if (at == std::string_view::npos) return;
      start = at + 1;
    }
  }

  void parse_quoted(std::string_view line, std::vector<std::string>& fields) {
    std::string field;
    bool in_quotes = false, at_field_start = true;
    for (;;) {
      for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (in_quotes) {
          if (c != '"') {
            field += c;
          } else if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            ++i;
          } else {
            in_quotes = false;
          }
        } else if (c == delimiter_) {
          fields.push_back(std::move(field));
          field.clear();
          at_field_start = true;
          continue;
        } else if (c == '"' && at_field_start) {
          in_quotes = true;
        } else {
          field += c;  // a quote inside an unquoted field is kept as it is (Python's csv does too)
        }
        at_field_start = false;
      }
      if (!in_quotes) break;
      field += '\n';  // the quoted field goes on to the next line
      if (!lines_.next(line)) {
        throw InputError(fmt::format("{}: line {}: a quoted field opened in this record is never closed",
                                     lines_.name(), record_line_));
      }
    }
    fields.push_back(std::move(field));
  }

  LineSource lines_;
  char delimiter_;
  bool quoted_;
  std::size_t header_size_ = 0;
  ColumnIndexes columns_;
  std::vector<std::string> fields_;
  std::uint64_t record_line_ = 0;
  std::size_t row_ = 0;
};

}  // namespace

std::unique_ptr<CorpusReader> open_delimited_reader(const CorpusOptions& options, char delimiter, bool quoted) {
  return std::make_unique<DelimitedReader>(options, delimiter, quoted);
}

}  // namespace topica::io
