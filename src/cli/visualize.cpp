// topica visualize DIR --kind K --output FILE.html [options]: one interactive chart of a saved
// model (BERTopic's visualize_*), a self-contained HTML file that works offline. The work is
// build_chart() in libtopica (src/viz/).
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "cli/chart_options.hpp"
#include "cli/options.hpp"
#include "cli/verbs.hpp"
#include "topica/charts.hpp"
#include "topica/error.hpp"

namespace topica::cli {
namespace {

struct VisualizeArgs {
  std::string dir, kind, output;
  ChartOptions chart;
  std::optional<std::size_t> document;
};

void check_sizes(const ChartOptions& o) {
  if (o.top_n_topics && *o.top_n_topics == 0) throw UsageError("--top-n-topics must be at least 1");
  if (o.n_words && *o.n_words == 0) throw UsageError("--n-words must be at least 1");
  if ((o.width && *o.width < 50) || (o.height && *o.height < 50)) throw UsageError("--width and --height must be at least 50 pixels");
}

void run_visualize(VisualizeArgs& a) {
  const ChartKind kind = parse_chart_kind(a.kind);
  check_sizes(a.chart);
  if (a.document && kind != ChartKind::Distribution) throw UsageError("--document is for --kind distribution");
  a.chart.document = a.document.value_or(0);
  const Chart chart = build_chart(kind, a.dir, a.chart);
  write_chart(chart, a.output);
  fmt::print(stderr, "topica: {} chart written to {}\n", chart_kind_name(kind), a.output);
}

}  // namespace

void add_visualize(CLI::App& app) {
  auto a = std::make_shared<VisualizeArgs>();
  auto* verb = app.add_subcommand("visualize", "One interactive chart of a saved model as a self-contained HTML file "
                                               "(BERTopic's visualize_*)");
  verb->add_option("DIR", a->dir, "Model folder written by topica fit")->required();
  verb->add_option("--kind", a->kind, "barchart, topics, hierarchy, heatmap, documents, over-time, per-class, "
                                      "distribution or term-rank")
      ->required()
      ->type_name("K");
  add_output_option(*verb, a->output, "The HTML file to write", true);
  add_chart_options(*verb, a->chart);
  verb->add_option("--document", a->document, "distribution: the document row in topic_distributions.npy (default 0)")
      ->type_name("ROW");
  verb->add_option("--sample", a->chart.sample, "documents: keep this fraction of each topic's documents (topics under "
                                                "100 keep all)")
      ->type_name("F");
  verb->add_flag("--hide-annotations", a->chart.hide_annotations, "documents: no topic names on the map");
  verb->add_flag("--log-scale", a->chart.log_scale, "term-rank: logarithmic score axis");
  verb->add_option("--n-clusters", a->chart.n_clusters, "heatmap: order the topics by this many clusters")->type_name("N");
  verb->callback([a] { run_visualize(*a); });
}

}  // namespace topica::cli
