// The verbs that change a saved model (reduce-topics, merge-topics, reduce-outliers, ...) share
// one shape: `topica VERB DIR [--out DIR2]`, the result written to DIR2, or DIR replaced
// atomically (a failure leaves the old folder as it was).
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "topica/saved_model.hpp"

namespace topica::cli {

struct ModelEditArgs {
  std::string dir;  ///< the model folder to read
  std::string out;  ///< where to write the result; empty: replace `dir`
};

/// Adds the positional DIR (required) and --out DIR2.
void add_model_edit_options(CLI::App& verb, ModelEditArgs& args);

/// Writes `saved` to --out, or over DIR; prints where it went on standard error.
void save_edited_model(const SavedModel& saved, const ModelEditArgs& args);

}  // namespace topica::cli
