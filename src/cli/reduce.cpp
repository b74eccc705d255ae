// topica reduce --input X.npy --output Y.npy: UMAP with BERTopic's settings by default.
#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/verbs.hpp"
#include "topica/npy.hpp"
#include "topica/umap.hpp"

namespace topica::cli {
namespace {

// The library follows umap-learn's defaults; the verb follows BERTopic's (UMAP(n_neighbors=15,
// n_components=5, min_dist=0.0, metric='cosine')), which is what topic modeling runs.
struct ReduceArgs {
  std::string input, output;
  UmapOptions umap = [] {
    UmapOptions o;
    o.n_components = 5;
    o.min_dist = 0.0f;
    o.metric = Metric::Cosine;
    return o;
  }();
};

// Progress on stderr: one line as each stage starts and one per quarter of the layout epochs.
void print_progress(const UmapProgress& p) {
  if (p.stage == "layout") {
    if (p.done == 0 || p.total < 4 || (p.done % (p.total / 4) != 0 && p.done != p.total)) return;
    fmt::print(stderr, "topica reduce: layout {}/{} epochs\n", p.done, p.total);
    return;
  }
  fmt::print(stderr, "topica reduce: {}\n", p.stage);
}

void run_reduce(ReduceArgs& args) {
  const Matrix<float> data = read_npy_matrix(args.input);
  args.umap.progress = print_progress;
  const UmapModel model = umap_fit(data, args.umap);
  for (const std::string& w : model.warnings) fmt::print(stderr, "topica: warning: {}\n", w);
  write_npy(args.output, model.embedding);
  const UmapTimings& t = model.timings;
  fmt::print(stderr,
             "topica reduce: {} x {} -> {} x {} ({}, {} neighbours, {} epochs): neighbours {:.2f} s, fuzzy set {:.2f} s, "
             "spectral init {:.2f} s, layout {:.2f} s\n",
             data.rows, data.cols, model.embedding.rows, model.embedding.cols, metric_name(args.umap.metric),
             model.n_neighbors, model.n_epochs, t.neighbors, t.fuzzy_set, t.spectral_init, t.layout);
}

}  // namespace

void add_reduce(CLI::App& app) {
  auto args = std::make_shared<ReduceArgs>();
  UmapOptions& o = args->umap;
  auto* verb = app.add_subcommand("reduce", "Reduce embeddings to a few dimensions with UMAP (umap-learn 0.5 semantics)");
  add_input_option(*verb, args->input, "Embeddings to reduce: a 2-d float32/float64 .npy array, one row per document");
  add_output_option(*verb, args->output, "Write the reduced rows to FILE as a float32 .npy array", true);
  verb->add_option("--n-components", o.n_components, "Dimensions of the output")->capture_default_str()->check(CLI::PositiveNumber);
  verb->add_option("--n-neighbors", o.n_neighbors, "Neighbourhood size (the point itself included); larger keeps more global structure")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{2}, std::size_t{1} << 20));
  verb->add_option("--min-dist", o.min_dist, "Smallest distance between points in the output; 0 packs clusters tightest")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  verb->add_option("--spread", o.spread, "Scale of the output's similarity curve (min-dist <= spread)")->capture_default_str();
  verb->add_option("--metric", o.metric, "Distance between input rows")
      ->transform(CLI::CheckedTransformer(std::map<std::string, Metric>{{"cosine", Metric::Cosine}, {"euclidean", Metric::Euclidean}},
                                          CLI::ignore_case)
                      .description(""))
      ->option_text("cosine|euclidean [cosine]");
  verb->add_option("--n-epochs", o.n_epochs, "Layout epochs (0: 500 up to 10,000 rows, else 200)")->capture_default_str();
  verb->add_option("--learning-rate", o.learning_rate, "Initial layout step size")->capture_default_str()->check(CLI::NonNegativeNumber);
  add_seed_option(*verb, o.seed);
  add_threads_option(*verb, o.threads);
  verb->callback([args] { run_reduce(*args); });
}

}  // namespace topica::cli
