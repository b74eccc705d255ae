#include "topica/time_bins.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica {

namespace {

// numpy.linspace(lo, hi, n + 1): i * step + lo, with the last edge exactly hi.
std::vector<double> linspace(double lo, double hi, std::size_t n) {
  std::vector<double> edges(n + 1);
  const double step = (hi - lo) / static_cast<double>(n);
  for (std::size_t i = 0; i <= n; ++i) edges[i] = static_cast<double>(i) * step + lo;
  edges[n] = hi;
  return edges;
}

// pandas.cut's edges for `bins` equal-width right-closed bins over [lo, hi].
std::vector<double> cut_edges(double lo, double hi, std::size_t bins) {
  if (lo == hi) {
    const double widen = lo != 0 ? 0.001 * std::abs(lo) : 0.001;
    return linspace(lo - widen, hi + widen, bins);
  }
  std::vector<double> edges = linspace(lo, hi, bins);
  edges[0] -= (hi - lo) * 0.001;
  return edges;
}

std::string left_edge_label(const TimeColumn& times, double edge) {
  if (times.dates) return format_iso8601(static_cast<std::int64_t>(edge));  // numpy astype(int64) truncates
  return fmt::format("{}", round_fraction(edge));
}

std::vector<TimeSlice> distinct_times(const TimeColumn& times) {
  std::map<std::pair<std::int64_t, double>, std::vector<std::size_t>> rows;
  for (std::size_t row = 0; row < times.size(); ++row) {
    rows[times.dates ? std::pair{times.nanoseconds[row], 0.0} : std::pair{std::int64_t{0}, times.seconds[row]}]
        .push_back(row);
  }
  std::vector<TimeSlice> slices;
  for (auto& [key, members] : rows) {
    slices.push_back({times.dates ? format_iso8601(key.first) : fmt::format("{}", key.second), std::move(members)});
  }
  return slices;
}

}  // namespace

double round_fraction(double x, int precision) {
  if (!std::isfinite(x) || x == 0) return x;
  double whole = 0;
  const double fraction = std::modf(x, &whole);
  const int digits = whole == 0 ? -static_cast<int>(std::floor(std::log10(std::abs(fraction)))) - 1 + precision : precision;
  const double scale = std::pow(10.0, digits);
  return std::nearbyint(x * scale) / scale;  // numpy.around: rint(x * 10^d) / 10^d
}

std::vector<TimeSlice> slice_by_time(const TimeColumn& times, std::size_t bins) {
  if (times.size() == 0) throw UsageError("no timestamps to bin");
  if (bins == 0) return distinct_times(times);
  std::vector<double> x(times.size());
  for (std::size_t row = 0; row < x.size(); ++row) {
    x[row] = times.dates ? static_cast<double>(times.nanoseconds[row]) : times.seconds[row];
  }
  const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
  const std::vector<double> edges = cut_edges(*lo, *hi, bins);
  std::vector<std::vector<std::size_t>> members(bins);
  for (std::size_t row = 0; row < x.size(); ++row) {
    // numpy.searchsorted(edges, x, side="left") - 1: the bin (edge[i], edge[i + 1]] holding x.
    const auto first_not_below = std::lower_bound(edges.begin(), edges.end(), x[row]) - edges.begin();
    const auto bin = std::clamp<std::ptrdiff_t>(first_not_below - 1, 0, static_cast<std::ptrdiff_t>(bins) - 1);
    members[static_cast<std::size_t>(bin)].push_back(row);
  }
  std::vector<TimeSlice> slices;
  for (std::size_t b = 0; b < bins; ++b) {
    if (members[b].empty()) continue;
    std::string label = left_edge_label(times, edges[b]);
    // Bins whose labels coincide (edges closer than the label's precision) are one timestamp to
    // BERTopic, which groups the documents by the label.
    if (!slices.empty() && slices.back().timestamp == label) {
      auto& rows = slices.back().rows;
      rows.insert(rows.end(), members[b].begin(), members[b].end());
      std::sort(rows.begin(), rows.end());
    } else {
      slices.push_back({std::move(label), std::move(members[b])});
    }
  }
  return slices;
}

}  // namespace topica
