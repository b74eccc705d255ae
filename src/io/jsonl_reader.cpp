// JSON Lines: one JSON object per line; blank lines are skipped.
#include <nlohmann/json.hpp>
#include <fmt/format.h>

#include "io/columns.hpp"
#include "io/line_source.hpp"
#include "io/readers.hpp"
#include "topica/error.hpp"

namespace topica::io {
namespace {

class JsonlReader final : public CorpusReader {
 public:
  explicit JsonlReader(const CorpusOptions& options)
      : lines_(options.path, options.on_invalid),
        text_field_(text_field(options)),
        id_field_(options.id_column),
        time_field_(options.time_column),
        class_field_(options.class_column) {}

  bool next(Document& doc) override {
    std::string_view line;
    do {
      if (!lines_.next(line)) return false;
    } while (line.find_first_not_of(" \t") == std::string_view::npos);
    nlohmann::json object;
    try {
      object = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      throw InputError(fmt::format("{}: line {}: not valid JSON ({})", lines_.name(), lines_.line_number(),
                                   message_tail(e.what())));
    }
    if (!object.is_object()) {
      throw InputError(fmt::format("{}: line {}: expected a JSON object, found {}", lines_.name(),
                                   lines_.line_number(), object.type_name()));
    }
    doc.row = row_++;
    doc.line = lines_.line_number();
    doc.text = field(object, text_field_, true);
    doc.id = field(object, id_field_, false);
    doc.time = field(object, time_field_, false);
    doc.label = field(object, class_field_, false);
    return true;
  }
  const std::string& source_name() const override { return lines_.name(); }

 private:
  // nlohmann's messages start with "[json.exception.parse_error.101] parse error at ..."
  static std::string message_tail(const char* what) {
    std::string s(what);
    const auto at = s.find("] ");
    return at == std::string::npos ? s : s.substr(at + 2);
  }

  // The field's value as text: strings as they are, null as "", numbers and booleans as JSON.
  std::string field(const nlohmann::json& object, const std::string& name, bool is_text) const {
    if (name.empty()) return {};
    const auto it = object.find(name);
    if (it == object.end()) {
      throw InputError(fmt::format("{}: line {}: no field \"{}\"{}", lines_.name(), lines_.line_number(), name,
                                   is_text ? " (choose the text field with --text-field)" : ""));
    }
    if (it->is_string()) return it->get<std::string>();
    if (it->is_null()) return {};
    if (it->is_structured()) {
      throw InputError(fmt::format("{}: line {}: field \"{}\" is an {}, expected a string", lines_.name(),
                                   lines_.line_number(), name, it->type_name()));
    }
    return it->dump();
  }

  LineSource lines_;
  std::string text_field_, id_field_, time_field_, class_field_;
  std::size_t row_ = 0;
};

}  // namespace

std::unique_ptr<CorpusReader> open_jsonl_reader(const CorpusOptions& options) {
  return std::make_unique<JsonlReader>(options);
}

}  // namespace topica::io
