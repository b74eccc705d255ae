// The approximate path's front (NN-descent graph -> reported distances), the exact/approximate
// choice, and KnnIndex, which keeps what a query needs: the data, its graph, and for the
// approximate path a search graph and one random-projection tree to start from.
#include <cmath>

#include <fmt/format.h>

#include "neighbors/graph_search.hpp"
#include "neighbors/knn_common.hpp"
#include "neighbors/nn_descent.hpp"
#include "neighbors/rp_tree.hpp"
#include "topica/parallel.hpp"
#include "topica/random.hpp"
#include "topica/vector_ops.hpp"

namespace topica {
namespace {

using neighbors::Neighbor;

constexpr std::uint64_t kSearchTreeStream = 4ull << 40;

// The distance we report for a pair, from the prepared rows (cosine: unit rows, and the
// float dot scikit-learn's arithmetic gives, 0 for identical rows) or the raw rows
// (euclidean, exact in double).
float reported_distance(const Matrix<float>& prepared, const float* x_prepared, const Matrix<float>& raw,
                        const float* x_raw, std::size_t j, Metric metric) {
  if (metric == Metric::Cosine) {
    const float* y = prepared.row(j);
    return neighbors::snap_identical(x_prepared, y, prepared.cols, neighbors::cosine_from_dot(dot(x_prepared, y, prepared.cols)));
  }
  return static_cast<float>(std::sqrt(neighbors::exact_squared_distance(x_raw, raw.row(j), raw.cols)));
}

// Turns NN-descent's heaps into the reported graph: the point itself first, then the others
// by reported (distance, index).
KnnGraph heaps_to_graph(const neighbors::DescentGraph& heaps, const Matrix<float>& prepared,
                        const Matrix<float>& raw, const KnnOptions& options) {
  KnnGraph g = neighbors::make_graph(raw.rows, options.k);
  parallel_blocks(raw.rows, 1024, options.threads, [&](std::size_t begin, std::size_t end) {
    std::vector<Neighbor> list;
    for (std::size_t i = begin; i < end; ++i) {
      list.clear();
      const std::int32_t* idx = heaps.neighbors(i);
      for (std::size_t s = 0; s < heaps.capacity; ++s) {
        const auto j = static_cast<std::size_t>(idx[s]);
        list.push_back({reported_distance(prepared, prepared.row(i), raw, raw.row(i), j, options.metric), idx[s]});
      }
      std::sort(list.begin(), list.end());
      g.indices[i * g.k] = static_cast<std::int32_t>(i);
      for (std::size_t j = 0; j + 1 < g.k; ++j) {
        g.indices[i * g.k + 1 + j] = list[j].index;
        g.distances[i * g.k + 1 + j] = list[j].distance;
      }
    }
  });
  return g;
}

void check_approximate(const Matrix<float>& data, const KnnOptions& options) {
  neighbors::check_input(data, "data");
  neighbors::check_k(options.k, data.rows);
}

bool use_exact(std::size_t rows, const KnnOptions& options) { return options.exact || rows < kExactBelow; }

}  // namespace

KnnGraph approximate_knn(const Matrix<float>& data, const KnnOptions& options) {
  check_approximate(data, options);
  // Cosine walks unit rows (their squared euclidean distance orders as cosine distance).
  const Matrix<float> unit = options.metric == Metric::Cosine ? neighbors::unit_rows(data) : Matrix<float>();
  const Matrix<float>& rows = options.metric == Metric::Cosine ? unit : data;
  const neighbors::DescentGraph heaps =
      neighbors::nn_descent(rows, options.k, options.descent, options.seed, options.threads,
                            options.metric == Metric::Cosine);
  return heaps_to_graph(heaps, rows, data, options);
}

KnnGraph nearest_neighbors(const Matrix<float>& data, const KnnOptions& options) {
  return use_exact(data.rows, options) ? exact_knn(data, options) : approximate_knn(data, options);
}

struct KnnIndex::State {
  KnnOptions options;
  Matrix<float> data;
  Matrix<float> unit;  // cosine only: the unit rows the approximate search walks
  bool exact = true;
  KnnGraph graph;
  neighbors::SearchGraph search;
  neighbors::RpTree tree;                    // built on projected rows when `projected`
  neighbors::RandomProjection projection;
  bool projected = false;

  const Matrix<float>& prepared() const { return options.metric == Metric::Cosine ? unit : data; }
};

KnnIndex::KnnIndex(std::unique_ptr<State> state) : state_(std::move(state)) {}
KnnIndex::KnnIndex(KnnIndex&&) noexcept = default;
KnnIndex& KnnIndex::operator=(KnnIndex&&) noexcept = default;
KnnIndex::~KnnIndex() = default;

KnnIndex KnnIndex::build(Matrix<float> data, const KnnOptions& options) {
  auto s = std::make_unique<State>();
  s->options = options;
  s->exact = use_exact(data.rows, options);
  s->data = std::move(data);
  if (s->exact) {
    s->graph = exact_knn(s->data, options);
    return KnnIndex(std::move(s));
  }
  check_approximate(s->data, options);
  if (options.metric == Metric::Cosine) s->unit = neighbors::unit_rows(s->data);
  const neighbors::DescentGraph heaps =
      neighbors::nn_descent(s->prepared(), options.k, options.descent, options.seed, options.threads,
                            options.metric == Metric::Cosine);
  s->graph = heaps_to_graph(heaps, s->prepared(), s->data, options);
  // pynndescent 0.5 prepare(): degree capped near 1.5 k after pruning; we keep forward and
  // reverse edges up to 2 k, closest first.
  s->search = neighbors::build_search_graph(s->graph, 2 * options.k);
  // The tree that starts each query splits projected rows, as NN-descent's trees do.
  const neighbors::DescentPlan plan = neighbors::plan_descent(s->data.rows, options.k, options.descent);
  Random random(options.seed, kSearchTreeStream);
  s->projected = s->data.cols > plan.tree_dims;
  if (s->projected) {
    s->projection = neighbors::make_random_projection(plan.tree_dims, s->data.cols, random);
    s->tree = neighbors::build_rp_tree(s->projection.apply(s->prepared(), options.threads), plan.leaf_size, random, true);
  } else {
    s->tree = neighbors::build_rp_tree(s->prepared(), plan.leaf_size, random, true);
  }
  return KnnIndex(std::move(s));
}

const KnnGraph& KnnIndex::graph() const { return state_->graph; }
bool KnnIndex::is_exact() const { return state_->exact; }
std::size_t KnnIndex::size() const { return state_->data.rows; }
std::size_t KnnIndex::dim() const { return state_->data.cols; }
const KnnOptions& KnnIndex::options() const { return state_->options; }

KnnGraph KnnIndex::query(const Matrix<float>& queries, std::size_t k) const {
  const State& s = *state_;
  KnnOptions options = s.options;
  options.k = k;
  if (s.exact) return exact_knn_query(s.data, queries, options);
  neighbors::check_input(queries, "queries");
  if (queries.cols != s.data.cols) {
    throw InputError(fmt::format("neighbours: queries have {} columns, the index {}", queries.cols, s.data.cols));
  }
  neighbors::check_k(k, s.data.rows);
  const Matrix<float> unit_queries = s.options.metric == Metric::Cosine ? neighbors::unit_rows(queries) : Matrix<float>();
  const Matrix<float>& prepared = s.options.metric == Metric::Cosine ? unit_queries : queries;
  const Matrix<float> projected = s.projected ? s.projection.apply(prepared, s.options.threads) : Matrix<float>();
  const std::vector<Neighbor> found =
      neighbors::search_graph(s.prepared(), s.search, s.tree, prepared, s.projected ? projected : prepared, k,
                              s.options.search_epsilon, s.options.seed, s.options.threads);
  KnnGraph g = neighbors::make_graph(queries.rows, k);
  parallel_blocks(queries.rows, 256, s.options.threads, [&](std::size_t begin, std::size_t end) {
    std::vector<Neighbor> list(k);
    for (std::size_t q = begin; q < end; ++q) {
      for (std::size_t j = 0; j < k; ++j) {
        const auto idx = static_cast<std::size_t>(found[q * k + j].index);
        list[j] = {reported_distance(s.prepared(), prepared.row(q), s.data, queries.row(q), idx, s.options.metric),
                   found[q * k + j].index};
      }
      std::sort(list.begin(), list.end());
      for (std::size_t j = 0; j < k; ++j) {
        g.indices[q * k + j] = list[j].index;
        g.distances[q * k + j] = list[j].distance;
      }
    }
  });
  return g;
}

}  // namespace topica
