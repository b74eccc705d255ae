#include "encoder_fixtures.hpp"

#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

namespace topica::test {

std::filesystem::path encoder_fixture(const std::string& name) {
  return std::filesystem::path(TOPICA_SOURCE_DIR) / "tests/fixtures/encoder" / name;
}

std::vector<std::string> encoder_fixture_sentences() {
  std::ifstream in(encoder_fixture("sentences.json"));
  return nlohmann::json::parse(in).get<std::vector<std::string>>();
}

std::string write_encoder_fixture_corpus(const ScratchDir& dir) {
  std::string text;
  for (const std::string& s : encoder_fixture_sentences()) text += s + "\n";
  return dir.write("docs.txt", text);
}

double cosine(const float* a, const float* b, std::size_t n) {
  double ab = 0, aa = 0, bb = 0;
  for (std::size_t i = 0; i < n; ++i) {
    ab += double(a[i]) * b[i];
    aa += double(a[i]) * a[i];
    bb += double(b[i]) * b[i];
  }
  return ab / std::sqrt(aa * bb);
}

}  // namespace topica::test
