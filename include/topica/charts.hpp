// Interactive charts of a saved topic model, after BERTopic 0.17's visualize_* functions: each
// chart is a plotly figure ({"data": [...], "layout": {...}}) built from the model folder, and
// written as one self-contained HTML file (plotly.js and the data inlined) that works offline.
//
// The figure builders are separate from the page so tests can check the numbers a chart shows
// against the model without a browser. The documents chart keeps its points in a compact form
// ("points": coordinates, topic indices into a names array, texts once) that the page's script
// (src/viz/chart.js) expands into one WebGL trace per topic.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "topica/matrix.hpp"
#include "topica/saved_model.hpp"

namespace topica {

enum class ChartKind { Barchart, Topics, Hierarchy, Heatmap, Documents, OverTime, PerClass, Distribution, TermRank };

/// Every kind, in the order the report shows them.
const std::vector<ChartKind>& all_chart_kinds();
/// "barchart", "topics", "hierarchy", "heatmap", "documents", "over-time", "per-class",
/// "distribution", "term-rank".
const char* chart_kind_name(ChartKind kind);
/// Throws UsageError listing the kinds for an unknown name.
ChartKind parse_chart_kind(const std::string& name);

/// The options of BERTopic's visualize_* functions; each kind reads the ones it has.
struct ChartOptions {
  std::optional<std::size_t> top_n_topics;  ///< the largest N topics (barchart default 8)
  std::vector<int> topics;                  ///< exactly these topics (wins over top_n_topics)
  std::optional<std::size_t> n_words;       ///< words per topic (barchart 5, term-rank all)
  bool custom_labels = false;               ///< name topics by their labels where set
  std::optional<int> width, height;         ///< pixels; each kind has BERTopic's default
  std::string title;                        ///< empty: the kind's default title
  std::size_t document = 0;                 ///< distribution: the document row
  std::optional<double> sample;             ///< documents: fraction of each topic's documents kept
  bool hide_annotations = false;            ///< documents: no topic names on the map
  bool log_scale = false;                   ///< term-rank: logarithmic y axis
  std::optional<std::size_t> n_clusters;    ///< heatmap: order topics by this many clusters
  std::uint64_t seed = 42;                  ///< UMAP and sampling
};

/// A chart ready to be written: its plotly figure as JSON text.
struct Chart {
  ChartKind kind = ChartKind::Barchart;
  std::string title;
  std::string figure_json;
};

/// Builds chart `kind` of the model folder `dir`. Throws InputError naming the missing file (and
/// the command that writes it) when the model lacks the kind's data, UsageError for bad options
/// and for a model with no topics besides the outliers.
Chart build_chart(ChartKind kind, const std::string& dir, const ChartOptions& options);
/// The same from a model already loaded from `dir` (the report builds every chart from one load).
Chart build_chart(ChartKind kind, const SavedModel& saved, const std::string& dir, const ChartOptions& options);

/// The whole HTML page of `chart`: plotly.js and the figure inlined, nothing fetched.
std::string chart_html(const Chart& chart);
/// Writes chart_html(chart) to `path` atomically.
void write_chart(const Chart& chart, const std::string& path);

/// The 2-d map of the documents (UMAP of the document embeddings: 2 components, min_dist 0,
/// cosine, seeded), read from `dir`/documents_2d.npy when it holds one row per document, else
/// computed and saved there (atomically) for the next chart and for `topica serve`. Throws
/// InputError when the model keeps no document embeddings.
Matrix<float> document_map(const SavedModel& saved, const std::string& dir, std::uint64_t seed = 42);

}  // namespace topica
