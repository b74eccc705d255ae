// The web assets linked into libtopica are the npm files web/package-lock.json pins.
#include <fstream>
#include <sstream>

#include "topica/web_assets.hpp"

namespace {

TEST(WebAssets, PlotlyIsTheInstalledPlotlyMinJsByteForByte) {
  std::ifstream in(std::string(TOPICA_SOURCE_DIR) + "/web/node_modules/plotly.js-dist-min/plotly.min.js",
                   std::ios::binary);
  ASSERT_TRUE(in) << "web/node_modules missing: run scripts/install-deps";
  std::stringstream file;
  file << in.rdbuf();
  const std::string_view linked = topica::assets::plotly_js();
  EXPECT_GT(linked.size(), 1000000u);
  EXPECT_TRUE(linked == file.str());
  EXPECT_NE(linked.find("plotly.js v4.1.2"), std::string_view::npos);
}

}  // namespace
