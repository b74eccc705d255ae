// `topica report`: a folder a person opens in a browser to judge a model: index.html with the
// topic table (id, size, name, label, words, representative documents) and every chart the
// model supports, each kind's chart file beside it and linked from it. Kinds whose data the
// folder lacks are listed with the command that makes it.
#pragma once

#include <string>
#include <vector>

#include "topica/charts.hpp"

namespace topica {

struct ReportChart {
  ChartKind kind;
  std::string file;         ///< e.g. "barchart.html"; empty when not available
  std::string unavailable;  ///< why not (the error naming the missing file and the command)
};

/// Writes the report of the model folder `dir` into the folder `out` (built beside it and renamed
/// into place; an existing report there is replaced, any other non-empty folder refused).
/// Returns what became of each chart kind.
std::vector<ReportChart> write_report(const std::string& dir, const std::string& out, const ChartOptions& options);

}  // namespace topica
