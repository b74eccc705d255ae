// Clustering metrics as scikit-learn 1.2 computes them (sklearn/metrics/cluster/_supervised.py):
// the same contingency counts, the same pair-confusion formula for ARI and the same order of
// logarithms for NMI, so results agree to round-off.
#include "topica/cluster_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica {
namespace {

// Labels renumbered 0..k-1 in increasing label order (np.unique(..., return_inverse=True)).
std::vector<std::size_t> dense_ids(std::span<const std::int64_t> labels, std::size_t& count) {
  std::vector<std::int64_t> unique(labels.begin(), labels.end());
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  count = unique.size();
  std::vector<std::size_t> ids(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    ids[i] = static_cast<std::size_t>(std::lower_bound(unique.begin(), unique.end(), labels[i]) - unique.begin());
  }
  return ids;
}

// The non-zero cells of the contingency table in row-major order (scipy's sp.find order).
struct Contingency {
  std::size_t rows = 0, cols = 0;
  std::vector<std::size_t> row, col;
  std::vector<std::int64_t> count;
  std::vector<std::int64_t> row_sums, col_sums;
};

Contingency contingency(std::span<const std::int64_t> a, std::span<const std::int64_t> b) {
  if (a.size() != b.size()) {
    throw Error(fmt::format("the two labelings differ in length ({} and {})", a.size(), b.size()));
  }
  Contingency c;
  const std::vector<std::size_t> ia = dense_ids(a, c.rows), ib = dense_ids(b, c.cols);
  std::vector<std::size_t> cells(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) cells[i] = ia[i] * c.cols + ib[i];
  std::sort(cells.begin(), cells.end());
  c.row_sums.assign(c.rows, 0);
  c.col_sums.assign(c.cols, 0);
  for (std::size_t i = 0; i < cells.size();) {
    std::size_t j = i;
    while (j < cells.size() && cells[j] == cells[i]) ++j;
    c.row.push_back(cells[i] / c.cols);
    c.col.push_back(cells[i] % c.cols);
    c.count.push_back(static_cast<std::int64_t>(j - i));
    c.row_sums[c.row.back()] += c.count.back();
    c.col_sums[c.col.back()] += c.count.back();
    i = j;
  }
  return c;
}

double entropy(const std::vector<std::int64_t>& counts) {
  std::int64_t total = 0;
  std::size_t nonzero = 0;
  for (const std::int64_t v : counts) {
    total += v;
    nonzero += v > 0 ? 1 : 0;
  }
  if (counts.empty()) return 1.0;
  if (nonzero == 1) return 0.0;
  const double sum = static_cast<double>(total), log_sum = std::log(sum);
  double h = 0;
  for (const std::int64_t v : counts) {
    if (v > 0) h += (static_cast<double>(v) / sum) * (std::log(static_cast<double>(v)) - log_sum);
  }
  return -h;
}

}  // namespace

double adjusted_rand_index(std::span<const std::int64_t> labels_true, std::span<const std::int64_t> labels_pred) {
  const Contingency c = contingency(labels_true, labels_pred);
  // sklearn pair_confusion_matrix, in integers.
  const auto n = static_cast<std::int64_t>(labels_true.size());
  std::int64_t sum_squares = 0, by_col = 0, by_row = 0;
  for (std::size_t k = 0; k < c.count.size(); ++k) {
    sum_squares += c.count[k] * c.count[k];
    by_col += c.count[k] * c.col_sums[c.col[k]];
    by_row += c.count[k] * c.row_sums[c.row[k]];
  }
  const std::int64_t tp = sum_squares - n, fp = by_col - sum_squares, fn = by_row - sum_squares;
  const std::int64_t tn = n * n - fp - fn - sum_squares;
  if (fn == 0 && fp == 0) return 1.0;
  const auto d = [](std::int64_t v) { return static_cast<double>(v); };
  return 2.0 * (d(tp) * d(tn) - d(fn) * d(fp)) / ((d(tp) + d(fn)) * (d(fn) + d(tn)) + (d(tp) + d(fp)) * (d(fp) + d(tn)));
}

double normalized_mutual_information(std::span<const std::int64_t> labels_true,
                                     std::span<const std::int64_t> labels_pred) {
  const Contingency c = contingency(labels_true, labels_pred);
  if ((c.rows == 1 && c.cols == 1) || (c.rows == 0 && c.cols == 0)) return 1.0;
  if (c.rows == 1 || c.cols == 1) return 0.0;  // mutual_info_score: one side unsplit
  const double total = static_cast<double>(labels_true.size()), log_total = std::log(total);
  double mi = 0;
  for (std::size_t k = 0; k < c.count.size(); ++k) {
    const double v = static_cast<double>(c.count[k]);
    const double p = v / total;
    const double outer = static_cast<double>(c.row_sums[c.row[k]] * c.col_sums[c.col[k]]);
    const double term = p * (std::log(v) - log_total) + p * (-std::log(outer) + log_total + log_total);
    if (std::fabs(term) >= std::numeric_limits<double>::epsilon()) mi += term;
  }
  mi = std::max(mi, 0.0);
  if (mi == 0.0) return 0.0;
  const double normalizer = std::max((entropy(c.row_sums) + entropy(c.col_sums)) / 2.0,
                                     std::numeric_limits<double>::epsilon());
  return mi / normalizer;
}

}  // namespace topica
