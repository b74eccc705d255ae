// A bare BERT vocab.txt, tokenized as transformers' BertTokenizerFast (convert_slow_tokenizer's
// BertConverter) would: BertNormalizer, BertPreTokenizer, WordPiece with "[UNK]" and "##",
// "[CLS] $A [SEP]" / "[CLS] $A [SEP] $B:1 [SEP]:1", and the five special tokens matched on the
// raw text.
#include <fstream>

#include "tokenizers/bert_normalizer.hpp"
#include "tokenizers/bert_pre_tokenizer.hpp"
#include "tokenizers/json_fields.hpp"
#include "tokenizers/pipeline.hpp"
#include "tokenizers/template_processing.hpp"
#include "tokenizers/wordpiece.hpp"

namespace topica::tokenizers {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct BertSettings {
  BertNormalizerOptions normalizer;  // do_lower_case → lowercase (transformers default: true)
  std::string unk = "[UNK]", sep = "[SEP]", pad = "[PAD]", cls = "[CLS]", mask = "[MASK]";
};

// HF WordPiece::read_file: one token per line, trailing whitespace trimmed, id = line number;
// a repeated token keeps its last line.
std::unordered_map<std::string, std::int32_t> read_vocab(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + ": cannot be opened");
  std::unordered_map<std::string, std::int32_t> vocab;
  std::string line;
  std::int32_t id = 0;
  while (std::getline(in, line)) {
    const std::size_t end = line.find_last_not_of(" \t\r\n\v\f");
    line.erase(end == std::string::npos ? 0 : end + 1);
    vocab[line] = id++;
  }
  if (vocab.empty()) throw InputError(path.string() + ": empty vocabulary");
  return vocab;
}

// A special token name is a string or an AddedToken object {"content": ...}.
void read_token_name(const JsonFields& config, const std::string& key, std::string& name) {
  if (auto token = token_name(config, key)) name = std::move(*token);
}

void read_config(const fs::path& path, BertSettings& settings) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return;
  const json document = parse_json_file(path);
  const JsonFields config(document, path.string(), "");
  settings.normalizer.lowercase = config.boolean("do_lower_case", settings.normalizer.lowercase);
  settings.normalizer.handle_chinese_chars = config.boolean("tokenize_chinese_chars", settings.normalizer.handle_chinese_chars);
  if (config.find("strip_accents") != nullptr) settings.normalizer.strip_accents = config.optional_boolean("strip_accents");
  read_token_name(config, "unk_token", settings.unk);
  read_token_name(config, "sep_token", settings.sep);
  read_token_name(config, "pad_token", settings.pad);
  read_token_name(config, "cls_token", settings.cls);
  read_token_name(config, "mask_token", settings.mask);
}

}  // namespace

std::shared_ptr<Tokenizer::Pipeline> load_bert_vocab(const fs::path& vocab_txt) {
  BertSettings settings;
  read_config(vocab_txt.parent_path() / "tokenizer_config.json", settings);
  read_config(vocab_txt.parent_path() / "special_tokens_map.json", settings);
  auto vocab = read_vocab(vocab_txt);
  const std::string source = vocab_txt.string();
  const auto id_of = [&](const std::string& token, const char* role) {
    const auto it = vocab.find(token);
    if (it == vocab.end()) throw InputError(source + ": the " + std::string(role) + " token \"" + token + "\" is not in the vocabulary");
    return it->second;
  };
  const std::int32_t cls = id_of(settings.cls, "cls"), sep = id_of(settings.sep, "sep");

  auto pipeline = std::make_shared<Tokenizer::Pipeline>();
  pipeline->normalizer = std::make_unique<BertNormalizer>(settings.normalizer);
  pipeline->pre_tokenizer = std::make_unique<BertPreTokenizer>();
  const TemplatePiece a{true, 0, "", 0}, b{true, 1, "", 1};
  const TemplatePiece cls0{false, 0, settings.cls, 0}, sep0{false, 0, settings.sep, 0}, sep1{false, 0, settings.sep, 1};
  std::map<std::string, TemplateSpecialToken> specials{{settings.cls, {{cls}, {settings.cls}}}, {settings.sep, {{sep}, {settings.sep}}}};
  pipeline->post_processor = std::make_unique<TemplateProcessing>(std::vector<TemplatePiece>{cls0, a, sep0},
                                                                  std::vector<TemplatePiece>{cls0, a, sep0, b, sep1}, std::move(specials));
  // Special tokens missing from the vocabulary get the next free ids, as added tokens do.
  std::int32_t next_id = static_cast<std::int32_t>(vocab.size());
  std::vector<AddedToken> added;
  for (const std::string* name : {&settings.pad, &settings.unk, &settings.cls, &settings.sep, &settings.mask}) {
    const auto it = vocab.find(*name);
    AddedToken token;
    token.content = *name;
    token.id = it != vocab.end() ? it->second : next_id++;
    token.normalized = false;
    token.special = true;
    added.push_back(token);
  }
  WordPieceOptions options;
  options.unk_token = settings.unk;
  pipeline->model = std::make_unique<WordPiece>(std::move(vocab), options, source);
  for (const AddedToken& token : added) pipeline->added.add(token, pipeline->normalizer.get());
  return pipeline;
}

}  // namespace topica::tokenizers
