// The adjusted tokenizer.json in the Hugging Face tokenizers library itself (the Rust crate through
// npm's @anush008/tokenizers, as in ../shared/reference/tokenizers): the added words come out as
// single tokens with the ids topica gives, alone and inside sentences. Skips without node or the
// package (scripts/install-bench-deps BUILD puts it in BUILD/bench-encoder/node, or set
// TOPICA_NODE_MODULES to a node_modules folder holding it).
#include <gtest/gtest.h>

#include <cstdlib>

#include "adjust/kr_bert_model.hpp"
#include "topica/model_adjust.hpp"
#include "topica/tokenizer.hpp"

namespace topica {
namespace {

namespace fs = std::filesystem;

std::optional<fs::path> node_modules() {
  if (const char* env = std::getenv("TOPICA_NODE_MODULES")) return fs::path(env);
  const fs::path built = fs::path(TOPICA_CLI).parent_path().parent_path() / "bench-encoder/node/node_modules";
  if (fs::exists(built / "@anush008/tokenizers")) return built;
  return std::nullopt;
}

TEST(AdjustHfTokenizers, AddedWordsAreSingleTokensInTheRustCrateAsInTopica) {
  if (!test::kr_bert_tokenizer_dir()) GTEST_SKIP() << "../shared/reference/tokenizers is absent";
  const auto modules = node_modules();
  if (!modules || test::run_shell("node --version").exit_code != 0) {
    GTEST_SKIP() << "node or @anush008/tokenizers is absent (scripts/install-bench-deps BUILD)";
  }
  test::ScratchDir scratch;
  const fs::path in = scratch.path() / "kr", out = scratch.path() / "adjusted";
  test::write_kr_bert_model(in);
  adjust_model(in, parse_synonym_groups(R"({"반창고": ["반창고", "대일밴드"], "치료제": ["치료제", "약", "의약품"]})", "g"), out, {});

  const std::vector<std::string> texts = {"대일밴드", "반창고", "의약품", "손가락에 대일밴드를 붙였다", "반창고와 의약품은 약국에서",
                                          "대일밴드대일밴드 반창고!"};
  nlohmann::json input = texts;
  scratch.write("texts.json", input.dump());
  scratch.write("encode.js", R"(
const tk = require('@anush008/tokenizers');
const fs = require('fs');
(async () => {
  const t = tk.Tokenizer.fromFile(process.argv[2]);
  const texts = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
  const out = [];
  for (const text of texts) {
    const e = await t.encode(text, null, { addSpecialTokens: true });
    out.push({ ids: e.getIds(), tokens: e.getTokens() });
  }
  console.log(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
)");
  const test::RunResult node = test::run_shell("NODE_PATH='" + modules->string() + "' node '" + scratch.file("encode.js") + "' '" +
                                               (out / "tokenizer.json").string() + "' '" + scratch.file("texts.json") + "'");
  ASSERT_EQ(node.exit_code, 0) << node.err;
  const nlohmann::json reference = nlohmann::json::parse(node.out);
  const Tokenizer ours = Tokenizer::load(out / "tokenizer.json");
  ASSERT_EQ(reference.size(), texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const Encoding e = ours.encode(texts[i]);
    EXPECT_EQ(reference[i]["ids"].get<std::vector<std::int32_t>>(), e.ids) << texts[i];
    EXPECT_EQ(reference[i]["tokens"].get<std::vector<std::string>>(), e.tokens) << texts[i];
  }
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(reference[i]["ids"].size(), 3u) << texts[i];  // [CLS] word [SEP]
}

}  // namespace
}  // namespace topica
