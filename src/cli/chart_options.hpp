// The options BERTopic's visualize_* functions share, as flags for `topica visualize` and `topica report`.
#pragma once

#include <CLI/CLI.hpp>

#include "topica/charts.hpp"

namespace topica::cli {

/// Adds --top-n-topics, --topics, --n-words, --custom-labels, --width, --height, --title, --seed.
void add_chart_options(CLI::App& verb, ChartOptions& options);

}  // namespace topica::cli
