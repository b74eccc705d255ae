// --format for verbs that print a table: table (aligned text, the default; "text" is accepted
// too, as every other verb's --format calls it), json or csv, all to standard output.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/options.hpp"

namespace topica::cli {

/// Adds --format table|json|csv [table]; `format` receives OutputFormat::Text for "table".
void add_table_format_option(CLI::App& verb, OutputFormat& format);

/// `text` on one line: line breaks and tabs become spaces, cut after `max_chars` code points
/// (marked with "...").
std::string one_line(const std::string& text, std::size_t max_chars);

}  // namespace topica::cli
