// Equal-width time bins as BERTopic makes them: pandas.cut(timestamps, bins=N) (pandas 1.5,
// right-closed intervals), each document then stamped with its bin's left edge.
//
// pandas works on float64: dates as their nanoseconds, numbers as they are. The edges are
// numpy.linspace(min, max, N + 1) with the first edge lowered by 0.1% of the range so the
// minimum falls inside (min == max widens both ends by 0.1% of |min|, or 0.001 at 0); a value
// belongs to the bin (edge[i], edge[i + 1]]. The reported left edge is, for dates, the edge
// truncated to whole nanoseconds; for numbers, the edge rounded to 3 decimals (pandas's labels,
// `precision=3`).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "topica/time_values.hpp"

namespace topica {

/// One slice of the corpus in time: a bin (or, without bins, one distinct timestamp).
struct TimeSlice {
  std::string timestamp;          ///< the left edge / the timestamp, as ISO 8601 or a number
  std::vector<std::size_t> rows;  ///< its documents, in corpus order
};

/// The non-empty slices in time order. `bins` = 0: one slice per distinct timestamp (BERTopic
/// with nr_bins=None). Throws UsageError for an empty column.
std::vector<TimeSlice> slice_by_time(const TimeColumn& times, std::size_t bins);

/// numpy.around(x, 3) for |x| >= 1, with pandas's extra digits below 1 (_round_frac).
double round_fraction(double x, int precision = 3);

}  // namespace topica
