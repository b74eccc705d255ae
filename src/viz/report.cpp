// The model report (topica/report.hpp): index.html and one chart file per available kind.
#include "topica/report.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "topica/atomic_file.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

constexpr const char* kMarker = "<meta name=\"generator\" content=\"topica report\">";

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string topic_table_rows_html(const TopicModel& model) {
  std::string rows;
  for (const Topic& t : model.topics) {
    std::string words, docs;
    for (std::size_t i = 0; i < t.words.size(); ++i) words += (i ? ", " : "") + t.words[i].word;
    for (const auto& d : t.representative_docs) {
      docs += "<li>" + html_escape(d.size() > 300 ? d.substr(0, 300) + "…" : d) + "</li>";
    }
    rows += fmt::format("<tr id=\"topic-{0}\"><td>{0}</td><td>{1}</td><td>{2}</td><td>{3}</td><td>{4}</td><td><ul>{5}</ul></td></tr>\n",
                        t.id, t.size, html_escape(t.name), html_escape(t.label), html_escape(words), docs);
  }
  return rows;
}

std::string index_html(const std::string& dir, const TopicModel& model, const std::vector<ReportChart>& charts) {
  std::string links, missing;
  for (const auto& c : charts) {
    const std::string name = chart_kind_name(c.kind);
    if (c.file.empty()) {
      missing += fmt::format("<li class=\"unavailable\" data-kind=\"{}\"><b>{}</b>: not available: {}</li>\n", name, name,
                             html_escape(c.unavailable));
      continue;
    }
    // Linked, not embedded: each chart file carries plotly.js (3.5 MB), and nine of them in
    // frames make the index slow to open.
    links += fmt::format("<li><a class=\"chart-link\" data-kind=\"{0}\" href=\"{1}\">{0}</a></li>\n", name, c.file);
  }
  const std::size_t documents = model.assignments.size();
  return fmt::format(R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
{0}
<title>topica report: {1}</title>
<style>
body{{font-family:sans-serif;margin:1.5em;color:#222}}
table{{border-collapse:collapse;width:100%;font-size:14px}}
td,th{{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}}
th{{background:#eef}} td ul{{margin:0;padding-left:1.2em}}
.unavailable{{color:#888}}
</style>
</head>
<body>
<h1>Topic model report</h1>
<p>Model: <code>{1}</code> &mdash; {2} topics, {3} documents.</p>
<h2>Charts</h2>
<ul id="charts">
{4}</ul>
<ul id="unavailable">
{5}</ul>
<h2>Topics</h2>
<table id="topics">
<thead><tr><th>Topic</th><th>Count</th><th>Name</th><th>Label</th><th>Words</th><th>Representative documents</th></tr></thead>
<tbody>
{6}</tbody>
</table>
</body>
</html>
)",
                     kMarker, html_escape(dir), model.topics.size(), documents, links, missing, topic_table_rows_html(model));
}

bool is_report(const std::string& folder) {
  const auto index = std::filesystem::path(folder) / "index.html";
  if (!std::filesystem::exists(index)) return false;
  std::FILE* f = std::fopen(index.c_str(), "rb");
  if (!f) return false;
  char head[512] = {};
  const std::size_t n = std::fread(head, 1, sizeof head - 1, f);
  std::fclose(f);
  return std::string(head, n).find(kMarker) != std::string::npos;
}

}  // namespace

std::vector<ReportChart> write_report(const std::string& dir, const std::string& out, const ChartOptions& options) {
  const SavedModel saved = load_model(dir);
  std::vector<ReportChart> charts;
  std::vector<Chart> built;
  for (ChartKind kind : all_chart_kinds()) {
    ReportChart c{kind, "", ""};
    try {
      built.push_back(build_chart(kind, saved, dir, options));
      c.file = std::string(chart_kind_name(kind)) + ".html";
    } catch (const Error& e) {
      // A kind whose data is absent (or that the model cannot support) is listed, not fatal.
      c.unavailable = e.what();
    }
    charts.push_back(c);
  }
  if (built.empty()) throw InputError(dir + ": no chart can be drawn from this model");
  const std::string index = index_html(dir, saved.model, charts);
  write_folder_atomically(
      out,
      [&](const std::string& folder) {
        std::size_t next = 0;
        for (const auto& c : charts) {
          if (!c.file.empty()) write_chart(built[next++], folder + "/" + c.file);
        }
        write_file_atomically(folder + "/index.html", index);
      },
      is_report, out + ": exists and is not a topica report; choose another --out");
  return charts;
}

}  // namespace topica
