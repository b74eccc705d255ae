// topica merge-models A B... --out C [--min-similarity 0.7]: BERTopic's merge_models. The first
// model is the base; topics of the later models that are not similar enough to a topic so far
// are added (topica/merge_models.hpp). Prints the merged topic table and saves the model.
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/topic_table.hpp"
#include "cli/verbs.hpp"
#include "topica/error.hpp"
#include "topica/merge_models.hpp"
#include "topica/saved_model.hpp"

namespace topica::cli {
namespace {

struct MergeModelsArgs {
  std::vector<std::string> models;
  std::string out;
  double min_similarity = kMergeMinSimilarity;
};

void run_merge_models(const MergeModelsArgs& a) {
  if (a.models.size() < 2) throw UsageError("merge-models needs at least two model folders");
  if (!(a.min_similarity >= -1.0 && a.min_similarity <= 1.0)) {
    throw UsageError(fmt::format("--min-similarity {}: expected a cosine similarity between -1 and 1", a.min_similarity));
  }
  std::vector<SavedModel> models;
  for (const std::string& dir : a.models) models.push_back(load_model(dir));
  const MergedModel merged = merge_models(models, a.min_similarity, a.models);
  save_model(merged.saved, a.out);
  fmt::print("{}", topic_table(merged.saved.model));
  for (std::size_t i = 0; i < merged.counts.size(); ++i) {
    fmt::print(stderr, "topica: {}: {} topics added, {} folded into similar topics\n", a.models[i + 1],
               merged.counts[i].added, merged.counts[i].folded);
  }
  const TopicModel& m = merged.saved.model;
  fmt::print(stderr, "topica: {} topics ({} documents) saved to {}\n", m.topics.size() - (m.index_of(-1) ? 1 : 0),
             m.assignments.size(), a.out);
}

}  // namespace

void add_merge_models(CLI::App& app) {
  auto a = std::make_shared<MergeModelsArgs>();
  auto* verb = app.add_subcommand("merge-models",
                                  "Merge models fitted on different corpora (BERTopic's merge_models): the first is the base, "
                                  "dissimilar topics of the others are added");
  verb->add_option("models", a->models, "Model folders, the base first")->required()->type_name("DIR...");
  verb->add_option("--out", a->out, "Merged model folder to write")->required()->type_name("DIR");
  verb->add_option("--min-similarity", a->min_similarity,
                   "A topic whose best cosine similarity (topic embeddings) to the topics so far is below this is added")
      ->capture_default_str();
  verb->callback([a] { run_merge_models(*a); });
}

}  // namespace topica::cli
