// umap_transform: umap-learn 0.5.3 UMAP.transform (umap_.py) for dense input.
#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include "reduce/umap/fuzzy_set.hpp"
#include "reduce/umap/knn_graph.hpp"
#include "reduce/umap/layout_kernel.hpp"
#include "reduce/umap/optimize_layout.hpp"
#include "topica/error.hpp"
#include "topica/umap.hpp"

namespace topica {
namespace {

// umap-learn init_graph_transform: each new point starts at the weighted mean of its neighbours'
// positions, or exactly on a training point it duplicates (weight 1). umap-learn gives a point
// without any neighbour NaN; here it starts on its nearest listed neighbour, or at the centroid.
Matrix<float> initial_positions(const umap::Graph& graph, const KnnGraph& knn, const Matrix<float>& embedding) {
  const std::size_t dim = embedding.cols;
  Matrix<float> out(graph.rows, dim);
  for (std::size_t i = 0; i < graph.rows; ++i) {
    float* row = out.row(i);
    double total = 0;
    for (std::size_t e = graph.begin(i); e < graph.end(i); ++e) total += graph.weights[e];
    bool copied = false;
    for (std::size_t e = graph.begin(i); e < graph.end(i) && !copied; ++e) {
      const float* at = embedding.row(static_cast<std::size_t>(graph.columns[e]));
      if (graph.weights[e] == 1.0f) {
        std::copy(at, at + dim, row);
        copied = true;
      } else {
        for (std::size_t d = 0; d < dim; ++d) row[d] += static_cast<float>(graph.weights[e] / total) * at[d];
      }
    }
    if (graph.begin(i) != graph.end(i)) continue;
    const std::int32_t nearest = knn.neighbors(i)[0];
    for (std::size_t d = 0; d < dim; ++d) {
      if (nearest >= 0) {
        row[d] = embedding(static_cast<std::size_t>(nearest), d);
      } else {
        double sum = 0;
        for (std::size_t r = 0; r < embedding.rows; ++r) sum += embedding(r, d);
        row[d] = static_cast<float>(sum / static_cast<double>(embedding.rows));
      }
    }
  }
  return out;
}

// A stream id per new point from its values, so that a point draws the same negative samples
// alone or anywhere in a batch (umap-learn draws them from one stream shared by the batch).
std::vector<std::uint64_t> content_ids(const Matrix<float>& points) {
  std::vector<std::uint64_t> ids(points.rows);
  for (std::size_t i = 0; i < points.rows; ++i) {
    std::uint64_t h = 0x243F6A8885A308D3ull;
    for (std::size_t d = 0; d < points.cols; ++d) {
      std::uint32_t bits;
      std::memcpy(&bits, points.row(i) + d, sizeof bits);
      h = umap::mix64(h ^ bits);
    }
    ids[i] = h;
  }
  return ids;
}

}  // namespace

Matrix<float> umap_transform(const UmapModel& model, const Matrix<float>& training_data, const Matrix<float>& points) {
  using namespace umap;
  const UmapOptions& o = model.options;
  if (training_data.rows != model.embedding.rows) {
    throw UsageError(fmt::format("UMAP transform: the model was fitted on {} rows, the training data given has {}",
                                 model.embedding.rows, training_data.rows));
  }
  if (points.cols != training_data.cols) {
    throw InputError(fmt::format("UMAP transform: new points have {} columns, the training data {}", points.cols,
                                 training_data.cols));
  }
  check_finite_rows(points, "UMAP transform input");
  if (points.rows == 0) return Matrix<float>(0, model.embedding.cols);
  if (o.progress) o.progress(UmapProgress{"neighbours", 0, 1});
  const std::size_t k = model.n_neighbors;
  const KnnGraph knn = neighbor_lists_query(training_data, points, k, o.metric, o.threads);
  // local_connectivity - 1 = 0: no point is assumed connected to its nearest neighbour.
  const LocalScales scales = smooth_knn_dist(knn, static_cast<double>(k), 0.0, o.threads);
  Graph graph = membership_strengths(knn, scales, true, training_data.rows);
  Matrix<float> heads = initial_positions(graph, knn, model.embedding);

  const std::size_t n_epochs = o.n_epochs == 0 ? (points.rows <= 10000 ? 100 : 30) : o.n_epochs / 3;
  if (n_epochs == 0 || graph.edges() == 0) return heads;
  // umap-learn scales the schedule and the weak-edge cut by the batch's largest weight; the
  // largest weight a membership can have (1) keeps each point's result independent of the batch.
  graph = drop_weak_edges(graph, 1.0f / static_cast<float>(n_epochs));
  LayoutOptions layout;
  layout.a = model.a;
  layout.b = model.b;
  layout.initial_alpha = o.learning_rate / 4.0f;  // umap-learn: self._initial_alpha / 4.0
  layout.negative_sample_rate = o.negative_sample_rate;
  layout.n_epochs = n_epochs;
  layout.seed = o.seed;
  layout.threads = o.threads;
  layout.max_weight = 1.0f;
  layout.head_ids = content_ids(points);
  if (o.progress) {
    layout.progress = [&o](std::size_t done, std::size_t total) { o.progress(UmapProgress{"transform", done, total}); };
  }
  optimize_layout_transform(heads, model.embedding, graph, layout);
  return heads;
}

}  // namespace topica
