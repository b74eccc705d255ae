// The Embedding Projector files load back: tensor rows = metadata rows, float32 values round-trip.
#include <cstring>
#include <fstream>
#include <sstream>

#include "support/test_support.hpp"
#include "topica/error.hpp"
#include "topica/projector.hpp"
#include "topica/random.hpp"

namespace topica::test {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) fields.push_back(line.substr(start, tab - start));
  fields.push_back(line.substr(start));
  return fields;
}

TEST(Projector, TensorsRoundTripFloat32AndMetadataRowsMatch) {
  ScratchDir scratch;
  Matrix<float> v(3, 5);
  Random random(7);
  for (float& x : v.values) x = static_cast<float>(random.normal() * 1e3);
  v(0, 0) = 1e-38f;
  v(1, 1) = -0.1f;
  const ProjectorMetadata meta = {{"text", "topic", "label"},
                                  {{"a\tb\nc", "0", "0_cats"}, {std::string(600, 'x'), "1", "dogs"}, {"", "-1", ""}}};
  write_projector(v, meta, "documents", scratch.file("p"));
  const auto tensors = lines_of(read_file(scratch.file("p/tensors.tsv")));
  ASSERT_EQ(tensors.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    const auto fields = split_tabs(tensors[i]);
    ASSERT_EQ(fields.size(), 5u);
    for (std::size_t j = 0; j < 5; ++j) {
      const float back = std::strtof(fields[j].c_str(), nullptr);
      EXPECT_EQ(std::memcmp(&back, &v(i, j), sizeof back), 0) << fields[j];
    }
  }
  const auto metadata = lines_of(read_file(scratch.file("p/metadata.tsv")));
  ASSERT_EQ(metadata.size(), 4u);  // header + one per tensor row
  EXPECT_EQ(metadata[0], "text\ttopic\tlabel");
  EXPECT_EQ(metadata[1], "a b c\t0\t0_cats");
  EXPECT_EQ(split_tabs(metadata[2])[0].size(), 500u);
  EXPECT_EQ(split_tabs(metadata[3]).size(), 3u);
  const auto config = nlohmann::json::parse(read_file(scratch.file("p/projector_config.json")));
  EXPECT_EQ(config["embeddings"][0]["tensorShape"], nlohmann::json({3, 5}));
  EXPECT_EQ(config["embeddings"][0]["tensorPath"], "tensors.tsv");
  EXPECT_EQ(config["embeddings"][0]["metadataPath"], "metadata.tsv");
}

TEST(Projector, RowCountsMustMatchAndNothingIsWrittenOtherwise) {
  ScratchDir scratch;
  Matrix<float> v(2, 2);
  EXPECT_THROW(write_projector(v, document_metadata({"only one"}, {}, nullptr), "d", scratch.file("p")), InputError);
  EXPECT_FALSE(std::filesystem::exists(scratch.file("p")));
  v(1, 1) = std::nanf("");
  EXPECT_THROW(write_projector(v, document_metadata({"a", "b"}, {}, nullptr), "d", scratch.file("p")), InputError);
  EXPECT_FALSE(std::filesystem::exists(scratch.file("p")));
}

TEST(Projector, FieldsCutAt500CharactersOnACharacterBoundary) {
  std::string text = std::string(499, 'a') + "é" + "zz";
  EXPECT_EQ(projector_field(text), std::string(499, 'a') + "é");
  EXPECT_EQ(projector_field("x\r\ny"), "x  y");
}

}  // namespace
}  // namespace topica::test
