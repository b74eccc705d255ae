#include "io/columns.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "topica/error.hpp"

namespace topica::io {
namespace {

std::optional<std::size_t> find_column(const std::vector<std::string>& header, const std::string& name,
                                       const char* option, const std::string& source) {
  if (name.empty()) return std::nullopt;
  const auto it = std::find(header.begin(), header.end(), name);
  if (it != header.end()) return static_cast<std::size_t>(it - header.begin());
  if (std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; }) && name.size() < 9) {
    const std::size_t index = std::stoul(name);
    if (index < header.size()) return index;
  }
  throw UsageError(fmt::format("{}: {} '{}' is not a column; the header has: {}", source, option, name,
                               fmt::join(header, ", ")));
}

}  // namespace

ColumnIndexes resolve_columns(const std::vector<std::string>& header, const CorpusOptions& options,
                              const std::string& source) {
  ColumnIndexes columns;
  if (!options.text_column.empty()) {
    columns.text = *find_column(header, options.text_column, "--text-column", source);
  } else if (const auto it = std::find(header.begin(), header.end(), "text"); it != header.end()) {
    columns.text = static_cast<std::size_t>(it - header.begin());
  } else if (header.size() == 1) {
    columns.text = 0;
  } else {
    throw UsageError(fmt::format("{}: no column named 'text'; choose one with --text-column (the header has: {})",
                                 source, fmt::join(header, ", ")));
  }
  columns.id = find_column(header, options.id_column, "--id-column", source);
  columns.time = find_column(header, options.time_column, "--time-column", source);
  columns.label = find_column(header, options.class_column, "--class-column", source);
  return columns;
}

}  // namespace topica::io
