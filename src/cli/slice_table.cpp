#include "cli/slice_table.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/table_format.hpp"
#include "topica/atomic_file.hpp"
#include "topica/error.hpp"
#include "topica/table_writer.hpp"

namespace topica::cli {

namespace {

void write_csv(const std::vector<TopicSliceRow>& rows, const std::string& slice_column, const std::string& path) {
  CsvWriter csv(path, {"Topic", "Words", "Frequency", slice_column});
  for (const auto& r : rows) csv.row({std::to_string(r.topic), r.words, std::to_string(r.frequency), r.slice});
  csv.commit();
}

std::string json_table(const std::vector<TopicSliceRow>& rows, const std::string& slice_column) {
  nlohmann::ordered_json table = nlohmann::ordered_json::array();
  for (const auto& r : rows) {
    table.push_back({{"Topic", r.topic}, {"Words", r.words}, {"Frequency", r.frequency}, {slice_column, r.slice}});
  }
  return table.dump(2) + "\n";
}

// Aligned columns; the words come last since they are the widest.
std::string text_table(const std::vector<TopicSliceRow>& rows, const std::string& slice_column) {
  std::size_t slice_width = slice_column.size();
  for (const auto& r : rows) slice_width = std::max(slice_width, r.slice.size());
  std::string out = fmt::format("{:<{}}  {:>5}  {:>9}  {}\n", slice_column, slice_width, "Topic", "Frequency", "Words");
  for (const auto& r : rows) {
    out += fmt::format("{:<{}}  {:>5}  {:>9}  {}\n", one_line(r.slice, 80), slice_width, r.topic, r.frequency, r.words);
  }
  return out;
}

}  // namespace

void add_slice_table_options(CLI::App& verb, SliceTableOutput& out) {
  add_table_format_option(verb, out.format);
  add_output_option(verb, out.output, "Write the table to FILE", false);
}

void emit_slice_table(const std::vector<TopicSliceRow>& rows, const std::string& slice_column,
                      const SliceTableOutput& out, const std::string& dir, const std::string& saved_name) {
  const std::string saved = (std::filesystem::path(dir) / saved_name).string();
  try {
    write_csv(rows, slice_column, saved);
  } catch (const Error& e) {
    fmt::print(stderr, "topica: warning: the table was not saved in the model folder ({})\n", e.what());
  }
  if (out.format == OutputFormat::Csv) {
    write_csv(rows, slice_column, out.output);
    return;
  }
  AtomicFile file(out.output);
  file.write(out.format == OutputFormat::Json ? json_table(rows, slice_column) : text_table(rows, slice_column));
  file.commit();
}

}  // namespace topica::cli
