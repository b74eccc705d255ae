#include "topica/table_writer.hpp"

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica {

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

CsvWriter::CsvWriter(const std::string& path, std::initializer_list<std::string_view> header) : file_(path) {
  columns_ = header.size();
  write_row(header);
}

CsvWriter::CsvWriter(const std::string& path, const std::vector<std::string>& header) : file_(path) {
  columns_ = header.size();
  write_row(header);
}

void CsvWriter::row(std::initializer_list<std::string_view> fields) { write_row(fields); }
void CsvWriter::row(const std::vector<std::string>& fields) { write_row(fields); }

template <typename Range>
void CsvWriter::write_row(const Range& fields) {
  if (fields.size() != columns_) {
    throw Error(fmt::format("{}: a row of {} fields in a table of {} columns", file_.path(), fields.size(), columns_));
  }
  line_.clear();
  bool first = true;
  for (const auto& f : fields) {
    if (!first) line_ += ',';
    line_ += csv_field(f);
    first = false;
  }
  line_ += '\n';
  file_.write(line_);
}

void JsonlWriter::line(std::string_view json) {
  if (json.find('\n') != std::string_view::npos) throw Error(fmt::format("{}: a JSON line holds a newline", file_.path()));
  file_.write(json);
  file_.write("\n");
}

}  // namespace topica
