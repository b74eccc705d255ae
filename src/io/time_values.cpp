#include "topica/time_values.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica {

namespace {

constexpr std::int64_t kNanosecondsPerSecond = 1'000'000'000;

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

bool is_leap(std::int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(std::int64_t year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// Days from 1970-01-01 to a proleptic Gregorian date: count whole 400-year eras (146097 days
// each) from 0000-03-01, so that the leap day falls at the end of each shifted year.
std::int64_t days_from_civil(std::int64_t year, int month, int day) {
  year -= month <= 2;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t year_of_era = year - era * 400;
  const std::int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

struct CivilDate {
  std::int64_t year;
  int month, day;
};

// The inverse of days_from_civil.
CivilDate civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const int month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  return {year_of_era + era * 400 + (month <= 2), month, day};
}

// A cursor over the text of one date-time.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}
  bool done() const { return pos_ == text_.size(); }
  bool take(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) return ++pos_, true;
    return false;
  }
  bool peek_in(std::string_view chars) const { return pos_ < text_.size() && chars.find(text_[pos_]) != std::string_view::npos; }
  /// Exactly `n` digits as a number.
  std::optional<int> digits(std::size_t n) {
    if (pos_ + n > text_.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const char c = text_[pos_ + i];
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
    }
    pos_ += n;
    return value;
  }
  /// One or more digits as nanoseconds of a fraction (digits beyond the ninth are cut).
  std::optional<std::int64_t> fraction() {
    std::int64_t ns = 0, scale = kNanosecondsPerSecond;
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      scale /= 10;
      ns += (text_[pos_++] - '0') * scale;
    }
    if (pos_ == start) return std::nullopt;
    return ns;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// The zone suffix as seconds east of UTC: "" or "Z" is 0, else +HH[:MM] / -HH[MM].
std::optional<std::int64_t> zone_offset(Scanner& s) {
  if (s.done() || s.take('Z')) return 0;
  const bool west = s.peek_in("-");
  if (!s.take('+') && !s.take('-')) return std::nullopt;
  const auto hours = s.digits(2);
  if (!hours || *hours > 23) return std::nullopt;
  std::optional<int> minutes = 0;
  if (s.take(':') || !s.done()) minutes = s.digits(2);
  if (!minutes || *minutes > 59) return std::nullopt;
  const std::int64_t offset = *hours * 3600 + *minutes * 60;
  return west ? -offset : offset;
}

// A value as quoted in a one-line message: line breaks and tabs as spaces, cut after 60 code points.
std::string shown(std::string_view value) {
  std::string out;
  std::size_t chars = 0;
  for (char c : value) {
    const bool starts_char = (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // not a UTF-8 continuation
    if (starts_char && chars++ == 60) return out + "...";
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  return out;
}

}  // namespace

std::optional<double> parse_unix_seconds(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty() || text.front() == '+') return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::int64_t> parse_iso8601(std::string_view text) {
  Scanner s(trim(text));
  const auto year = s.digits(4);
  if (!year || !s.take('-')) return std::nullopt;
  const auto month = s.digits(2);
  if (!month || *month < 1 || *month > 12) return std::nullopt;
  int day = 1, hour = 0, minute = 0, second = 0;
  std::int64_t fraction = 0, offset = 0;
  if (s.take('-')) {
    const auto d = s.digits(2);
    if (!d || *d < 1 || *d > days_in_month(*year, *month)) return std::nullopt;
    day = *d;
    if (s.take('T') || s.take(' ')) {
      const auto h = s.digits(2);
      if (!h || *h > 23 || !s.take(':')) return std::nullopt;
      const auto m = s.digits(2);
      if (!m || *m > 59) return std::nullopt;
      hour = *h;
      minute = *m;
      if (s.take(':')) {
        const auto sec = s.digits(2);
        if (!sec || *sec > 59) return std::nullopt;
        second = *sec;
        if (s.take('.') || s.take(',')) {
          const auto f = s.fraction();
          if (!f) return std::nullopt;
          fraction = *f;
        }
      }
      const auto zone = zone_offset(s);
      if (!zone) return std::nullopt;
      offset = *zone;
    }
  }
  if (!s.done()) return std::nullopt;
  const std::int64_t seconds = days_from_civil(*year, *month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  std::int64_t ns = 0;
  if (__builtin_mul_overflow(seconds, kNanosecondsPerSecond, &ns) || __builtin_add_overflow(ns, fraction, &ns) ||
      ns == std::numeric_limits<std::int64_t>::min()) {  // pandas's NaT
    return std::nullopt;
  }
  return ns;
}

TimeColumn parse_time_column(std::span<const std::string> values,
                             const std::function<std::string(std::size_t row)>& where) {
  TimeColumn column;
  std::vector<std::optional<double>> numbers(values.size());
  for (std::size_t row = 0; row < values.size(); ++row) {
    numbers[row] = parse_unix_seconds(values[row]);
    if (!numbers[row]) column.dates = true;
  }
  if (!column.dates) {
    for (const auto& n : numbers) column.seconds.push_back(*n);
    return column;
  }
  for (std::size_t row = 0; row < values.size(); ++row) {
    std::optional<std::int64_t> ns;
    // Unix seconds in a date column: within datetime64[ns]'s range, rounded to the nanosecond.
    if (numbers[row] && std::abs(*numbers[row]) < 9.2e9) ns = std::llround(*numbers[row] * 1e9);
    if (!numbers[row]) ns = parse_iso8601(values[row]);
    if (!ns) {
      throw InputError(fmt::format("{}: cannot read time '{}' (expected an ISO 8601 date or date-time between "
                                   "1677-09-22 and 2262-04-11, or Unix seconds)",
                                   where(row), shown(values[row])));
    }
    column.nanoseconds.push_back(*ns);
  }
  return column;
}

std::string format_iso8601(std::int64_t nanoseconds) {
  // Floor division, so times before 1970 keep a fraction in [0, 1 s).
  std::int64_t seconds = nanoseconds / kNanosecondsPerSecond, fraction = nanoseconds % kNanosecondsPerSecond;
  if (fraction < 0) fraction += kNanosecondsPerSecond, --seconds;
  std::int64_t days = seconds / 86400, in_day = seconds % 86400;
  if (in_day < 0) in_day += 86400, --days;
  const CivilDate date = civil_from_days(days);
  std::string out = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", date.year, date.month, date.day, in_day / 3600,
                                in_day / 60 % 60, in_day % 60);
  if (fraction != 0) {
    std::string digits = fmt::format("{:09}", fraction);
    digits.erase(digits.find_last_not_of('0') + 1);
    (out += '.') += digits;
  }
  return out + 'Z';
}

}  // namespace topica
