// Format resolution and the open_corpus() factory.
#include <filesystem>

#include <fmt/format.h>

#include "io/readers.hpp"
#include "topica/error.hpp"

namespace topica {
namespace fs = std::filesystem;

const char* format_name(InputFormat format) {
  switch (format) {
    case InputFormat::Auto: return "auto";
    case InputFormat::Text: return "text";
    case InputFormat::Csv: return "csv";
    case InputFormat::Tsv: return "tsv";
    case InputFormat::Jsonl: return "jsonl";
    case InputFormat::Directory: return "dir";
  }
  return "?";
}

std::optional<InputFormat> parse_format(const std::string& name) {
  for (InputFormat f : {InputFormat::Auto, InputFormat::Text, InputFormat::Csv, InputFormat::Tsv,
                        InputFormat::Jsonl, InputFormat::Directory}) {
    if (name == format_name(f)) return f;
  }
  if (name == "txt") return InputFormat::Text;
  if (name == "ndjson") return InputFormat::Jsonl;
  return std::nullopt;
}

InputFormat resolve_format(const CorpusOptions& options) {
  if (options.format != InputFormat::Auto) return options.format;
  if (options.path == "-") return InputFormat::Text;
  std::error_code ec;
  if (fs::is_directory(options.path, ec)) return InputFormat::Directory;
  std::string ext = fs::path(options.path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".txt" || ext == ".text") return InputFormat::Text;
  if (ext == ".csv") return InputFormat::Csv;
  if (ext == ".tsv" || ext == ".tab") return InputFormat::Tsv;
  if (ext == ".jsonl" || ext == ".ndjson") return InputFormat::Jsonl;
  throw UsageError(fmt::format(
      "{}: cannot tell the format from the extension '{}'; pass --input-format text|csv|tsv|jsonl|dir",
      options.path, ext));
}

std::unique_ptr<CorpusReader> open_corpus(const CorpusOptions& options) {
  if (options.path.empty()) throw UsageError("no corpus path given");
  if (options.path != "-") {
    std::error_code ec;
    if (!fs::exists(options.path, ec)) throw Error(fmt::format("{}: no such file or directory", options.path));
  }
  const InputFormat format = resolve_format(options);
  if (format != InputFormat::Directory && options.path != "-" && fs::is_directory(options.path)) {
    throw UsageError(fmt::format("{}: is a directory; read it with --input-format dir", options.path));
  }
  switch (format) {
    case InputFormat::Text: return io::open_text_reader(options);
    case InputFormat::Csv: return io::open_delimited_reader(options, ',', options.quoting != Quoting::None);
    case InputFormat::Tsv: return io::open_delimited_reader(options, '\t', options.quoting == Quoting::Csv);
    case InputFormat::Jsonl: return io::open_jsonl_reader(options);
    case InputFormat::Directory: return io::open_directory_reader(options);
    case InputFormat::Auto: break;
  }
  throw UsageError("unknown input format");
}

}  // namespace topica
