#include "cli/options.hpp"

#include <utility>
#include <vector>

namespace topica::cli {

namespace {

// An option whose value is one word from `choices`, shown in --help as "a|b|c" with its default.
template <typename T>
CLI::Option* add_choice(CLI::App& verb, const std::string& flag, T& value,
                        const std::vector<std::pair<std::string, T>>& choices, const std::string& help) {
  std::string names, current;
  for (const auto& [name, v] : choices) {
    names += (names.empty() ? "" : "|") + name;
    if (v == value && current.empty()) current = name;
  }
  return verb.add_option(flag, value, help)
      ->transform(CLI::CheckedTransformer(choices, CLI::ignore_case).description(""))
      ->option_text(names + " [" + current + "]");
}

}  // namespace

void add_corpus_options(CLI::App& verb, CorpusOptions& options, CorpusArgument how) {
  verb.add_option(how == CorpusArgument::Positional ? "PATH" : "--corpus", options.path,
                  "Corpus: a .txt (one document per line), .csv, .tsv or .jsonl file, a directory of .txt "
                  "files, or - for standard input")
      ->required();
  add_choice<InputFormat>(verb, "--input-format", options.format,
                          {{"auto", InputFormat::Auto}, {"text", InputFormat::Text}, {"csv", InputFormat::Csv},
                           {"tsv", InputFormat::Tsv}, {"jsonl", InputFormat::Jsonl}, {"dir", InputFormat::Directory}},
                          "Input format (auto: from the extension; - reads text)");
  verb.add_option("--text-column,--text-field", options.text_column,
                  "Column (CSV/TSV header name or 0-based index) or JSONL field holding the text "
                  "(default: 'text', or the only column)");
  verb.add_option("--id-column", options.id_column, "Column or field holding a document id");
  verb.add_option("--time-column", options.time_column, "Column or field holding a timestamp");
  verb.add_option("--class-column", options.class_column, "Column or field holding a class label");
  add_choice<Quoting>(verb, "--quoting", options.quoting,
                      {{"auto", Quoting::Auto}, {"csv", Quoting::Csv}, {"none", Quoting::None}},
                      "Quotes in CSV/TSV: csv (RFC 4180) or none (auto: csv for CSV, none for TSV)");
  add_choice<OnInvalidUtf8>(verb, "--on-invalid", options.on_invalid,
                            {{"error", OnInvalidUtf8::Error}, {"replace", OnInvalidUtf8::Replace}},
                            "Invalid UTF-8: error (naming the line) or replace (with U+FFFD)");
}

void add_format_option(CLI::App& verb, OutputFormat& format, std::initializer_list<OutputFormat> choices) {
  std::vector<std::pair<std::string, OutputFormat>> named;
  for (OutputFormat f : choices) {
    named.emplace_back(f == OutputFormat::Text ? "text" : f == OutputFormat::Json ? "json" : "csv", f);
  }
  format = *choices.begin();
  add_choice(verb, "--format", format, named, "Output format");
}

void add_output_option(CLI::App& verb, std::string& path, const std::string& help, bool required) {
  auto* option = verb.add_option("--output", path, help + " (- for standard output)");
  if (required) option->required();
}

void add_threads_option(CLI::App& verb, std::size_t& threads) {
  verb.add_option("--threads", threads, "Threads to use (0: every core); results are identical for any value")
      ->capture_default_str();
}

void add_seed_option(CLI::App& verb, std::uint64_t& seed) {
  verb.add_option("--seed", seed, "Random seed; the same seed gives the same result")->capture_default_str();
}

void add_input_option(CLI::App& verb, std::string& path, const std::string& help) {
  verb.add_option("--input", path, help)->required()->type_name("FILE");
}

}  // namespace topica::cli
