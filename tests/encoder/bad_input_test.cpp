// Hostile model folders: a copy of the bert_mean fixture with one thing broken (a missing file,
// an unknown model_type, a safetensors header that lies, a malformed tokenizer.json). Loading must
// throw InputError with one line naming the file and the field or tensor, and `topica embed` must
// print exactly that one line, exit 1 and write nothing. The ASan+UBSan build proves "no crash".
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"
#include "topica/encoder.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kFixture = fs::path(TOPICA_SOURCE_DIR) / "tests/fixtures/encoder/bert_mean";

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void spill(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

/// model.safetensors split into its JSON header and its data section, to be lied about.
struct Safetensors {
  json header;
  std::string data;

  static Safetensors read(const fs::path& path) {
    const std::string bytes = slurp(path);
    std::uint64_t length = 0;
    std::memcpy(&length, bytes.data(), 8);
    return {json::parse(bytes.substr(8, length)), bytes.substr(8 + length)};
  }
  void write(const fs::path& path, std::uint64_t header_length_bonus = 0) const {
    const std::string text = header.dump();
    const std::uint64_t length = text.size() + header_length_bonus;
    spill(path, std::string(reinterpret_cast<const char*>(&length), 8) + text + data);
  }
};

struct BadCase {
  std::string name;
  std::function<void(const fs::path& folder)> breaks;
  std::vector<std::string> message_has;  ///< besides the file name, which every message holds
  std::string file;                      ///< the file the message must name
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

void edit_tensor(const fs::path& folder, const std::string& tensor, const std::function<void(json&)>& edit) {
  Safetensors file = Safetensors::read(folder / "model.safetensors");
  edit(file.header.at(tensor));
  file.write(folder / "model.safetensors");
}

void edit_config(const fs::path& folder, const std::function<void(json&)>& edit) {
  json config = json::parse(slurp(folder / "config.json"));
  edit(config);
  spill(folder / "config.json", config.dump());
}

const std::string kWord = "embeddings.word_embeddings.weight";
const std::string kQuery = "encoder.layer.0.attention.self.query.weight";

std::vector<BadCase> bad_cases() {
  return {
      {"MissingConfig", [](const fs::path& f) { fs::remove(f / "config.json"); }, {"not found"}, "config.json"},
      {"MissingWeights", [](const fs::path& f) { fs::remove(f / "model.safetensors"); }, {"not found"}, "model.safetensors"},
      {"MissingTokenizer", [](const fs::path& f) { fs::remove(f / "vocab.txt"); }, {"no tokenizer.json or vocab.txt"}, ""},
      {"UnknownModelType", [](const fs::path& f) { edit_config(f, [](json& c) { c["model_type"] = "gpt2"; }); },
       {"model_type", "gpt2"}, "config.json"},
      {"ConfigNumberOverflow",  // found by tokenizer_json_fuzz: nlohmann throws out_of_range, not parse_error
       [](const fs::path& f) { spill(f / "config.json", R"({"model_type": "bert", "layer_norm_eps": 3e2038})"); },
       {"malformed JSON", "number overflow"}, "config.json"},
      {"TokenizerJsonNumberOverflow",
       [](const fs::path& f) { spill(f / "tokenizer.json", R"({"model": {"type": "Unigram", "vocab": [["a", -1e999]]}})"); },
       {"malformed JSON", "number overflow"}, "tokenizer.json"},
      {"HeaderLengthPastEnd",
       [](const fs::path& f) { Safetensors::read(f / "model.safetensors").write(f / "model.safetensors", 1u << 30); },
       {"header length"}, "model.safetensors"},
      {"HeaderNotJson",
       [](const fs::path& f) {
         std::string bytes = slurp(f / "model.safetensors");
         bytes[8] = '[';
         bytes[9] = '}';
         spill(f / "model.safetensors", bytes);
       },
       {"header is not a JSON object"}, "model.safetensors"},
      {"OffsetsOutOfRange",
       [](const fs::path& f) {
         edit_tensor(f, kWord, [](json& t) {
           t["data_offsets"][0] = t["data_offsets"][0].get<std::uint64_t>() + (1u << 20);
           t["data_offsets"][1] = t["data_offsets"][1].get<std::uint64_t>() + (1u << 20);
         });
       },
       {kWord, "data_offsets", "outside"}, "model.safetensors"},
      {"OffsetsOverlap",
       [](const fs::path& f) {
         edit_tensor(f, kQuery, [](json& t) {
           t["data_offsets"][0] = t["data_offsets"][0].get<std::uint64_t>() - 4;
           t["data_offsets"][1] = t["data_offsets"][1].get<std::uint64_t>() - 4;
         });
       },
       {kQuery, "data_offsets", "overlap"}, "model.safetensors"},
      {"OffsetsReversed",
       [](const fs::path& f) {
         edit_tensor(f, kWord, [](json& t) { t["data_offsets"] = {t["data_offsets"][1], t["data_offsets"][0]}; });
       },
       {kWord, "reversed"}, "model.safetensors"},
      {"WrongDtypeSize", [](const fs::path& f) { edit_tensor(f, kWord, [](json& t) { t["dtype"] = "F16"; }); },
       {kWord, "shape", "F16"}, "model.safetensors"},
      {"ShapeOverflowsSizeT",
       [](const fs::path& f) {
         edit_tensor(f, kWord, [](json& t) { t["shape"] = {1ull << 32, 1ull << 32, 1ull << 32}; });
       },
       {kWord, "too large"}, "model.safetensors"},
      {"ShapeWrapsToTheRealSize",  // 4 * 193 * 32 * (2^62 + 1) bytes wraps to 4 * 193 * 32 in 64 bits
       [](const fs::path& f) { edit_tensor(f, kWord, [](json& t) { t["shape"] = {193, 32, (1ull << 62) + 1}; }); },
       {kWord, "too large"}, "model.safetensors"},
      {"UnknownDtype", [](const fs::path& f) { edit_tensor(f, kWord, [](json& t) { t["dtype"] = "Q4_K"; }); },
       {kWord, "dtype", "Q4_K"}, "model.safetensors"},
      {"WrongShapeForConfig", [](const fs::path& f) { edit_config(f, [](json& c) { c["intermediate_size"] = 48; }); },
       {"encoder.layer.0.intermediate.dense.weight", "has shape [64, 32], expected [48, 32]"}, "model.safetensors"},
      {"TokenizerJsonTruncated",
       [](const fs::path& f) { spill(f / "tokenizer.json", R"({"model": {"type": "WordPiece", "vocab": {"[UNK]": 0, "a)"); },
       {"malformed JSON"}, "tokenizer.json"},
      {"TokenizerJsonWrongTypes",
       [](const fs::path& f) { spill(f / "tokenizer.json", R"({"model": {"type": "WordPiece", "vocab": ["[UNK]", "a"]}})"); },
       {"model.vocab", "expected a JSON object"}, "tokenizer.json"},
      {"TokenizerJsonNegativeId",
       [](const fs::path& f) { spill(f / "tokenizer.json", R"({"model": {"type": "WordPiece", "vocab": {"[UNK]": -3}}})"); },
       {"[UNK]", "token id"}, "tokenizer.json"},
  };
}

class BadModelFolder : public ::testing::TestWithParam<BadCase> {
 protected:
  void SetUp() override {
    folder_ = scratch_.path() / "model";
    fs::copy(kFixture, folder_, fs::copy_options::recursive);
    GetParam().breaks(folder_);
  }
  void expect_message(const std::string& message) const {
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    if (!GetParam().file.empty()) {
      EXPECT_NE(message.find((folder_ / GetParam().file).string()), std::string::npos) << message;
    }
    for (const std::string& part : GetParam().message_has) EXPECT_NE(message.find(part), std::string::npos) << part << " in " << message;
  }

  test::ScratchDir scratch_;
  fs::path folder_;
};

TEST_P(BadModelFolder, LoadThrowsOneLineNamingTheFileAndField) {
  try {
    (void)SentenceEncoder::load(folder_);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    expect_message(e.what());
  }
}

TEST_P(BadModelFolder, EmbedPrintsOneLineExitsOneAndWritesNothing) {
  const std::string docs = scratch_.write("docs.txt", "hello world\nthe cat\n");
  const std::string output = scratch_.file("e.npy");
  const auto r = test::run_cli({"embed", "--model", folder_.string(), "--corpus", docs, "--output", output});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  expect_message(r.err.substr(0, r.err.size() - 1));
  EXPECT_FALSE(fs::exists(output));
}

INSTANTIATE_TEST_SUITE_P(Cases, BadModelFolder, ::testing::ValuesIn(bad_cases()),
                         [](const ::testing::TestParamInfo<BadCase>& info) { return info.param.name; });

}  // namespace
}  // namespace topica
