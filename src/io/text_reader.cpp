// Plain text: one document per line.
#include "io/line_source.hpp"
#include "io/readers.hpp"
#include "topica/error.hpp"

#include <fmt/format.h>

namespace topica::io {
namespace {

class TextReader final : public CorpusReader {
 public:
  explicit TextReader(const CorpusOptions& options) : lines_(options.path, options.on_invalid) {}

  bool next(Document& doc) override {
    std::string_view line;
    if (!lines_.next(line)) return false;
    doc.row = row_++;
    doc.line = lines_.line_number();
    doc.text.assign(line);
    doc.id.clear();
    doc.time.clear();
    doc.label.clear();
    return true;
  }
  const std::string& source_name() const override { return lines_.name(); }

 private:
  LineSource lines_;
  std::size_t row_ = 0;
};

}  // namespace

std::unique_ptr<CorpusReader> open_text_reader(const CorpusOptions& options) {
  for (const std::string* column : {&options.text_column, &options.id_column, &options.time_column, &options.class_column}) {
    if (!column->empty()) {
      throw UsageError(fmt::format("{}: plain text has no columns, so '{}' cannot be read; use CSV, TSV or JSONL",
                                   options.path, *column));
    }
  }
  return std::make_unique<TextReader>(options);
}

}  // namespace topica::io
