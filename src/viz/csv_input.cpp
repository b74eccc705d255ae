// Reading the small CSV tables other verbs leave in a model folder (topics_over_time.csv,
// topics_per_class.csv, hierarchy.csv, hierarchy_linkage.csv) for the charts.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "topica/error.hpp"
#include "viz/figures.hpp"

namespace topica::viz {

std::string read_model_file(const std::string& path, const std::string& missing) {
  if (!std::filesystem::exists(path)) throw InputError(path + ": not found; " + missing);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) throw InputError(path + ": cannot be read");
  return text.str();
}

double parse_csv_number(const std::string& text, const std::string& where) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size()) throw InputError(where + ": '" + text + "' is not a number");
  return value;
}

std::vector<std::vector<std::string>> parse_csv(std::string_view text, const std::string& path) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') field += c;
      else if (i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else quoted = false;
    } else if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      record.push_back(std::move(field)), field.clear(), any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !field.empty()) record.push_back(std::move(field));
      if (!record.empty()) records.push_back(std::move(record));
      record.clear(), field.clear(), any = false;
    } else {
      field += c, any = true;
    }
  }
  if (quoted) throw InputError(path + ": a quoted field is not closed");
  if (any || !field.empty()) record.push_back(std::move(field));
  if (!record.empty()) records.push_back(std::move(record));
  return records;
}

}  // namespace topica::viz
