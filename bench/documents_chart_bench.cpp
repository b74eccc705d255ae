// The documents chart at scale: a fitted model's documents replicated to N rows, each copy's map
// position moved by a small seeded jitter (0.5% of the map's extent), written as the chart page
// `topica visualize --kind documents` writes. bench/documents_chart.sh times it in Chromium.
// Usage: documents_chart_bench MODEL_DIR N OUT.html
#include <algorithm>
#include <cstdio>
#include <string>

#include "topica/charts.hpp"
#include "topica/error.hpp"
#include "topica/random.hpp"
#include "viz/figures.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: documents_chart_bench MODEL_DIR N OUT.html\n");
    return 2;
  }
  try {
    const std::string dir = argv[1], out = argv[3];
    const std::size_t n = std::stoul(argv[2]);
    topica::SavedModel saved = topica::load_model(dir);
    const topica::Matrix<float> map = topica::document_map(saved, dir);
    const std::size_t base = saved.documents.size();
    float extent = 0;
    for (float v : map.values) extent = std::max(extent, std::abs(v));
    topica::Random random(7);
    topica::Matrix<float> coords(n, 2);
    std::vector<std::string> documents(n);
    std::vector<int> assignments(n);
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t from = i % base;
      const float jitter = i < base ? 0.0f : 0.005f * extent;
      coords(i, 0) = map(from, 0) + jitter * static_cast<float>(random.normal());
      coords(i, 1) = map(from, 1) + jitter * static_cast<float>(random.normal());
      documents[i] = saved.documents[from];
      assignments[i] = saved.model.assignments[from];
    }
    saved.model.assignments = assignments;
    topica::Chart chart{topica::ChartKind::Documents, "Documents and topics",
                        topica::viz::documents_figure(saved.model, documents, coords, {})
                            .dump(-1, ' ', false, topica::viz::Json::error_handler_t::replace)};
    topica::write_chart(chart, out);
    std::printf("%zu documents (%zu fitted, replicated with 0.5%% jitter) -> %s\n", n, base, out.c_str());
  } catch (const topica::Error& e) {
    std::fprintf(stderr, "documents_chart_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
