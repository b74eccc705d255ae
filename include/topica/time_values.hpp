// Timestamps read from a corpus's time column: ISO 8601 dates and date-times, or Unix seconds.
//
// A column whose every value is a number (integer or decimal, optional exponent) holds Unix
// seconds and stays numeric, as BERTopic keeps integer timestamps numeric; any date in the
// column makes it a date column, read as pandas datetime64[ns] in UTC (numbers then count as
// Unix seconds). Accepted dates: YYYY-MM, YYYY-MM-DD, and YYYY-MM-DD followed by 'T' or a space
// and HH:MM, HH:MM:SS or HH:MM:SS.fraction (up to nanoseconds; further digits are cut), then
// optionally 'Z' or an offset +HH:MM / +HHMM / +HH. A value without a zone is taken as UTC; one
// with a zone is converted to UTC. The range is pandas's: 1677-09-21 to 2262-04-11.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace topica {

struct TimeColumn {
  bool dates = false;                     ///< true: ISO dates; false: every value was a number
  std::vector<std::int64_t> nanoseconds;  ///< dates: UTC nanoseconds since 1970-01-01
  std::vector<double> seconds;            ///< numbers: the values as Python's float() reads them

  std::size_t size() const { return dates ? nanoseconds.size() : seconds.size(); }
};

/// A number as Python's float() reads it (finite only), or nullopt.
std::optional<double> parse_unix_seconds(std::string_view text);

/// An ISO 8601 date or date-time (see above) as UTC nanoseconds since 1970, or nullopt.
std::optional<std::int64_t> parse_iso8601(std::string_view text);

/// Reads every value (surrounding spaces ignored). Throws InputError
/// "<where(row)>: cannot read time '<value>' (...)" for the first value that is neither.
TimeColumn parse_time_column(std::span<const std::string> values,
                             const std::function<std::string(std::size_t row)>& where);

/// UTC nanoseconds as ISO 8601, e.g. "2024-03-01T12:00:00Z" or "...:00.5Z" (fraction trimmed).
std::string format_iso8601(std::int64_t nanoseconds);

}  // namespace topica
