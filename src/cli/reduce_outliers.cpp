// topica reduce-outliers DIR --strategy S [--threshold T] [--out DIR2]: BERTopic's
// reduce_outliers and update_topics in one step; the model is saved with the outliers moved.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/model_edit.hpp"
#include "cli/options.hpp"
#include "cli/verbs.hpp"
#include "topica/outliers.hpp"

namespace topica::cli {
namespace {

struct ReduceOutliersArgs {
  ModelEditArgs model;
  OutlierOptions options;
};

void run_reduce_outliers(const ReduceOutliersArgs& a) {
  SavedModel saved = load_model(a.model.dir);
  const OutlierReduction r = reduce_outliers(saved, a.options);
  save_edited_model(saved, a.model);
  fmt::print("{} of {} outliers reassigned ({}), {} remain\n", r.reassigned, r.outliers_before, a.options.strategy,
             r.remaining);
}

}  // namespace

void add_reduce_outliers(CLI::App& app) {
  auto a = std::make_shared<ReduceOutliersArgs>();
  auto* verb = app.add_subcommand("reduce-outliers", "Move outlier documents into topics (BERTopic's reduce_outliers "
                                                     "and update_topics in one step)");
  add_model_edit_options(*verb, a->model);
  verb->add_option("--strategy", a->options.strategy,
                   fmt::format("How an outlier is scored against topics: {}", fmt::join(outlier_strategy_names(), "|")))
      ->required();
  verb->add_option("--threshold", a->options.threshold,
                   "Least score in [0, 1] for an outlier to join its best topic (BERTopic: 0)")
      ->capture_default_str();
  add_threads_option(*verb, a->options.threads);
  verb->callback([a] { run_reduce_outliers(*a); });
}

}  // namespace topica::cli
