// How the layout epochs follow umap-learn, and where they differ.
//
// Schedule. umap-learn runs epochs n = 0 .. n_epochs - 1 and samples edge e in epoch n once its
// "next epoch" counter, starting at and advanced by epochs_per_sample = max w / w_e, has reached n
// (so never in epoch 0; kept here in float32 rather than float64). Each edge sample is followed by
// negative samples; umap-learn's per-edge counter gives negative_sample_rate of them per edge
// sample on average, and here every edge sample gets exactly that many. The learning rate of
// epoch n is initial_alpha * (1 - (n - 1) / n_epochs), as umap-learn's update at the end of each
// epoch gives it.
//
// Moves. umap-learn updates points in place from several threads at once (Hogwild), so its result
// depends on timing. Here each epoch runs in kPhases phases; phase p moves the heads of the
// vertex blocks b with b % kPhases == p. Within a phase every head reads the other points as they
// were when the phase began, and moves itself through its samples in umap-learn's order: each due
// edge (a pull towards the tail), then its negative samples (pushes away from random points). As in
// umap-learn, an edge sample also moves its tail by the opposite amount; those moves are kept per
// block, sorted by the block of their tail, and added to the tails when the phase ends, each point
// summing its moves in (head block, sample) order. (The moves are kept in kTailRanges buckets by
// the tail's index, a fixed number, so that the tails can be moved range by range in parallel
// while each block writes only a few streams; the order of the sums does not depend on it.)
// Every value is then a function of the phase's
// starting layout alone, and each head
// draws its negative samples from its own counter-based random stream (seed, epoch, head), so the
// result is the same bits for any thread count.
//
// Why so. The one-pass alternative that moves only heads (doubling the pull, since the symmetric
// graph holds both (i, j) and (j, i)) keeps umap-learn's average forces but loses its dynamics: on
// 58,959 Debian documents (200 epochs) its trustworthiness was 0.90 against umap-learn's 0.937, and
// a sequential in-place run of the same rule was worse still (0.888). Moving both ends brings it to
// 0.927 with one phase; more phases let later blocks see earlier blocks' moves within the epoch,
// as umap-learn's sequential sweep does (0.934 with 8 phases in a reference implementation).
//
// Speed: kLanes heads move side by side in SIMD lanes (layout_kernel.cpp), drawing their negative
// samples in the lanes too. Within a block the heads are sorted by their number of due edges in
// this epoch, so the heads sharing a group finish together and few lanes idle.
#include "reduce/umap/optimize_layout.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "reduce/umap/layout_kernel.hpp"
#include "topica/parallel.hpp"
#include "topica/random.hpp"

namespace topica::umap {
namespace {

constexpr std::size_t kPhases = 4;  // head groups per epoch that see each other's moves
constexpr std::size_t kTailRanges = 4;  // buckets of tail moves: tails [r * range, (r + 1) * range)

// Heads per block: a multiple of the lanes, at most 1024, and small enough that each phase has
// about four blocks to share among threads. Depends on the number of points only.
std::size_t block_size(std::size_t points) {
  const std::size_t wanted = (points / (4 * kPhases) + kLanes - 1) / kLanes * kLanes;
  return std::clamp<std::size_t>(wanted, 4 * kLanes, 1024);
}

// umap-learn's per-edge schedule.
struct Schedule {
  std::vector<float> eps;   // epochs per sample: max w / w_e
  std::vector<float> next;  // the epoch the edge is next due in
};

Schedule make_schedule(const Graph& g, float fixed_max_weight) {
  Schedule s;
  const float max_w = fixed_max_weight > 0 ? fixed_max_weight : max_weight(g);
  s.eps.resize(g.edges());
  for (std::size_t e = 0; e < g.edges(); ++e) s.eps[e] = max_w / g.weights[e];
  s.next = s.eps;
  return s;
}

// The tails' moves from one block's edge samples in a phase, sorted by the tail's range:
// entries offsets[r] .. offsets[r + 1] go to range r, in the order they were made.
struct TailMoves {
  std::vector<std::int32_t> target;
  std::vector<float> move;  // stride floats per entry (the padding is never read)
  std::vector<std::uint32_t> offsets;
};

// One coordinate of 16 lanes, aligned for the SIMD kernel.
struct alignas(64) Lane16 {
  float v[16];
};

// Per-thread scratch reused across blocks and epochs.
struct Scratch {
  std::vector<std::int32_t> due;         // the due edges of the block's heads, head by head
  std::vector<float> tail_moves;         // the kernel's output for one group
  std::vector<std::uint32_t> fill;       // next free tail-move entry per target range
  std::vector<std::uint32_t> due_begin;  // per head of the block: offset into `due` (+ 1 end)
  std::vector<std::int32_t> order;       // the block's heads by decreasing number of due edges
  std::vector<std::uint32_t> histogram;
  LaneWork lanes;
  std::vector<Lane16> y, diff;  // dim x kLanes / 16
};

Scratch& thread_scratch() {
  thread_local Scratch scratch;
  return scratch;
}

// Positions are held padded to padded_dim(dim) floats per point (the kernel reads pairs).
struct EpochContext {
  const Graph& graph;
  Schedule& schedule;
  std::vector<TailMoves>& tail_moves;  // fit: per block
  const float* read;   // positions at the start of the phase (heads and, in a fit, tails)
  const float* tails;  // positions of the tails (== read in a fit)
  float* write;        // where the heads' new positions go
  std::size_t stride;  // floats per point
  std::size_t block;   // heads per block
  std::size_t range;   // tails per range of tail moves: a multiple of `block`
  bool fit;
  KernelParams params;
  std::size_t epoch;
  std::uint64_t epoch_key;
  const std::uint64_t* head_ids;  // transform: per-head stream ids (null: the head's row)
};

// Collects the due edges of each head in [begin, end) (advancing their schedule) and sorts the
// heads by how many there are (stable, so ties keep index order).
void collect_due(const EpochContext& c, std::size_t begin, std::size_t end, Scratch& s) {
  const auto now = static_cast<float>(c.epoch);
  s.due.resize(c.graph.end(end - 1) - c.graph.begin(begin));
  s.due_begin.resize(end - begin + 1);
  s.due_begin[0] = 0;
  std::size_t most = 0, count = 0;
  float* next = c.schedule.next.data();
  const float* eps = c.schedule.eps.data();
  for (std::size_t i = begin; i < end; ++i) {
    const std::size_t first = count;
    // Branch-free: about a third of the edges are due, in no predictable pattern.
    for (std::size_t e = c.graph.begin(i); e < c.graph.end(i); ++e) {
      const bool due = next[e] <= now;
      s.due[count] = static_cast<std::int32_t>(e);
      count += due;
      next[e] += eps[e] * static_cast<float>(due);  // exact: eps * 1 or eps * 0
    }
    s.due_begin[i - begin + 1] = static_cast<std::uint32_t>(count);
    most = std::max(most, count - first);
  }
  // Counting sort by due edges, most first.
  s.histogram.assign(most + 2, 0);
  for (std::size_t h = 0; h < end - begin; ++h) ++s.histogram[most - (s.due_begin[h + 1] - s.due_begin[h]) + 1];
  for (std::size_t b = 1; b < s.histogram.size(); ++b) s.histogram[b] += s.histogram[b - 1];
  s.order.resize(end - begin);
  for (std::size_t h = 0; h < end - begin; ++h) {
    s.order[s.histogram[most - (s.due_begin[h + 1] - s.due_begin[h])]++] = static_cast<std::int32_t>(h);
  }
}

// The bucket of tail moves for `tail` (no division: it runs once per edge sample).
std::size_t range_of(const EpochContext& c, std::int32_t tail) {
  const auto t = static_cast<std::size_t>(tail);
  std::size_t r = 0;
  for (std::size_t k = 1; k < kTailRanges; ++k) r += t >= k * c.range;
  return r;
}

// Makes room in `out` for one tail move per due edge of the block, grouped by the tail's range;
// `fill` gets each group's next free entry.
void prepare_tail_moves(const EpochContext& c, const Scratch& s, TailMoves& out, std::vector<std::uint32_t>& fill) {
  const std::size_t n = s.due_begin.back();
  out.offsets.assign(kTailRanges + 1, 0);
  for (std::size_t i = 0; i < n; ++i) ++out.offsets[range_of(c, c.graph.columns[static_cast<std::size_t>(s.due[i])]) + 1];
  for (std::size_t r = 0; r < kTailRanges; ++r) out.offsets[r + 1] += out.offsets[r];
  out.target.resize(n);
  out.move.resize(n * c.stride);
  fill.assign(out.offsets.begin(), out.offsets.end() - 1);
}

void move_block(const EpochContext& c, std::size_t block, std::size_t begin, std::size_t end) {
  Scratch& s = thread_scratch();
  collect_due(c, begin, end, s);
  const std::size_t dim = c.params.dim, stride = c.stride;
  s.y.resize(dim * kLanes / 16);
  s.diff.resize(dim * kLanes / 16);
  // Tail moves go straight to their place among the moves for their block, in group, lane and
  // edge order.
  TailMoves* moves = c.fit ? &c.tail_moves[block] : nullptr;
  if (moves != nullptr) prepare_tail_moves(c, s, *moves, s.fill);
  float* y = s.y.data()->v;
  LaneWork& w = s.lanes;
  EdgeTables tables;
  tables.columns = c.graph.columns.data();
  for (std::size_t g = 0; g < end - begin; g += kLanes) {
    const std::size_t used = std::min(kLanes, end - begin - g);
    std::size_t most = 0;
    for (std::size_t l = 0; l < kLanes; ++l) {
      const auto h = static_cast<std::size_t>(s.order[g + (l < used ? l : 0)]);
      const std::size_t head = begin + h;
      w.key[l] = head_key(c.epoch_key, c.head_ids != nullptr ? c.head_ids[head] : head);
      w.self[l] = c.fit ? static_cast<std::int32_t>(head) : -1;
      w.due_begin[l] = static_cast<std::int32_t>(s.due_begin[h]);
      w.due_count[l] = l < used ? static_cast<std::int32_t>(s.due_begin[h + 1] - s.due_begin[h]) : 0;
      most = std::max(most, static_cast<std::size_t>(w.due_count[l]));
      for (std::size_t d = 0; d < dim; ++d) y[d * kLanes + l] = c.read[head * stride + d];
    }
    if (c.fit) {
      s.tail_moves.resize(most * stride * kLanes);
      tables.tail_moves = s.tail_moves.data();
    }
    move_lanes(c.params, c.tails, s.due.data(), tables, w, y, s.diff.data()->v);
    for (std::size_t l = 0; l < used; ++l) {
      const std::size_t head = begin + static_cast<std::size_t>(s.order[g + l]);
      for (std::size_t d = 0; d < dim; ++d) c.write[head * stride + d] = y[d * kLanes + l];
    }
    if (!c.fit) continue;
    for (std::size_t l = 0; l < used; ++l) {
      for (std::int32_t i = 0; i < w.due_count[l]; ++i) {
        const std::int32_t target = c.graph.columns[static_cast<std::size_t>(s.due[static_cast<std::size_t>(w.due_begin[l] + i)])];
        const std::uint32_t at = s.fill[range_of(c, target)]++;
        moves->target[at] = target;
        const float* from = s.tail_moves.data() + static_cast<std::size_t>(i) * stride * kLanes + l;
        float* to = moves->move.data() + static_cast<std::size_t>(at) * stride;
        for (std::size_t d = 0; d < dim; ++d) to[d] = from[d * kLanes];
      }
    }
  }
}

// Ends a fit phase for the points of range `range`: each takes its new position (its own move if
// it was a head of the phase) plus the moves it received as a tail, in (head block, sample) order.
void finish_phase(const EpochContext& c, std::size_t range, std::size_t phase, std::size_t phases, float* out) {
  const std::size_t dim = c.params.dim, last = std::min(c.graph.rows, (range + 1) * c.range);
  for (std::size_t begin = range * c.range; begin < last; begin += c.block) {
    const std::size_t end = std::min(last, begin + c.block);
    const float* source = (begin / c.block) % phases == phase ? c.write : c.read;
    for (std::size_t i = begin * c.stride; i < end * c.stride; ++i) out[i] = source[i];
  }
  for (std::size_t from = phase; from < c.tail_moves.size(); from += phases) {
    const TailMoves& m = c.tail_moves[from];
    for (std::uint32_t k = m.offsets[range]; k < m.offsets[range + 1]; ++k) {
      float* p = out + static_cast<std::size_t>(m.target[k]) * c.stride;
      const float* move = m.move.data() + static_cast<std::size_t>(k) * c.stride;
      for (std::size_t d = 0; d < dim; ++d) p[d] += move[d];
    }
  }
}

std::vector<float> padded(const Matrix<float>& m) {
  const std::size_t stride = padded_dim(m.cols);
  std::vector<float> out(m.rows * stride, 0.0f);
  for (std::size_t i = 0; i < m.rows; ++i) std::copy(m.row(i), m.row(i) + m.cols, out.data() + i * stride);
  return out;
}

void run_epochs(Matrix<float>& heads, const Matrix<float>* fixed_tails, const Graph& graph, const LayoutOptions& o,
                Stream stream) {
  if (graph.rows == 0 || o.n_epochs == 0) return;
  const bool fit = fixed_tails == nullptr;
  const std::size_t stride = padded_dim(heads.cols);
  Schedule schedule = make_schedule(graph, o.max_weight);
  const std::size_t block = block_size(graph.rows);
  const std::size_t blocks = (graph.rows + block - 1) / block;
  std::vector<TailMoves> tail_moves(fit ? blocks : 0);
  std::vector<float> now = padded(heads), moved = now;
  const std::vector<float> tails = fit ? std::vector<float>() : padded(*fixed_tails);
  const std::size_t range = (blocks + kTailRanges - 1) / kTailRanges * block;
  EpochContext c{graph, schedule, tail_moves, nullptr, nullptr, nullptr, stride, block, range, fit, KernelParams{}, 0, 0,
                 o.head_ids.empty() ? nullptr : o.head_ids.data()};
  c.params.a = static_cast<float>(o.a);
  c.params.b = static_cast<float>(o.b);
  c.params.gamma = o.gamma;
  c.params.dim = heads.cols;
  c.params.negative_rate = o.negative_sample_rate;
  c.params.n_tails = static_cast<std::uint32_t>(fit ? heads.rows : fixed_tails->rows);
  const std::size_t phases = fit ? kPhases : 1;  // transform: the tails never move
  const auto block_range = [&](std::size_t b) {
    return std::pair<std::size_t, std::size_t>{b * block, std::min(graph.rows, (b + 1) * block)};
  };
  // umap-learn's epoch 0 samples nothing (every edge is first due at epoch >= 1).
  for (std::size_t n = 1; n < o.n_epochs; ++n) {
    c.epoch = n;
    c.epoch_key = Random(o.seed, stream_id(stream, n)).next();
    c.params.alpha = o.initial_alpha * (1.0f - static_cast<float>(n - 1) / static_cast<float>(o.n_epochs));
    for (std::size_t phase = 0; phase < phases; ++phase) {
      c.read = now.data();
      c.tails = fit ? now.data() : tails.data();
      c.write = fit ? moved.data() : now.data();
      const std::size_t phase_blocks = (blocks + phases - 1 - phase) / phases;
      parallel_tasks(phase_blocks, o.threads, [&](std::size_t t) {
        const std::size_t block = t * phases + phase;
        const auto [begin, end] = block_range(block);
        move_block(c, block, begin, end);
      });
      if (!fit) continue;
      parallel_tasks(kTailRanges, o.threads, [&](std::size_t r) { finish_phase(c, r, phase, phases, moved.data()); });
      std::swap(now, moved);
    }
    if (o.progress) o.progress(n + 1, o.n_epochs);
  }
  for (std::size_t i = 0; i < heads.rows; ++i) std::copy(now.data() + i * stride, now.data() + i * stride + heads.cols, heads.row(i));
}

}  // namespace

void optimize_layout_fit(Matrix<float>& embedding, const Graph& graph, const LayoutOptions& options) {
  run_epochs(embedding, nullptr, graph, options, Stream::kFitLayout);
}

void optimize_layout_transform(Matrix<float>& heads, const Matrix<float>& tails, const Graph& graph,
                               const LayoutOptions& options) {
  run_epochs(heads, &tails, graph, options, Stream::kTransformLayout);
}

}  // namespace topica::umap
