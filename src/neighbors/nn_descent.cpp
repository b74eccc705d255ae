#include "neighbors/nn_descent.hpp"

#include <algorithm>
#include <limits>
#include <atomic>
#include <ctime>
#include <cmath>

#include "neighbors/dot_kernels.hpp"
#include "neighbors/neighbor_heaps.hpp"
#include "neighbors/rp_tree.hpp"
#include "topica/parallel.hpp"
#include "topica/random.hpp"

namespace topica::neighbors {
namespace {

// Random streams: tree t draws from stream kTreeStream + t, point i's random fill from
// kFillStream + i, so no draw depends on which thread ran what.
constexpr std::uint64_t kTreeStream = 1ull << 40;
constexpr std::uint64_t kFillStream = 2ull << 40;
constexpr std::uint64_t kProjectionStream = 5ull << 40;

constexpr std::size_t kJoinBlock = 256;     // groups per update-generating task
constexpr std::size_t kRoundGroups = 4096;  // groups joined between two applications (pynndescent: 16384)
constexpr std::size_t kApplyRanges = 64;    // target ranges applied in parallel

struct Update {
  std::int32_t target;
  std::int32_t other;
  float distance;
};

// Fixed-width lists of points to join, -1 padded: each group's "new" items are joined with
// each other and with its "old" items (old x old pairs were joined in an earlier round).
struct Groups {
  std::size_t count = 0;
  std::size_t width = 0;
  std::vector<std::int32_t> fresh;  // count x width
  std::vector<std::int32_t> old;    // count x width, or empty
};

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

std::uint64_t mix(std::uint64_t z) {  // SplitMix64's finaliser
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// The sampling priority of the edge {a, b} in round `round`: the same from both ends, so a
// pair offered twice (as a neighbour and as a reverse neighbour) is one candidate.
std::uint64_t pair_priority(std::uint64_t seed, std::size_t round, std::int32_t a, std::int32_t b) {
  const auto lo = static_cast<std::uint64_t>(std::min(a, b));
  const auto hi = static_cast<std::uint64_t>(std::max(a, b));
  return mix(mix(mix(seed ^ (round * 0x9E3779B97F4A7C15ull)) ^ lo) ^ (hi << 1));
}

// Keeps the `capacity` candidates of smallest priority: a uniform sample without replacement.
class CandidateSample {
 public:
  explicit CandidateSample(std::size_t capacity) : capacity_(capacity) { items_.reserve(capacity); }
  void clear() { items_.clear(); }
  void offer(std::uint64_t priority, std::int32_t index) {
    const Item c{priority, index};
    if (items_.size() == capacity_ && !(c < items_.front())) return;
    for (const Item& it : items_) {
      if (it.index == index) return;
    }
    if (items_.size() < capacity_) {
      items_.push_back(c);
      std::push_heap(items_.begin(), items_.end());
    } else {
      std::pop_heap(items_.begin(), items_.end());
      items_.back() = c;
      std::push_heap(items_.begin(), items_.end());
    }
  }
  bool contains(std::int32_t index) const {
    for (const Item& it : items_) {
      if (it.index == index) return true;
    }
    return false;
  }
  // Writes the sample (in heap order, which is fixed by its content) into a -1 padded row.
  void write(std::int32_t* row) const {
    std::size_t at = 0;
    for (const Item& it : items_) row[at++] = it.index;
    for (; at < capacity_; ++at) row[at] = -1;
  }

 private:
  struct Item {
    std::uint64_t priority;
    std::int32_t index;
    bool operator<(const Item& o) const { return priority < o.priority || (priority == o.priority && index < o.index); }
  };
  std::size_t capacity_;
  std::vector<Item> items_;
};

class Descent {
 public:
  Descent(const Matrix<float>& data, std::size_t k, const DescentPlan& plan, std::uint64_t seed, std::size_t threads,
          bool zero_rows_apart, DescentStats* stats)
      : input_(data),
        k_(k),
        plan_(plan),
        seed_(seed),
        threads_(threads),
        zero_rows_apart_(zero_rows_apart),
        stats_(stats),
        heaps_(data.rows, k - 1) {
    range_size_ = std::max<std::size_t>(1, (data.rows + kApplyRanges - 1) / kApplyRanges);
  }

  DescentGraph run() {
    if (heaps_.capacity() == 0) return result();
    double start = cpu_seconds();
    const auto lap = [&] {
      const double now = cpu_seconds();
      const double s = now - start;
      start = now;
      return s;
    };
    init_from_forest();
    fill_at_random();
    if (stats_ != nullptr) stats_->forest_cpu_seconds = lap();
    const double stop = plan_.delta * static_cast<double>(k_) * static_cast<double>(data_.rows);
    for (std::size_t round = 0; round < plan_.n_iters; ++round) {
      const Groups& groups = build_candidates(round);
      const std::size_t changes = join(groups);
      if (stats_ != nullptr) {
        stats_->changes.push_back(changes);
        stats_->round_cpu_seconds.push_back(lap());
      }
      if (static_cast<double>(changes) <= stop) break;
    }
    if (stats_ != nullptr) {
      stats_->distance_evaluations = evaluations_.load();
      stats_->updates = updates_emitted_;
    }
    return result();
  }

 private:
  // Every pair of points sharing a leaf, tree after tree (pynndescent 0.5: init_rp_tree).
  // The first tree's leaf order also renumbers the points: neighbours then sit near each other
  // in memory, so the joins of consecutive points reuse cached rows (the data is larger than
  // the cache; the joins are otherwise bound by fetching random rows). Trees split rows
  // projected to tree_dims random directions (see RandomProjection); leaf-mates are compared
  // on the full rows (comparing them on the projections too was measured: lower recall and
  // more work in the joins that follow).
  void init_from_forest() {
    std::vector<RpTree> trees(plan_.n_trees);
    Random projection_random(seed_, kProjectionStream);
    const bool project = input_.cols > plan_.tree_dims;
    const Matrix<float> projected =
        project ? make_random_projection(plan_.tree_dims, input_.cols, projection_random).apply(input_, threads_)
                : Matrix<float>();
    parallel_tasks(plan_.n_trees, threads_, [&](std::size_t t) {
      Random random(seed_, kTreeStream + t);
      trees[t] = build_rp_tree(project ? projected : input_, plan_.leaf_size, random, false);
    });
    renumber(trees.front().points);
    for (RpTree& tree : trees) {
      Groups leaves;
      leaves.count = tree.leaves();
      leaves.width = plan_.leaf_size;
      leaves.fresh.assign(leaves.count * leaves.width, -1);
      for (std::size_t l = 0; l < leaves.count; ++l) {
        std::int32_t* out = leaves.fresh.data() + l * leaves.width;
        for (std::size_t s = tree.leaf_begin[l]; s < tree.leaf_begin[l + 1]; ++s) {
          *out++ = inside_[static_cast<std::size_t>(tree.points[s])];
        }
      }
      tree = RpTree();  // free as we go
      join(leaves);
    }
  }

  // out = the rows of `m` in internal order, with their squared norms.
  void permute_rows(const Matrix<float>& m, Matrix<float>& out, std::vector<float>& norms) const {
    out = Matrix<float>(m.rows, m.cols);
    norms.resize(m.rows);
    parallel_blocks(m.rows, 4096, threads_, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        const float* from = m.row(static_cast<std::size_t>(order_[i]));
        std::copy(from, from + m.cols, out.row(i));
        const float* row = out.row(i);
        dots(row, &row, 1, m.cols, &norms[i]);
      }
    });
  }

  // Internal point i is input row order[i]; keeps a permuted copy of the rows and their norms.
  void renumber(const std::vector<std::int32_t>& order) {
    order_ = order;
    inside_.resize(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) inside_[static_cast<std::size_t>(order[i])] = static_cast<std::int32_t>(i);
    permute_rows(input_, data_, norms_);
  }

  // The heaps in input numbering.
  DescentGraph result() const {
    DescentGraph g;
    g.n = input_.rows;
    g.capacity = heaps_.capacity();
    g.indices.resize(g.n * g.capacity);
    for (std::size_t i = 0; i < g.n && g.capacity > 0; ++i) {
      const std::int32_t* idx = heaps_.indices(i);
      std::int32_t* out = g.indices.data() + static_cast<std::size_t>(order_[i]) * g.capacity;
      for (std::size_t s = 0; s < g.capacity; ++s) out[s] = order_[static_cast<std::size_t>(idx[s])];
    }
    return g;
  }

  // Squared euclidean distances from the norms and the dot products: |u|^2 + |v|^2 - 2 u.v,
  // clamped at 0. Only ranks candidates; the distances reported are recomputed exactly.
  void distances(std::int32_t u, const std::int32_t* others, std::size_t count, float* out,
                 std::vector<const float*>& pointers) const {
    pointers.resize(count);
    for (std::size_t j = 0; j < count; ++j) pointers[j] = data_.row(static_cast<std::size_t>(others[j]));
    dots(data_.row(static_cast<std::size_t>(u)), pointers.data(), count, data_.cols, out);
    const float nu = norms_[static_cast<std::size_t>(u)];
    for (std::size_t j = 0; j < count; ++j) {
      const float nv = norms_[static_cast<std::size_t>(others[j])];
      out[j] = std::max(0.0f, nu + nv - 2.0f * out[j]);
      if (zero_rows_apart_ && (nu == 0.0f) != (nv == 0.0f)) out[j] = std::numeric_limits<float>::max();
    }
  }

  // Points whose leaves were too small get random neighbours (pynndescent 0.5: init_random).
  void fill_at_random() {
    const std::size_t n = data_.rows;
    const std::size_t cap = heaps_.capacity();
    parallel_blocks(n, 1024, threads_, [&](std::size_t begin, std::size_t end) {
      std::vector<const float*> pointers;
      for (std::size_t i = begin; i < end; ++i) {
        std::size_t filled = heaps_.filled(i);
        if (filled == cap) continue;
        Random random(seed_, kFillStream + i);
        const auto offer = [&](std::size_t j) {
          const auto other = static_cast<std::int32_t>(j);
          float d;
          distances(static_cast<std::int32_t>(i), &other, 1, &d, pointers);
          filled += heaps_.push(i, d, other, true);
        };
        for (std::size_t tries = 0; filled < cap && tries < 4 * cap; ++tries) offer(random.below(n));
        // Few points left to choose from (k close to n): walk them all from a random start.
        for (std::size_t s = 0, j = random.below(n); filled < cap && s < n; ++s, j = (j + 1) % n) offer(j);
      }
    });
  }

  // Samples up to max_candidates new and old neighbours per point, forward and reverse
  // (pynndescent 0.5: new_build_candidates), and marks the sampled new ones as old. The buffers
  // are the previous round's: fresh ones cost more in page clearing than the sampling itself.
  const Groups& build_candidates(std::size_t round) {
    const std::size_t n = data_.rows;
    const std::size_t cap = heaps_.capacity();
    // Reverse edges in CSR form, sources in increasing order, with the edge's flag.
    std::vector<std::size_t>& begin = reverse_begin_;
    begin.assign(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const std::int32_t* idx = heaps_.indices(i);
      for (std::size_t s = 0; s < cap; ++s) {
        if (idx[s] != NeighborHeaps::kEmpty) ++begin[static_cast<std::size_t>(idx[s]) + 1];
      }
    }
    for (std::size_t i = 0; i < n; ++i) begin[i + 1] += begin[i];
    std::vector<std::int32_t>& source = reverse_source_;
    std::vector<std::uint8_t>& source_new = reverse_new_;
    source.resize(begin[n]);
    source_new.resize(begin[n]);
    std::vector<std::size_t>& at = reverse_at_;
    at.assign(begin.begin(), begin.end() - 1);
    for (std::size_t i = 0; i < n; ++i) {
      const std::int32_t* idx = heaps_.indices(i);
      const std::uint8_t* flags = heaps_.flags(i);
      for (std::size_t s = 0; s < cap; ++s) {
        if (idx[s] == NeighborHeaps::kEmpty) continue;
        const std::size_t slot = at[static_cast<std::size_t>(idx[s])]++;
        source[slot] = static_cast<std::int32_t>(i);
        source_new[slot] = flags[s];
      }
    }

    Groups& groups = candidates_;
    groups.count = n;
    groups.width = plan_.max_candidates;
    groups.fresh.resize(n * groups.width);  // every row is written in full below
    groups.old.resize(n * groups.width);
    parallel_blocks(n, 1024, threads_, [&](std::size_t lo, std::size_t hi) {
      CandidateSample fresh(groups.width), old(groups.width);
      for (std::size_t v = lo; v < hi; ++v) {
        fresh.clear();
        old.clear();
        const auto self = static_cast<std::int32_t>(v);
        const std::int32_t* idx = heaps_.indices(v);
        std::uint8_t* flags = heaps_.flags(v);
        for (std::size_t s = 0; s < cap; ++s) {
          if (idx[s] == NeighborHeaps::kEmpty) continue;
          (flags[s] ? fresh : old).offer(pair_priority(seed_, round, self, idx[s]), idx[s]);
        }
        for (std::size_t r = begin[v]; r < begin[v + 1]; ++r) {
          (source_new[r] ? fresh : old).offer(pair_priority(seed_, round, source[r], self), source[r]);
        }
        fresh.write(groups.fresh.data() + v * groups.width);
        old.write(groups.old.data() + v * groups.width);
        for (std::size_t s = 0; s < cap; ++s) {
          if (flags[s] && fresh.contains(idx[s])) flags[s] = 0;
        }
      }
    });
    return groups;
  }

  // Local joins of all groups, kRoundGroups at a time; returns the number of heap changes.
  std::size_t join(const Groups& groups) {
    std::size_t changes = 0;
    for (std::size_t g0 = 0; g0 < groups.count; g0 += kRoundGroups) {
      changes += join_round(groups, g0, std::min(groups.count, g0 + kRoundGroups));
    }
    return changes;
  }

  std::size_t join_round(const Groups& groups, std::size_t g0, std::size_t g1) {
    const std::size_t tasks = (g1 - g0 + kJoinBlock - 1) / kJoinBlock;
    // updates[task][range]: generated in parallel (heaps are only read), then applied in
    // parallel per target range, each range reading the tasks in order. The buffers live as
    // long as the run: fresh ones each round cost more in page faults than the joins.
    if (updates_.size() < tasks) updates_.resize(tasks, std::vector<std::vector<Update>>(kApplyRanges));
    auto& updates = updates_;
    parallel_tasks(tasks, threads_, [&](std::size_t t) {
      for (auto& bucket : updates[t]) bucket.clear();
      const std::size_t lo = g0 + t * kJoinBlock;
      generate(groups, lo, std::min(g1, lo + kJoinBlock), updates[t]);
    });
    std::vector<std::size_t> changed(kApplyRanges, 0);
    parallel_tasks(kApplyRanges, threads_, [&](std::size_t r) {
      for (std::size_t t = 0; t < tasks; ++t) {
        const auto& task = updates[t];
        for (const Update& u : task[r]) {
          changed[r] += heaps_.push(static_cast<std::size_t>(u.target), u.distance, u.other, true);
        }
      }
    });
    std::size_t total = 0;
    for (std::size_t c : changed) total += c;
    for (std::size_t t = 0; t < tasks; ++t) {
      for (const auto& bucket : updates[t]) updates_emitted_ += bucket.size();
    }
    return total;
  }

  // Asks for the rows of group g while the previous group is being joined: the rows of one
  // group come from all over the data, and waiting for them one by one dominates otherwise.
  void prefetch_group(const Groups& groups, std::size_t g) const {
    const std::size_t w = groups.width;
    const std::size_t bytes = data_.cols * sizeof(float);
    const auto fetch = [&](const std::int32_t* items) {
      for (std::size_t a = 0; a < w && items[a] >= 0; ++a) {
        const char* row = reinterpret_cast<const char*>(data_.row(static_cast<std::size_t>(items[a])));
        for (std::size_t b = 0; b < bytes; b += 64) __builtin_prefetch(row + b, 0, 2);
      }
    };
    fetch(groups.fresh.data() + g * w);
    if (!groups.old.empty()) fetch(groups.old.data() + g * w);
  }

  // Joins groups [lo, hi): each group's new items with each other and with its old items,
  // by 4 x 4 tiles of dot products over the group's rows (members = new items, then old).
  void generate(const Groups& groups, std::size_t lo, std::size_t hi, std::vector<std::vector<Update>>& out) const {
    const std::size_t w = groups.width;
    std::vector<std::int32_t> members;
    std::vector<const float*> rows;
    const std::vector<float>& norms = norms_;
    float tile[16];
    std::size_t evaluations = 0;
    for (std::size_t g = lo; g < hi; ++g) {
      const std::int32_t* fresh = groups.fresh.data() + g * w;
      const std::int32_t* old = groups.old.empty() ? nullptr : groups.old.data() + g * w;
      if (g + 1 < hi) prefetch_group(groups, g + 1);
      members.clear();
      for (std::size_t a = 0; a < w && fresh[a] >= 0; ++a) members.push_back(fresh[a]);
      const std::size_t f = members.size();
      for (std::size_t b = 0; old != nullptr && b < w && old[b] >= 0; ++b) members.push_back(old[b]);
      const std::size_t m = members.size();
      if (f == 0 || m < 2) continue;
      // Pad to whole tiles with the last row; padded pairs are computed and dropped.
      rows.resize((m + 3) / 4 * 4);
      for (std::size_t j = 0; j < rows.size(); ++j) rows[j] = data_.row(static_cast<std::size_t>(members[std::min(j, m - 1)]));
      for (std::size_t a0 = 0; a0 < f; a0 += 4) {
        for (std::size_t b0 = a0; b0 < m; b0 += 4) {
          dots_4x4(rows.data() + a0, rows.data() + b0, data_.cols, tile);
          for (std::size_t a = a0; a < std::min(a0 + 4, f); ++a) {
            for (std::size_t b = std::max(b0, a + 1); b < std::min(b0 + 4, m); ++b) {
              const std::int32_t u = members[a];
              const std::int32_t v = members[b];
              if (u == v) continue;  // an item both new and old
              ++evaluations;
              const float nu = norms[static_cast<std::size_t>(u)], nv = norms[static_cast<std::size_t>(v)];
              float d = std::max(0.0f, nu + nv - 2.0f * tile[4 * (a - a0) + (b - b0)]);
              if (zero_rows_apart_ && (nu == 0.0f) != (nv == 0.0f)) d = std::numeric_limits<float>::max();
              if (d < heaps_.threshold(static_cast<std::size_t>(u))) {
                out[static_cast<std::size_t>(u) / range_size_].push_back({u, v, d});
              }
              if (d < heaps_.threshold(static_cast<std::size_t>(v))) {
                out[static_cast<std::size_t>(v) / range_size_].push_back({v, u, d});
              }
            }
          }
        }
      }
    }
    evaluations_ += evaluations;
  }

  const Matrix<float>& input_;  // prepared rows in the caller's order
  Matrix<float> data_;          // the same rows renumbered (see renumber)
  std::vector<float> norms_;    // squared norms of data_ rows
  std::vector<std::int32_t> order_;   // internal -> input index
  std::vector<std::int32_t> inside_;  // input -> internal index
  std::size_t k_;
  DescentPlan plan_;
  std::uint64_t seed_;
  std::size_t threads_;
  bool zero_rows_apart_;
  DescentStats* stats_;
  NeighborHeaps heaps_;
  std::size_t range_size_;
  mutable std::atomic<std::size_t> evaluations_{0};
  std::size_t updates_emitted_ = 0;
  std::vector<std::vector<std::vector<Update>>> updates_;  // [task][target range]
  // build_candidates' buffers, kept from round to round.
  Groups candidates_;
  std::vector<std::size_t> reverse_begin_, reverse_at_;
  std::vector<std::int32_t> reverse_source_;
  std::vector<std::uint8_t> reverse_new_;
};

}  // namespace

DescentPlan plan_descent(std::size_t n, std::size_t k, const NnDescentOptions& options) {
  DescentPlan plan{};
  const double root = std::sqrt(static_cast<double>(n));
  // umap-learn 0.5 (umap_.py nearest_neighbors): n_trees = min(64, 5 + round(sqrt(n) / 20)).
  plan.n_trees = options.n_trees > 0 ? options.n_trees : std::min<std::size_t>(64, 5 + std::llround(root / 20.0));
  // pynndescent 0.5 (rp_trees.py make_forest): leaf_size = max(10, n_neighbors).
  plan.leaf_size = options.leaf_size > 0 ? options.leaf_size : std::max<std::size_t>(10, k);
  // umap-learn 0.5 passes max_candidates = 60 to NNDescent.
  plan.max_candidates = options.max_candidates > 0 ? options.max_candidates : 60;
  // pynndescent 0.5 and umap-learn 0.5: n_iters = max(5, round(log2(n))).
  plan.n_iters = options.n_iters > 0 ? options.n_iters
                                     : std::max<std::size_t>(5, std::llround(std::log2(std::max<double>(n, 1))));
  plan.delta = options.delta;
  plan.tree_dims = options.tree_dims;
  return plan;
}

DescentGraph nn_descent(const Matrix<float>& data, std::size_t k, const NnDescentOptions& options,
                         std::uint64_t seed, std::size_t threads, bool zero_rows_apart, DescentStats* stats) {
  return Descent(data, k, plan_descent(data.rows, k, options), seed, threads, zero_rows_apart, stats).run();
}

}  // namespace topica::neighbors
