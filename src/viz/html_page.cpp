// The chart page: one self-contained HTML file. plotly.js, the chart script and the figure are
// inlined, so the file opens offline and fetches nothing.
#include <cctype>

#include "topica/atomic_file.hpp"
#include "topica/web_assets.hpp"
#include "viz/figures.hpp"

namespace topica::viz {

std::string escape_json_for_html(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    // '<' only occurs inside JSON strings, where \u003c means the same character.
    if (c == '<') out += "\\u003c";
    else out += c;
  }
  return out;
}

std::string escape_js_for_html(std::string_view js) {
  std::string out;
  out.reserve(js.size());
  for (std::size_t i = 0; i < js.size(); ++i) {
    // In the JavaScript plotly ships, "</script" and "<!--" only occur in strings and regular
    // expressions, where "<\/" and "<\!" read the same.
    const auto starts = [&](std::string_view word) {
      if (i + word.size() > js.size()) return false;
      for (std::size_t k = 0; k < word.size(); ++k) {
        if (std::tolower(static_cast<unsigned char>(js[i + k])) != word[k]) return false;
      }
      return true;
    };
    out += js[i];
    if (js[i] == '<' && (starts("</script") || starts("<!--"))) out += '\\';
  }
  return out;
}

}  // namespace topica::viz

namespace topica {

std::string chart_html(const Chart& chart) {
  std::string html;
  const std::string_view plotly = assets::plotly_js();
  html.reserve(plotly.size() + chart.figure_json.size() + 4096);
  html += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
  for (char c : chart.title) {
    html += c == '<' ? "&lt;" : c == '&' ? "&amp;" : std::string(1, c);
  }
  html += "</title>\n<meta name=\"generator\" content=\"topica\">\n"
          "<style>body{margin:0;font-family:sans-serif;background:#fff}#topica-chart{margin:0 auto}"
          // The documents chart's topic list (src/viz/chart.js legendControl).
          "#topica-row{display:flex;justify-content:center}"
          "#topica-legend{width:260px;overflow-y:auto;padding-top:80px;box-sizing:border-box;font-size:12px}"
          ".topica-legend-item{display:flex;align-items:center;width:100%;border:0;background:none;"
          "padding:2px 4px;text-align:left;cursor:pointer;font:inherit}"
          ".topica-legend-item.topica-hidden{opacity:.35}"
          ".topica-swatch{flex:none;width:10px;height:10px;border-radius:50%;margin-right:6px}"
          "#topica-chart{position:relative}#topica-hover{position:absolute;z-index:10;max-width:360px;pointer-events:none;"
          "background:#fff;border:1px solid #888;padding:3px 6px;font-size:12px}</style>\n"
          "</head>\n<body>\n<div id=\"topica-chart\"></div>\n<script>";
  html += viz::escape_js_for_html(plotly);
  html += "</script>\n<script id=\"topica-figure\" type=\"application/json\">";
  html += viz::escape_json_for_html(chart.figure_json);
  html += "</script>\n<script>";
  html += viz::escape_js_for_html(assets::chart_js());
  html += "</script>\n</body>\n</html>\n";
  return html;
}

void write_chart(const Chart& chart, const std::string& path) { write_file_atomically(path, chart_html(chart)); }

}  // namespace topica
