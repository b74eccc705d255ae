// Printing and saving the tables of over-time and per-class (Topic, Words, Frequency and the
// slice column: Timestamp or Class, as BERTopic names them).
#pragma once

#include <string>
#include <vector>

#include "cli/options.hpp"
#include "topica/topic_slices.hpp"

namespace topica::cli {

struct SliceTableOutput {
  OutputFormat format = OutputFormat::Text;
  std::string output = "-";  ///< --output FILE
};

/// Adds --format table|json|csv and --output FILE.
void add_slice_table_options(CLI::App& verb, SliceTableOutput& out);

/// Saves the table as CSV in the model folder `dir` (file `saved_name`) for the charts, then
/// prints it as asked. A model folder that cannot be written gets a warning, not a failure.
void emit_slice_table(const std::vector<TopicSliceRow>& rows, const std::string& slice_column,
                      const SliceTableOutput& out, const std::string& dir, const std::string& saved_name);

}  // namespace topica::cli
