// One progress reporter for the long verbs (fit, embed, transform, update, model pull): the stage,
// units done of the total, the rate and the time left on stderr, e.g.
//   topica fit: umap layout  120 / 200 epochs  60%  41 epochs/s  0:02 left
// redrawn in place, at most ten times a second, only when stderr is a terminal. A line drawn in
// place is ended (with its final count) or erased before anything else is printed, so the verbs'
// own stderr lines never land in the middle of it. A log (stderr not a terminal) gets what the
// verb always wrote there: fit's stage stamps and the summary lines; counts only when asked for
// (embed --progress). --quiet leaves nothing but errors on stderr.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "topica/umap.hpp"

namespace topica::cli {

/// "0:07", "12:05", "1:02:03": whole seconds, rounded up so a nearly done stage shows 0:01.
std::string format_duration(double seconds);

/// "812 docs/s", "4.2 MB/s" (unit "bytes" is shown in MB), "0.5 epochs/s".
std::string format_rate(double units_per_second, std::string_view unit);

/// The text of one progress line: "umap layout  120 / 200 epochs  60%  41 epochs/s  0:02 left".
/// The rate and the time left are left out until there is a rate; the time left once done.
std::string progress_text(std::string_view stage, std::uint64_t done, std::uint64_t total, std::string_view unit,
                          double seconds);

/// Adds --quiet to `verb`: from the moment it is parsed, stderr goes to /dev/null (progress,
/// stage stamps, summaries, warnings); errors still reach it (see restore_stderr).
void add_quiet_flag(CLI::App& verb);

/// Undoes --quiet's silencing, so app.cpp can print an error. Does nothing without --quiet.
void restore_stderr();

class ProgressReporter {
 public:
  /// What a stderr that is not a terminal gets besides the verb's own summary lines.
  enum class Log {
    Nothing,  ///< no progress at all (transform, update, model pull)
    Stages,   ///< "topica: [  12.3 s] umap" as each stage starts (fit's log, read by bench scripts)
    Counts,   ///< stages and a count line every few seconds (embed --progress)
  };

  /// `verb` names the lines ("topica fit: ...").
  explicit ProgressReporter(std::string verb, Log log = Log::Nothing);
  ~ProgressReporter();  // clears a line drawn in place
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;

  /// A new stage starts; its count and rate start over. Logged as a stamp line with Log::Stages
  /// (on a terminal too), else drawn in place on a terminal.
  void stage(std::string_view name);
  /// A step inside the stage (UMAP's "neighbours" within "umap"), drawn in place on a terminal;
  /// its count starts over.
  void step(std::string_view name);
  /// `done` of `total` units of the current stage or step. The final count (done == total) ends
  /// the line drawn in place with a newline, so it stays on screen.
  void advance(std::uint64_t done, std::uint64_t total, std::string_view unit);
  /// Erases a line drawn in place: call before printing a summary.
  void clear();

 private:
  double seconds_since(std::chrono::steady_clock::time_point t) const;
  void draw(bool force, bool end_line);

  std::string verb_;
  Log log_;
  bool terminal_;
  std::chrono::steady_clock::time_point start_, count_start_;
  std::string stage_, step_, unit_;
  std::uint64_t done_ = 0, total_ = 0;
  double drawn_at_ = -1e9;
  bool line_shown_ = false;
};

/// UMAP's progress on `progress`: its steps by name, the layout epochs counted.
std::function<void(const UmapProgress&)> umap_progress(ProgressReporter& progress);

}  // namespace topica::cli
