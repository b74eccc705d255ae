// JSON Lines: one JSON object per line; blank lines are skipped. Parsed with simdjson's DOM
// parser, which validates the whole line at several hundred MB/s (nlohmann-json was slower than
// Python's json module here: bench/corpus_stats.sh).
#include <simdjson.h>
#include <fmt/format.h>

#include "io/columns.hpp"
#include "io/line_source.hpp"
#include "io/readers.hpp"
#include "topica/error.hpp"

namespace topica::io {
namespace {

const char* type_name(simdjson::dom::element_type type) {
  using T = simdjson::dom::element_type;
  switch (type) {
    case T::ARRAY: return "array";
    case T::OBJECT: return "object";
    case T::STRING: return "string";
    case T::NULL_VALUE: return "null";
    case T::BOOL: return "boolean";
    default: return "number";
  }
}

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
    simdjson::dom::element root;
    if (const auto error = parser_.parse(line.data(), line.size()).get(root)) {
      throw InputError(fmt::format("{}: line {}: not valid JSON ({})", lines_.name(), lines_.line_number(),
                                   simdjson::error_message(error)));
    }
    simdjson::dom::object object;
    if (root.get(object)) {
      throw InputError(fmt::format("{}: line {}: expected a JSON object, found {}", lines_.name(),
                                   lines_.line_number(), type_name(root.type())));
    }
    doc.row = row_++;
    doc.line = lines_.line_number();
    field(object, text_field_, true, doc.text);
    field(object, id_field_, false, doc.id);
    field(object, time_field_, false, doc.time);
    field(object, class_field_, false, doc.label);
    return true;
  }
  const std::string& source_name() const override { return lines_.name(); }

 private:
  // The field's value as text: strings as they are, null as "", numbers and booleans as JSON.
  void field(simdjson::dom::object object, const std::string& name, bool is_text, std::string& out) const {
    out.clear();
    if (name.empty()) return;
    simdjson::dom::element value;
    if (object.at_key(name).get(value)) {
      throw InputError(fmt::format("{}: line {}: no field \"{}\"{}", lines_.name(), lines_.line_number(), name,
                                   is_text ? " (choose the text field with --text-field)" : ""));
    }
    using T = simdjson::dom::element_type;
    switch (value.type()) {
      case T::STRING: out.assign(std::string_view(value)); return;
      case T::NULL_VALUE: return;
      case T::ARRAY:
      case T::OBJECT:
        throw InputError(fmt::format("{}: line {}: field \"{}\" is an {}, expected a string", lines_.name(),
                                     lines_.line_number(), name, type_name(value.type())));
      default: out = simdjson::minify(value); return;
    }
  }

  LineSource lines_;
  simdjson::dom::parser parser_;
  std::string text_field_, id_field_, time_field_, class_field_;
  std::size_t row_ = 0;
};

}  // namespace

std::unique_ptr<CorpusReader> open_jsonl_reader(const CorpusOptions& options) {
  return std::make_unique<JsonlReader>(options);
}

}  // namespace topica::io
