#include "cli/progress.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <fmt/format.h>

namespace topica::cli {
namespace {

// fd 2 as it was before --quiet pointed it at /dev/null; -1 when not silenced.
int saved_stderr = -1;

void silence_stderr() {
  if (saved_stderr >= 0) return;
  std::fflush(stderr);
  const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (null < 0) return;  // nowhere to send it: stay loud rather than fail the verb
  saved_stderr = ::fcntl(2, F_DUPFD_CLOEXEC, 3);
  ::dup2(null, 2);
  ::close(null);
}

bool is_bytes(std::string_view unit) { return unit == "bytes"; }

std::string amount(std::uint64_t n, std::string_view unit) {
  return is_bytes(unit) ? fmt::format("{:.1f}", static_cast<double>(n) / 1e6) : std::to_string(n);
}

}  // namespace

std::string format_duration(double seconds) {
  const auto s = static_cast<std::uint64_t>(std::ceil(std::max(0.0, seconds)));
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

std::string format_rate(double units_per_second, std::string_view unit) {
  if (is_bytes(unit)) return fmt::format("{:.1f} MB/s", units_per_second / 1e6);
  if (units_per_second < 10) return fmt::format("{:.1f} {}/s", units_per_second, unit);
  return fmt::format("{:.0f} {}/s", units_per_second, unit);
}

std::string progress_text(std::string_view stage, std::uint64_t done, std::uint64_t total, std::string_view unit,
                          double seconds) {
  std::string text = fmt::format("{}{}{} / {} {}", stage, stage.empty() ? "" : "  ", amount(done, unit), amount(total, unit),
                                 is_bytes(unit) ? "MB" : unit);
  if (total > 0) text += fmt::format("  {:.0f}%", 100.0 * static_cast<double>(done) / static_cast<double>(total));
  if (done > 0 && seconds > 0) {
    const double rate = static_cast<double>(done) / seconds;
    text += "  " + format_rate(rate, unit);
    if (done < total) text += "  " + format_duration(static_cast<double>(total - done) / rate) + " left";
  }
  return text;
}

void add_quiet_flag(CLI::App& verb) {
  verb.add_flag_callback("--quiet", silence_stderr, "Print nothing on stderr but errors (no progress, no summary)");
}

void restore_stderr() {
  if (saved_stderr < 0) return;
  std::fflush(stderr);
  ::dup2(saved_stderr, 2);
  ::close(saved_stderr);
  saved_stderr = -1;
}

ProgressReporter::ProgressReporter(std::string verb, Log log)
    : verb_(std::move(verb)),
      log_(log),
      terminal_(::isatty(2) != 0),
      start_(std::chrono::steady_clock::now()),
      count_start_(start_) {}

ProgressReporter::~ProgressReporter() { clear(); }

double ProgressReporter::seconds_since(std::chrono::steady_clock::time_point t) const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

void ProgressReporter::stage(std::string_view name) {
  clear();
  stage_ = name;
  step_.clear();
  unit_.clear();
  done_ = total_ = 0;
  count_start_ = std::chrono::steady_clock::now();
  if (log_ != Log::Nothing) {
    // Stamped with the time since the verb started, so the gaps are the stage durations.
    fmt::print(stderr, "topica: [{:6.1f} s] {}\n", seconds_since(start_), name);
  } else if (terminal_) {
    draw(true, false);
  }
}

void ProgressReporter::step(std::string_view name) {
  step_ = name;
  unit_.clear();
  done_ = total_ = 0;
  count_start_ = std::chrono::steady_clock::now();
  if (terminal_) draw(true, false);
}

void ProgressReporter::advance(std::uint64_t done, std::uint64_t total, std::string_view unit) {
  done_ = done;
  total_ = total;
  unit_ = unit;
  if (terminal_ || log_ == Log::Counts) draw(done == total, done == total);
}

void ProgressReporter::draw(bool force, bool end_line) {
  const double now = seconds_since(start_);
  // A terminal line is cheap to redraw; a log gets a whole line every five seconds.
  if (!force && now - drawn_at_ < (terminal_ ? 0.1 : 5.0)) return;
  drawn_at_ = now;
  const std::string what = step_.empty() ? stage_ : stage_.empty() ? step_ : stage_ + " " + step_;
  const std::string text = unit_.empty() ? what : progress_text(what, done_, total_, unit_, seconds_since(count_start_));
  if (terminal_) {
    // \r and erase-line: the line is redrawn in place, whatever the last one's length.
    fmt::print(stderr, "\r\x1b[K{}: {}{}", verb_, text, end_line ? "\n" : "");
    line_shown_ = !end_line;
  } else {
    fmt::print(stderr, "{}: {}\n", verb_, text);
  }
  std::fflush(stderr);
}

void ProgressReporter::clear() {
  if (!line_shown_) return;
  fmt::print(stderr, "\r\x1b[K");
  std::fflush(stderr);
  line_shown_ = false;
}

std::function<void(const UmapProgress&)> umap_progress(ProgressReporter& progress) {
  return [&progress, step = std::string()](const UmapProgress& u) mutable {
    if (u.stage != step) progress.step(step = u.stage);
    if (u.total > 1) progress.advance(u.done, u.total, "epochs");
  };
}

}  // namespace topica::cli
