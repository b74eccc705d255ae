// The option table shared by all verbs, so a flag means the same everywhere:
// --format is always an output format, --out DIR an output folder, --output FILE an output file,
// --input-format an input format.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "topica/corpus.hpp"

namespace topica::cli {

/// How a verb names its corpus: a positional PATH (`corpus stats PATH`) or `--corpus FILE`.
enum class CorpusArgument { Positional, Flag };

/// Adds the corpus (PATH or --corpus) and --input-format, --text-column (--text-field),
/// --id-column, --time-column, --class-column, --quoting, --on-invalid.
void add_corpus_options(CLI::App& verb, CorpusOptions& options, CorpusArgument how = CorpusArgument::Positional);

enum class OutputFormat { Text, Json, Csv };
/// Adds --format with the given choices (the first is the default).
void add_format_option(CLI::App& verb, OutputFormat& format, std::initializer_list<OutputFormat> choices);

/// Adds --output FILE ("-" = standard output).
void add_output_option(CLI::App& verb, std::string& path, const std::string& help, bool required);

/// Adds --threads N (0 or absent: every core). Results never depend on it.
void add_threads_option(CLI::App& verb, std::size_t& threads);

/// Adds --seed S with the given default shown in --help.
void add_seed_option(CLI::App& verb, std::uint64_t& seed);

/// Adds --input FILE (an input array or table, as opposed to a corpus PATH).
void add_input_option(CLI::App& verb, std::string& path, const std::string& help);

}  // namespace topica::cli
