#include "neighbors/graph_search.hpp"

#include <algorithm>
#include <limits>
#include <queue>

#include "topica/parallel.hpp"
#include "topica/random.hpp"
#include "topica/vector_ops.hpp"

namespace topica::neighbors {
namespace {

constexpr std::uint64_t kQueryStream = 3ull << 40;  // query i's random starting points
constexpr std::size_t kQueryBlock = 64;

// Per-task scratch: a visited mark per data point, reset in O(1) by bumping the generation.
class Visited {
 public:
  explicit Visited(std::size_t n) : mark_(n, 0) {}
  void next() {
    if (++generation_ == 0) {  // wrapped: clear once every 2^32 queries
      std::fill(mark_.begin(), mark_.end(), 0);
      generation_ = 1;
    }
  }
  bool insert(std::size_t i) {
    if (mark_[i] == generation_) return false;
    mark_[i] = generation_;
    return true;
  }

 private:
  std::vector<std::uint32_t> mark_;
  std::uint32_t generation_ = 0;
};

struct Farther {
  bool operator()(const Neighbor& a, const Neighbor& b) const { return b < a; }
};
using MinQueue = std::priority_queue<Neighbor, std::vector<Neighbor>, Farther>;

void search_one(const Matrix<float>& data, const SearchGraph& graph, const RpTree& tree, const float* x,
                const float* x_tree, std::size_t k, double epsilon, Random random, Visited& visited, Neighbor* out) {
  visited.next();
  TopK result(k);
  MinQueue frontier;
  // The bound is on distances, (1 + epsilon) d_k; the walk compares squared ones.
  const double scale = (1.0 + epsilon) * (1.0 + epsilon);
  const auto bound = [&] {
    return result.full() ? static_cast<float>(scale * result.worst().distance) : std::numeric_limits<float>::infinity();
  };
  const auto visit = [&](std::size_t j) {
    if (!visited.insert(j)) return;
    const float d = squared_distance(x, data.row(j), data.cols);
    if (d >= bound()) return;
    result.push(d, static_cast<std::int32_t>(j));
    frontier.push({d, static_cast<std::int32_t>(j)});
  };
  const std::size_t leaf = tree.leaf_of(x_tree);
  for (std::size_t s = tree.leaf_begin[leaf]; s < tree.leaf_begin[leaf + 1]; ++s) {
    visit(static_cast<std::size_t>(tree.points[s]));
  }
  // A leaf smaller than k: top up with random points (pynndescent 0.5 does the same).
  for (std::size_t tries = 0; !result.full() && tries < 4 * k; ++tries) visit(random.below(data.rows));
  for (std::size_t j = 0; !result.full() && j < data.rows; ++j) visit(j);

  while (!frontier.empty()) {
    const Neighbor c = frontier.top();
    frontier.pop();
    if (c.distance >= bound()) break;
    const auto from = static_cast<std::size_t>(c.index);
    for (std::size_t e = graph.begin[from]; e < graph.begin[from + 1]; ++e) {
      visit(static_cast<std::size_t>(graph.adjacent[e]));
    }
  }
  const std::vector<Neighbor>& sorted = result.sorted();
  std::copy(sorted.begin(), sorted.end(), out);
}

}  // namespace

SearchGraph build_search_graph(const KnnGraph& graph, std::size_t max_degree) {
  const std::size_t n = graph.n;
  // Forward and reverse edges of every point, with the distance known from the forward list.
  std::vector<std::vector<Neighbor>> edges(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < graph.k; ++j) {
      const std::int32_t other = graph.neighbors(i)[j];
      if (other < 0 || static_cast<std::size_t>(other) == i) continue;
      const float d = graph.distances_of(i)[j];
      edges[i].push_back({d, other});
      edges[static_cast<std::size_t>(other)].push_back({d, static_cast<std::int32_t>(i)});
    }
  }
  SearchGraph out;
  out.begin.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<Neighbor>& list = edges[i];
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end(),
                           [](const Neighbor& a, const Neighbor& b) { return a.index == b.index; }),
               list.end());
    if (list.size() > max_degree) list.resize(max_degree);
    out.begin[i + 1] = out.begin[i] + list.size();
    for (const Neighbor& e : list) out.adjacent.push_back(e.index);
    std::vector<Neighbor>().swap(list);
  }
  return out;
}

std::vector<Neighbor> search_graph(const Matrix<float>& data, const SearchGraph& graph, const RpTree& tree,
                                   const Matrix<float>& queries, const Matrix<float>& tree_queries, std::size_t k,
                                   double epsilon, std::uint64_t seed, std::size_t threads) {
  std::vector<Neighbor> out(queries.rows * k);
  parallel_blocks(queries.rows, kQueryBlock, threads, [&](std::size_t begin, std::size_t end) {
    Visited visited(data.rows);
    for (std::size_t q = begin; q < end; ++q) {
      search_one(data, graph, tree, queries.row(q), tree_queries.row(q), k, epsilon, Random(seed, kQueryStream + q),
                 visited, out.data() + q * k);
    }
  });
  return out;
}

}  // namespace topica::neighbors
