// build_chart: reads what a chart kind needs from the model folder and hands it to the kind's
// figure builder (one file each in src/viz/).
#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topica/npy.hpp"
#include "topica/umap.hpp"
#include "viz/figures.hpp"

namespace topica {
namespace {

struct KindName {
  ChartKind kind;
  const char* name;
  const char* title;
};
constexpr KindName kKinds[] = {
    {ChartKind::Barchart, "barchart", "Topic word scores"},
    {ChartKind::Topics, "topics", "Intertopic distance map"},
    {ChartKind::Hierarchy, "hierarchy", "Hierarchical clustering"},
    {ChartKind::Heatmap, "heatmap", "Similarity matrix"},
    {ChartKind::Documents, "documents", "Documents and topics"},
    {ChartKind::OverTime, "over-time", "Topics over time"},
    {ChartKind::PerClass, "per-class", "Topics per class"},
    {ChartKind::Distribution, "distribution", "Topic probability distribution"},
    {ChartKind::TermRank, "term-rank", "Term score decline per topic"},
};

const KindName& entry(ChartKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k;
  }
  throw Error("unknown chart kind");
}

std::string in_dir(const std::string& dir, const char* file) { return (std::filesystem::path(dir) / file).string(); }

/// hierarchy_linkage.csv and the merge names of hierarchy.csv when `topica hierarchy` saved
/// them, else the hierarchy computed as that verb does.
viz::Json hierarchy_chart(const SavedModel& saved, const std::string& dir, const ChartOptions& options) {
  const std::string linkage_path = in_dir(dir, "hierarchy_linkage.csv");
  if (!std::filesystem::exists(linkage_path)) {
    const TopicHierarchy h = hierarchical_topics(saved);
    std::vector<std::string> names;
    for (const auto& node : h.nodes) names.push_back(node.parent_name);
    return viz::hierarchy_figure(saved.model, h.tree.linkage_matrix(), names, options);
  }
  auto records = viz::parse_csv(viz::read_model_file(linkage_path, "run `topica hierarchy DIR`"), linkage_path);
  if (!records.empty() && !records[0].empty() && records[0][0] == "left") records.erase(records.begin());  // the header
  Matrix<double> linkage(records.size(), 4);
  for (std::size_t i = 0; i < records.size(); ++i) {
    const std::string where = fmt::format("{}: line {}", linkage_path, i + 2);
    if (records[i].size() != 4) throw InputError(where + ": expected left,right,distance,size");
    for (std::size_t c = 0; c < 4; ++c) linkage(i, c) = viz::parse_csv_number(records[i][c], where);
  }
  std::vector<std::string> names(records.size());
  const std::string table_path = in_dir(dir, "hierarchy.csv");
  if (std::filesystem::exists(table_path)) {
    const auto table = viz::parse_csv(viz::read_model_file(table_path, ""), table_path);
    const std::size_t leaves = records.size() + 1;
    for (std::size_t i = 1; i < table.size(); ++i) {
      if (table[i].size() < 2) continue;
      const double id = viz::parse_csv_number(table[i][0], fmt::format("{}: record {}: Parent_ID", table_path, i + 1));
      if (id >= static_cast<double>(leaves) && id < static_cast<double>(leaves + names.size())) {
        names[static_cast<std::size_t>(id) - leaves] = table[i][1];
      }
    }
  }
  return viz::hierarchy_figure(saved.model, linkage, names, options);
}

viz::Json distribution_chart(const SavedModel& saved, const std::string& dir, const ChartOptions& options) {
  const std::string path = in_dir(dir, "topic_distributions.npy");
  if (!std::filesystem::exists(path)) throw InputError(path + ": not found; run `topica distribution DIR --corpus F` first");
  const Matrix<float> distributions = read_npy_matrix(path);
  if (options.document >= distributions.rows) {
    throw UsageError(fmt::format("--document {}: topic_distributions.npy has {} documents (rows 0 to {})", options.document,
                                 distributions.rows, distributions.rows - 1));
  }
  return viz::distribution_figure(saved.model, {distributions.row(options.document), distributions.cols}, options);
}

viz::Json figure_of(ChartKind kind, const SavedModel& saved, const std::string& dir, const ChartOptions& options) {
  const TopicModel& model = saved.model;
  switch (kind) {
    case ChartKind::Barchart: return viz::barchart_figure(model, options);
    case ChartKind::Topics: {
      const auto topics = viz::chosen_topics(model, options, 0);
      return viz::topics_figure(topics, viz::topic_positions(model, topics, options.seed), options);
    }
    case ChartKind::Hierarchy: return hierarchy_chart(saved, dir, options);
    case ChartKind::Heatmap: return viz::heatmap_figure(model, options);
    case ChartKind::Documents:
      if (saved.documents.empty()) throw InputError(in_dir(dir, "documents.jsonl") + ": not found; fit the model again to keep its documents");
      return viz::documents_figure(model, saved.documents, document_map(saved, dir, options.seed), options);
    case ChartKind::OverTime:
      return viz::over_time_figure(model, viz::read_slice_table(in_dir(dir, "topics_over_time.csv"), "Timestamp"), options);
    case ChartKind::PerClass:
      return viz::per_class_figure(model, viz::read_slice_table(in_dir(dir, "topics_per_class.csv"), "Class"), options);
    case ChartKind::Distribution: return distribution_chart(saved, dir, options);
    case ChartKind::TermRank: return viz::term_rank_figure(model, options);
  }
  throw Error("unknown chart kind");
}

}  // namespace

const std::vector<ChartKind>& all_chart_kinds() {
  static const std::vector<ChartKind> kinds = [] {
    std::vector<ChartKind> k;
    for (const auto& e : kKinds) k.push_back(e.kind);
    return k;
  }();
  return kinds;
}

const char* chart_kind_name(ChartKind kind) { return entry(kind).name; }

ChartKind parse_chart_kind(const std::string& name) {
  std::string known;
  for (const auto& k : kKinds) {
    if (name == k.name) return k.kind;
    known += std::string(known.empty() ? "" : ", ") + k.name;
  }
  throw UsageError("--kind: unknown chart kind '" + name + "' (kinds: " + known + ")");
}

Chart build_chart(ChartKind kind, const SavedModel& saved, const std::string& dir, const ChartOptions& options) {
  Chart chart;
  chart.kind = kind;
  chart.title = options.title.empty() ? entry(kind).title : options.title;
  chart.figure_json = figure_of(kind, saved, dir, options).dump(-1, ' ', false, viz::Json::error_handler_t::replace);
  return chart;
}

Chart build_chart(ChartKind kind, const std::string& dir, const ChartOptions& options) {
  return build_chart(kind, load_model(dir), dir, options);
}

Matrix<float> document_map(const SavedModel& saved, const std::string& dir, std::uint64_t seed) {
  const std::size_t n = saved.model.assignments.size();
  const std::string path = in_dir(dir, "documents_2d.npy");
  if (std::filesystem::exists(path)) {
    Matrix<float> cached = read_npy_matrix(path);
    if (cached.rows == n && cached.cols == 2) return cached;  // else stale: documents were added since
  }
  const Matrix<float>* embeddings = document_embeddings(saved);
  if (embeddings == nullptr) throw InputError(dir + ": the model keeps no document embeddings to map the documents from");
  Matrix<float> map(n, 2);
  if (n >= 3) {
    // BERTopic's visualize_documents: UMAP(n_neighbors=10, n_components=2, min_dist=0.0, metric="cosine").
    UmapOptions umap;
    umap.n_neighbors = std::min<std::size_t>(10, n - 1);
    umap.n_components = 2;
    umap.min_dist = 0.0f;
    umap.metric = Metric::Cosine;
    umap.seed = seed;
    map = umap_fit(*embeddings, umap).embedding;
  }
  try {
    write_npy(path, map);
  } catch (const Error&) {
    // A read-only model folder still gets its chart; the map is computed again next time.
  }
  return map;
}

}  // namespace topica
