#include "cli/model_edit.hpp"

#include <fmt/format.h>

namespace topica::cli {

void add_model_edit_options(CLI::App& verb, ModelEditArgs& args) {
  verb.add_option("DIR", args.dir, "Model folder (from topica fit)")->required()->check(CLI::ExistingDirectory);
  verb.add_option("--out", args.out, "Write the changed model here instead of replacing DIR")->type_name("DIR2");
}

void save_edited_model(const SavedModel& saved, const ModelEditArgs& args) {
  const std::string& target = args.out.empty() ? args.dir : args.out;
  save_model(saved, target);
  fmt::print(stderr, "topica: model saved to {}\n", target);
}

}  // namespace topica::cli
