// umap_fit: the steps of umap-learn 0.5.3's UMAP.fit (umap_.py) for dense input, in order.
#include "topica/umap.hpp"

#include <chrono>

#include <fmt/format.h>

#include "reduce/umap/categorical_target.hpp"
#include "reduce/umap/find_ab.hpp"
#include "reduce/umap/fuzzy_set.hpp"
#include "reduce/umap/knn_graph.hpp"
#include "reduce/umap/optimize_layout.hpp"
#include "reduce/umap/spectral_init.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void report(const UmapOptions& o, std::string_view stage, std::size_t done = 0, std::size_t total = 1) {
  if (o.progress) o.progress(UmapProgress{stage, done, total});
}

// umap-learn 0.5.3 UMAP._validate_parameters, for the options topica exposes.
void validate(const UmapOptions& o, const Matrix<float>& data) {
  if (o.n_neighbors < 2) throw UsageError(fmt::format("UMAP: n_neighbors must be at least 2 (got {})", o.n_neighbors));
  if (o.n_components < 1) throw UsageError("UMAP: n_components must be at least 1");
  if (!(o.spread > 0)) throw UsageError(fmt::format("UMAP: spread must be positive (got {})", o.spread));
  if (!(o.min_dist >= 0) || o.min_dist > o.spread) {
    throw UsageError(fmt::format("UMAP: min_dist must be between 0 and spread ({}) (got {})", o.spread, o.min_dist));
  }
  if (!(o.learning_rate >= 0)) throw UsageError(fmt::format("UMAP: learning_rate must be >= 0 (got {})", o.learning_rate));
  if (data.rows < 2) {
    throw InputError(fmt::format("UMAP needs at least 2 rows to lay out, got {}", data.rows));
  }
  if (data.cols == 0) throw InputError("UMAP: the input rows have no columns");
}

// umap-learn simplicial_set_embedding: 500 epochs up to 10,000 points, 200 above.
std::size_t default_epochs(std::size_t rows) { return rows <= 10000 ? 500 : 200; }

UmapModel fit_from_neighbors(const Matrix<float>& data, const KnnGraph& knn, std::size_t k, const UmapOptions& o,
                             UmapModel model, std::span<const int> labels = {}) {
  using namespace umap;
  auto start = Clock::now();
  report(o, "fuzzy set");
  Graph graph = fuzzy_simplicial_set(knn, k, o.threads);
  if (!labels.empty()) graph = categorical_intersection(graph, labels, o.target_weight);
  model.n_epochs = o.n_epochs > 0 ? o.n_epochs : default_epochs(data.rows);
  // Edges too weak to be sampled even once are dropped before the spectral layout sees them
  // (with very few epochs umap-learn keeps the default epochs' threshold).
  const std::size_t threshold_epochs = model.n_epochs > 10 ? model.n_epochs : default_epochs(data.rows);
  graph = drop_weak_edges(graph, max_weight(graph) / static_cast<float>(threshold_epochs));
  model.timings.fuzzy_set = seconds_since(start);

  start = Clock::now();
  report(o, "spectral init");
  model.embedding = initial_layout(data, o.metric, graph, o.n_components, o.seed, o.threads, model.warnings);
  model.timings.spectral_init = seconds_since(start);

  start = Clock::now();
  const CurveParams ab = find_ab(o.spread, o.min_dist);
  model.a = ab.a;
  model.b = ab.b;
  LayoutOptions layout;
  layout.a = ab.a;
  layout.b = ab.b;
  layout.initial_alpha = o.learning_rate;
  layout.negative_sample_rate = o.negative_sample_rate;
  layout.n_epochs = model.n_epochs;
  layout.seed = o.seed;
  layout.threads = o.threads;
  if (o.progress) layout.progress = [&o](std::size_t done, std::size_t total) { report(o, "layout", done, total); };
  report(o, "layout", 0, model.n_epochs);
  optimize_layout_fit(model.embedding, graph, layout);
  model.timings.layout = seconds_since(start);
  return model;
}

UmapModel start_model(const Matrix<float>& data, const UmapOptions& o) {
  validate(o, data);
  umap::check_finite_rows(data, "UMAP input");
  UmapModel model;
  model.options = o;
  model.n_neighbors = umap::effective_neighbors(data.rows, o.n_neighbors);
  if (model.n_neighbors < o.n_neighbors) {
    model.warnings.push_back(fmt::format("n_neighbors ({}) is not smaller than the number of rows ({}); using {}",
                                         o.n_neighbors, data.rows, model.n_neighbors));
  }
  return model;
}

}  // namespace

UmapModel umap_fit(const Matrix<float>& data, const UmapOptions& options) {
  return umap_fit(data, options, std::span<const int>());
}

UmapModel umap_fit(const Matrix<float>& data, const UmapOptions& options, std::span<const int> labels) {
  UmapModel model = start_model(data, options);
  if (!labels.empty() && labels.size() != data.rows) {
    throw UsageError(fmt::format("UMAP: {} target labels for {} rows", labels.size(), data.rows));
  }
  if (!(options.target_weight >= 0.0f && options.target_weight <= 1.0f)) {
    throw UsageError(fmt::format("UMAP: target_weight must be between 0 and 1 (got {})", options.target_weight));
  }
  const auto start = Clock::now();
  report(options, "neighbours");
  const KnnGraph knn = umap::neighbor_lists(data, model.n_neighbors, options.metric, options.threads, options.seed);
  model.timings.neighbors = seconds_since(start);
  return fit_from_neighbors(data, knn, model.n_neighbors, options, std::move(model), labels);
}

UmapModel umap_fit(const Matrix<float>& data, const KnnGraph& knn, const UmapOptions& options) {
  UmapModel model = start_model(data, options);
  if (knn.n != data.rows || knn.k < model.n_neighbors) {
    throw UsageError(fmt::format("UMAP: neighbour lists for {} rows of {} are not enough for {} rows and {} neighbours",
                                 knn.n, knn.k, data.rows, model.n_neighbors));
  }
  if (knn.k == model.n_neighbors) {
    KnnGraph copy = knn;
    umap::disconnect_opposites(copy, options.metric);
    return fit_from_neighbors(data, copy, model.n_neighbors, options, std::move(model));
  }
  KnnGraph first;  // the first n_neighbors columns
  first.n = knn.n;
  first.k = model.n_neighbors;
  for (std::size_t i = 0; i < knn.n; ++i) {
    first.indices.insert(first.indices.end(), knn.neighbors(i), knn.neighbors(i) + first.k);
    first.distances.insert(first.distances.end(), knn.distances_of(i), knn.distances_of(i) + first.k);
  }
  umap::disconnect_opposites(first, options.metric);
  return fit_from_neighbors(data, first, model.n_neighbors, options, std::move(model));
}

}  // namespace topica
