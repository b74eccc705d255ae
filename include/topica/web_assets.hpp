// Files linked into libtopica at build time (cmake/embed_file.cmake), so charts and the explorer
// work offline with nothing installed beside the binary.
#pragma once

#include <string_view>

namespace topica::assets {

/// plotly.min.js from npm's plotly.js-dist-min (version pinned in web/package.json).
std::string_view plotly_js();
/// The script of every chart page (src/viz/chart.js): draws the figure embedded in the page.
std::string_view chart_js();

/// The explorer page of `topica serve` (web/explorer/): index.html, app.js, style.css.
std::string_view explorer_html();
std::string_view explorer_js();
std::string_view explorer_css();

}  // namespace topica::assets
