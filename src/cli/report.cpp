// topica report DIR --out FOLDER: index.html with the topic table and every chart the model
// supports (write_report() in libtopica, src/viz/report.cpp).
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/chart_options.hpp"
#include "cli/verbs.hpp"
#include "topica/report.hpp"

namespace topica::cli {
namespace {

struct ReportArgs {
  std::string dir, out;
  ChartOptions chart;
};

void run_report(const ReportArgs& a) {
  const auto charts = write_report(a.dir, a.out, a.chart);
  std::size_t drawn = 0;
  for (const auto& c : charts) {
    if (c.file.empty()) fmt::print(stderr, "topica: {}: not available: {}\n", chart_kind_name(c.kind), c.unavailable);
    else ++drawn;
  }
  fmt::print(stderr, "topica: report with {} of {} charts written to {}/index.html\n", drawn, charts.size(), a.out);
}

}  // namespace

void add_report(CLI::App& app) {
  auto a = std::make_shared<ReportArgs>();
  auto* verb = app.add_subcommand("report", "A browsable report of a saved model: the topic table and every chart "
                                            "(index.html)");
  verb->add_option("DIR", a->dir, "Model folder written by topica fit")->required();
  verb->add_option("--out", a->out, "Folder to write (replaced when it holds an earlier report)")->required()->type_name("FOLDER");
  add_chart_options(*verb, a->chart);
  verb->callback([a] { run_report(*a); });
}

}  // namespace topica::cli
