// Counting GloVe's co-occurrence matrix, after the scheme of Stanford's cooccur.c: word ids are
// frequency ranks, so the pairs of two frequent words (rank product below a bound) take most of
// the increments and get a dense table; the long tail of rare pairs is kept as (row, col, count)
// triples, sorted and summed a bounded batch at a time. Threads split the rows (row % threads),
// each scanning the whole corpus but writing only its own rows, so no two threads touch a cell.
#include <algorithm>

#include "topica/error.hpp"
#include "topica/glove.hpp"
#include "topica/parallel.hpp"

namespace topica {
namespace {

// Row r holds the columns c < width(r) = min(V, max_product / (r + 1)): the pairs whose rank
// product is at most max_product, the largest bound that fits `budget` cells.
class DenseCounts {
 public:
  DenseCounts(std::size_t vocabulary, std::size_t budget) : budget_(budget), offsets_(vocabulary + 1) {
    std::size_t max_product = vocabulary * vocabulary;
    if (cells_for(max_product, vocabulary) > budget_) {
      std::size_t low = 1, high = max_product;  // largest bound whose table fits
      while (low < high) {
        const std::size_t mid = low + (high - low + 1) / 2;
        if (cells_for(mid, vocabulary) <= budget_) {
          low = mid;
        } else {
          high = mid - 1;
        }
      }
      max_product = low;
    }
    for (std::size_t r = 0; r < vocabulary; ++r) {
      offsets_[r + 1] = offsets_[r] + std::min(vocabulary, max_product / (r + 1));
    }
    cells_.assign(offsets_.back(), 0.0);
  }

  std::size_t width(std::size_t row) const { return offsets_[row + 1] - offsets_[row]; }
  double* row(std::size_t r) { return cells_.data() + offsets_[r]; }

 private:
  std::size_t cells_for(std::size_t max_product, std::size_t vocabulary) const {
    std::size_t cells = 0;
    for (std::size_t r = 0; r < vocabulary && cells <= budget_; ++r) cells += std::min(vocabulary, max_product / (r + 1));
    return cells;
  }

  std::size_t budget_;
  std::vector<std::size_t> offsets_;
  std::vector<double> cells_;
};

bool before(const Cooccurrence& a, const Cooccurrence& b) { return a.row != b.row ? a.row < b.row : a.col < b.col; }
bool same_cell(const Cooccurrence& a, const Cooccurrence& b) { return a.row == b.row && a.col == b.col; }

// The rare pairs of one thread: increments pile up in a batch, which is sorted, summed and merged
// into the running sorted list when full.
class SparseCounts {
 public:
  explicit SparseCounts(std::size_t batch) : batch_size_(std::max<std::size_t>(batch, 1)) {}
  void add(std::uint32_t row, std::uint32_t col, float weight) {
    batch_.push_back({row, col, weight});
    if (batch_.size() == batch_size_) flush();
  }

  /// Sorted by (row, col), one entry per cell.
  std::vector<Cooccurrence>& sorted() {
    flush();
    return merged_;
  }

 private:
  void flush() {
    if (batch_.empty()) return;
    std::sort(batch_.begin(), batch_.end(), before);
    std::size_t kept = 0;
    for (std::size_t i = 0; i < batch_.size();) {
      double sum = 0;
      std::size_t j = i;
      for (; j < batch_.size() && same_cell(batch_[j], batch_[i]); ++j) sum += batch_[j].count;
      batch_[kept++] = {batch_[i].row, batch_[i].col, static_cast<float>(sum)};
      i = j;
    }
    batch_.resize(kept);
    std::vector<Cooccurrence> merged;
    merged.reserve(merged_.size() + batch_.size());
    auto a = merged_.begin(), b = batch_.begin();
    while (a != merged_.end() || b != batch_.end()) {
      if (b == batch_.end() || (a != merged_.end() && before(*a, *b))) {
        merged.push_back(*a++);
      } else if (a == merged_.end() || before(*b, *a)) {
        merged.push_back(*b++);
      } else {
        merged.push_back({a->row, a->col, a->count + b->count});
        ++a, ++b;
      }
    }
    merged_ = std::move(merged);
    batch_.clear();
  }

  std::size_t batch_size_;
  std::vector<Cooccurrence> batch_, merged_;
};

}  // namespace

std::vector<Cooccurrence> count_cooccurrences(const WordIdCorpus& corpus, std::size_t window, std::size_t threads,
                                              const CooccurrenceLimits& limits) {
  if (window == 0) throw UsageError("the co-occurrence window must be at least 1");
  const std::size_t vocabulary = corpus.words.size();
  if (vocabulary == 0) return {};
  threads = std::min(resolve_threads(threads), vocabulary);
  DenseCounts dense(vocabulary, limits.dense_cells);
  std::vector<SparseCounts> sparse(threads, SparseCounts(limits.batch_triples));

  parallel_tasks(threads, threads, [&](std::size_t owner) {
    SparseCounts& rare = sparse[owner];
    const auto add = [&](std::uint32_t row, std::uint32_t col, double weight) {
      if (row % threads != owner) return;
      if (col < dense.width(row)) {
        dense.row(row)[col] += weight;
      } else {
        rare.add(row, col, static_cast<float>(weight));
      }
    };
    std::size_t begin = 0;
    for (const std::size_t end : corpus.document_ends) {
      for (std::size_t i = begin; i < end; ++i) {
        const std::size_t first = i - std::min(window, i - begin);
        for (std::size_t j = first; j < i; ++j) {
          const double weight = 1.0 / static_cast<double>(i - j);
          add(corpus.ids[i], corpus.ids[j], weight);
          add(corpus.ids[j], corpus.ids[i], weight);
        }
      }
      begin = end;
    }
    rare.sorted();
  });

  // Row by row: its dense columns (all below width) come before its rare ones.
  std::size_t total = 0;
  for (SparseCounts& s : sparse) total += s.sorted().size();
  for (std::size_t r = 0; r < vocabulary; ++r) {
    total += static_cast<std::size_t>(std::count_if(dense.row(r), dense.row(r) + dense.width(r), [](double x) { return x != 0; }));
  }
  std::vector<Cooccurrence> cells;
  cells.reserve(total);
  std::vector<std::size_t> cursor(threads, 0);
  for (std::size_t r = 0; r < vocabulary; ++r) {
    const double* row = dense.row(r);
    for (std::size_t c = 0; c < dense.width(r); ++c) {
      if (row[c] != 0) cells.push_back({static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(c), static_cast<float>(row[c])});
    }
    const std::vector<Cooccurrence>& rare = sparse[r % threads].sorted();
    std::size_t& at = cursor[r % threads];
    for (; at < rare.size() && rare[at].row == r; ++at) cells.push_back(rare[at]);
  }
  return cells;
}

}  // namespace topica
