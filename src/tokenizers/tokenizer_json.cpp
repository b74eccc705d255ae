// tokenizer.json → pipeline: one reader per section, each refusing what it does not implement
// with the field's name, so a model that needs a missing piece fails at load, not with wrong ids.
#include <fstream>
#include <limits>
#include <sstream>

#include "tokenizers/bert_normalizer.hpp"
#include "tokenizers/bert_pre_tokenizer.hpp"
#include "tokenizers/bpe.hpp"
#include "tokenizers/byte_level.hpp"
#include "tokenizers/json_fields.hpp"
#include "tokenizers/metaspace.hpp"
#include "tokenizers/pipeline.hpp"
#include "tokenizers/precompiled.hpp"
#include "tokenizers/replace_strip.hpp"
#include "tokenizers/roberta_processing.hpp"
#include "tokenizers/sequence.hpp"
#include "tokenizers/template_processing.hpp"
#include "tokenizers/unicode_classes.hpp"
#include "tokenizers/unigram.hpp"
#include "tokenizers/wordpiece.hpp"

namespace topica::tokenizers {
namespace {

using nlohmann::json;

std::int32_t token_id(const JsonFields& fields, const std::string& key, const json& value) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
      value.get<std::int64_t>() > std::numeric_limits<std::int32_t>::max()) {
    fields.fail(key, "expected a token id (a non-negative integer)");
  }
  return static_cast<std::int32_t>(value.get<std::int64_t>());
}

std::size_t count(const JsonFields& fields, const std::string& key, std::int64_t fallback) {
  const std::int64_t n = fields.integer(key, fallback);
  if (n < 0) fields.fail(key, "expected a non-negative integer");
  return static_cast<std::size_t>(n);
}

// A length the encoder pads every input to: far past any model's positions is a hostile file
// asking for gigabytes per text, not a tokenizer.
constexpr std::int64_t kMaxPadLength = 1 << 20;

std::size_t pad_length(const JsonFields& fields, const std::string& key) {
  const std::size_t n = count(fields, key, 0);
  if (n > static_cast<std::size_t>(kMaxPadLength)) fields.fail(key, "more than " + std::to_string(kMaxPadLength) + " tokens");
  return n;
}

// The crate's type names for components it has and topica does not (yet).
[[noreturn]] void unsupported(const JsonFields& fields, const std::string& type, const std::string& supported) {
  fields.fail("type", "\"" + type + "\" is not supported (supported: " + supported + ")");
}

std::unordered_map<std::string, std::int32_t> read_vocab(const JsonFields& model) {
  const JsonFields vocab = model.object("vocab");
  std::unordered_map<std::string, std::int32_t> entries;
  entries.reserve(vocab.json().size());
  for (const auto& [token, id] : vocab.json().items()) entries[token] = token_id(vocab, token, id);
  return entries;
}

// Merges are "a b" strings (older files) or ["a", "b"] arrays.
std::vector<std::pair<std::string, std::string>> read_merges(const JsonFields& model) {
  const json& merges = model.at("merges");
  if (!merges.is_array()) model.fail("merges", "expected an array");
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(merges.size());
  for (std::size_t i = 0; i < merges.size(); ++i) {
    const json& m = merges[i];
    const std::string field = "merges[" + std::to_string(i) + "]";
    if (m.is_string()) {
      const std::string& s = m.get_ref<const std::string&>();
      const std::size_t space = s.find(' ');
      if (space == std::string::npos || s.find(' ', space + 1) != std::string::npos) model.fail(field, "expected \"a b\"");
      out.emplace_back(s.substr(0, space), s.substr(space + 1));
    } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
      out.emplace_back(m[0].get<std::string>(), m[1].get<std::string>());
    } else {
      model.fail(field, "expected \"a b\" or [\"a\", \"b\"]");
    }
  }
  return out;
}

std::unique_ptr<Model> read_bpe(const JsonFields& model) {
  if (model.find("dropout") != nullptr) model.fail("dropout", "BPE dropout is not supported");
  if (!model.string("continuing_subword_prefix", "").empty()) model.fail("continuing_subword_prefix", "only an empty prefix is supported");
  if (!model.string("end_of_word_suffix", "").empty()) model.fail("end_of_word_suffix", "only an empty suffix is supported");
  if (model.boolean("byte_fallback", false)) model.fail("byte_fallback", "byte fallback is not supported");
  std::optional<std::string> unk;
  if (model.find("unk_token") != nullptr) unk = model.string("unk_token");
  auto vocab = read_vocab(model);
  return std::make_unique<Bpe>(std::move(vocab), read_merges(model), unk, model.source());
}

// Unigram: "vocab" is [[piece, score], ...] in id order.
std::unique_ptr<Model> read_unigram(const JsonFields& model) {
  const json& vocab = model.at("vocab");
  if (!vocab.is_array()) model.fail("vocab", "expected an array of [piece, score]");
  std::vector<std::pair<std::string, double>> pieces;
  pieces.reserve(vocab.size());
  for (std::size_t i = 0; i < vocab.size(); ++i) {
    const json& entry = vocab[i];
    if (!entry.is_array() || entry.size() != 2 || !entry[0].is_string() || !entry[1].is_number()) {
      model.fail("vocab[" + std::to_string(i) + "]", "expected [piece, score]");
    }
    pieces.emplace_back(entry[0].get<std::string>(), entry[1].get<double>());
  }
  std::optional<std::int32_t> unk_id;
  if (const json* id = model.find("unk_id")) unk_id = token_id(model, "unk_id", *id);
  return std::make_unique<Unigram>(std::move(pieces), unk_id, model.boolean("byte_fallback", false), model.source());
}

std::unique_ptr<Model> read_model(const JsonFields& model) {
  // Legacy files leave out the type; the crate then recognises the model by its fields.
  std::string type = model.string("type", "");
  if (type.empty()) {
    if (model.find("max_input_chars_per_word") != nullptr) type = "WordPiece";
    else if (model.find("merges") != nullptr) type = "BPE";
    else if (model.find("vocab") != nullptr && model.at("vocab").is_array()) type = "Unigram";
    else model.fail("type", "missing, and the fields do not say which model this is");
  }
  if (type == "BPE") return read_bpe(model);
  if (type == "Unigram") return read_unigram(model);
  if (type != "WordPiece") unsupported(model, type, "WordPiece, BPE, Unigram");
  auto entries = read_vocab(model);
  WordPieceOptions options;
  options.unk_token = model.string("unk_token", options.unk_token);
  options.continuing_subword_prefix = model.string("continuing_subword_prefix", options.continuing_subword_prefix);
  options.max_input_chars_per_word = count(model, "max_input_chars_per_word", static_cast<std::int64_t>(options.max_input_chars_per_word));
  return std::make_unique<WordPiece>(std::move(entries), options, model.source());
}

std::unique_ptr<Normalizer> read_normalizer(const JsonFields& normalizer);

std::unique_ptr<Normalizer> read_precompiled(const JsonFields& normalizer) {
  const std::string where = normalizer.source() + ": " + normalizer.name("precompiled_charsmap");
  const std::optional<std::string> blob = decode_base64(normalizer.string("precompiled_charsmap"));
  if (!blob) throw InputError(where + ": not valid base64");
  return std::make_unique<Precompiled>(CharsMap(*blob, where));
}

std::unique_ptr<Normalizer> read_normalizer_sequence(const JsonFields& normalizer) {
  const json& members = normalizer.at("normalizers");
  if (!members.is_array()) normalizer.fail("normalizers", "expected an array");
  std::vector<std::unique_ptr<Normalizer>> out;
  for (std::size_t i = 0; i < members.size(); ++i) {
    out.push_back(read_normalizer(JsonFields(members[i], normalizer.source(), normalizer.name("normalizers") + "[" + std::to_string(i) + "]")));
  }
  return std::make_unique<SequenceNormalizer>(std::move(out));
}

// {"pattern": {"String": "x"}, "content": "y"}; {"Regex": ...} would need Oniguruma's syntax.
std::unique_ptr<Normalizer> read_replace(const JsonFields& normalizer) {
  const JsonFields pattern = normalizer.object("pattern");
  if (pattern.find("String") == nullptr) pattern.fail("", "only {\"String\": ...} patterns are supported (not Regex)");
  return std::make_unique<Replace>(decode_utf8(pattern.string("String")), decode_utf8(normalizer.string("content")));
}

std::unique_ptr<Normalizer> read_normalizer(const JsonFields& normalizer) {
  const std::string type = normalizer.string("type");
  if (type == "Precompiled") return read_precompiled(normalizer);
  if (type == "Replace") return read_replace(normalizer);
  if (type == "Strip") return std::make_unique<Strip>(normalizer.boolean("strip_left", true), normalizer.boolean("strip_right", true));
  if (type == "Sequence") return read_normalizer_sequence(normalizer);
  if (type != "BertNormalizer") unsupported(normalizer, type, "BertNormalizer, Precompiled, Replace, Strip, Sequence");
  BertNormalizerOptions options;
  options.clean_text = normalizer.boolean("clean_text", options.clean_text);
  options.handle_chinese_chars = normalizer.boolean("handle_chinese_chars", options.handle_chinese_chars);
  options.strip_accents = normalizer.optional_boolean("strip_accents");
  options.lowercase = normalizer.boolean("lowercase", options.lowercase);
  return std::make_unique<BertNormalizer>(options);
}

std::unique_ptr<PreTokenizer> read_pre_tokenizer(const JsonFields& pre_tokenizer);

std::unique_ptr<PreTokenizer> read_metaspace(const JsonFields& pre_tokenizer) {
  MetaspaceOptions options;
  const std::u32string replacement = decode_utf8(pre_tokenizer.string("replacement", "\u2581"));
  if (replacement.size() != 1) pre_tokenizer.fail("replacement", "expected one character");
  options.replacement = replacement.front();
  if (pre_tokenizer.find("prepend_scheme") != nullptr) {
    const std::string scheme = pre_tokenizer.string("prepend_scheme");
    if (scheme == "always") options.prepend = MetaspaceOptions::Prepend::Always;
    else if (scheme == "first") options.prepend = MetaspaceOptions::Prepend::First;
    else if (scheme == "never") options.prepend = MetaspaceOptions::Prepend::Never;
    else pre_tokenizer.fail("prepend_scheme", "expected \"always\", \"first\" or \"never\"");
  } else if (pre_tokenizer.find("add_prefix_space") != nullptr) {
    // The legacy form: add_prefix_space true is "always", false is "never".
    options.prepend = pre_tokenizer.boolean("add_prefix_space", true) ? MetaspaceOptions::Prepend::Always : MetaspaceOptions::Prepend::Never;
  }
  options.split = pre_tokenizer.boolean("split", options.split);
  return std::make_unique<Metaspace>(options);
}

std::unique_ptr<PreTokenizer> read_pre_tokenizer_sequence(const JsonFields& pre_tokenizer) {
  const json& members = pre_tokenizer.at("pretokenizers");
  if (!members.is_array()) pre_tokenizer.fail("pretokenizers", "expected an array");
  std::vector<std::unique_ptr<PreTokenizer>> out;
  for (std::size_t i = 0; i < members.size(); ++i) {
    out.push_back(read_pre_tokenizer(JsonFields(members[i], pre_tokenizer.source(), pre_tokenizer.name("pretokenizers") + "[" + std::to_string(i) + "]")));
  }
  return std::make_unique<SequencePreTokenizer>(std::move(out));
}

std::unique_ptr<PreTokenizer> read_pre_tokenizer(const JsonFields& pre_tokenizer) {
  const std::string type = pre_tokenizer.string("type");
  if (type == "Metaspace") return read_metaspace(pre_tokenizer);
  if (type == "WhitespaceSplit") return std::make_unique<WhitespaceSplit>();
  if (type == "Sequence") return read_pre_tokenizer_sequence(pre_tokenizer);
  if (type == "BertPreTokenizer") return std::make_unique<BertPreTokenizer>();
  if (type == "ByteLevel") {
    ByteLevelOptions options;
    options.add_prefix_space = pre_tokenizer.boolean("add_prefix_space", options.add_prefix_space);
    options.use_regex = pre_tokenizer.boolean("use_regex", options.use_regex);
    return std::make_unique<ByteLevel>(options);
  }
  unsupported(pre_tokenizer, type, "BertPreTokenizer, ByteLevel, Metaspace, WhitespaceSplit, Sequence");
}

std::vector<TemplatePiece> read_template(const JsonFields& processor, const std::string& key) {
  const json& pieces = processor.at(key);
  if (!pieces.is_array()) processor.fail(key, "expected an array of pieces");
  std::vector<TemplatePiece> out;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const JsonFields piece(pieces[i], processor.source(), processor.name(key) + "[" + std::to_string(i) + "]");
    TemplatePiece p;
    if (piece.find("Sequence") != nullptr) {
      const JsonFields sequence = piece.object("Sequence");
      const std::string id = sequence.string("id");
      if (id != "A" && id != "B") sequence.fail("id", "expected \"A\" or \"B\"");
      p.is_sequence = true;
      p.sequence = id == "A" ? 0 : 1;
      p.type_id = static_cast<std::int32_t>(sequence.integer("type_id", 0));
    } else if (piece.find("SpecialToken") != nullptr) {
      const JsonFields special = piece.object("SpecialToken");
      p.special_token = special.string("id");
      p.type_id = static_cast<std::int32_t>(special.integer("type_id", 0));
    } else {
      piece.fail("", "expected a Sequence or a SpecialToken");
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::unique_ptr<PostProcessor> read_template_processing(const JsonFields& processor) {
  std::map<std::string, TemplateSpecialToken> specials;
  if (processor.find("special_tokens") != nullptr) {
    const JsonFields all = processor.object("special_tokens");
    for (const auto& [name, value] : all.json().items()) {
      const JsonFields entry(value, processor.source(), all.name(name));
      TemplateSpecialToken special;
      const json& ids = entry.at("ids");
      const json& tokens = entry.at("tokens");
      if (!ids.is_array() || !tokens.is_array() || ids.size() != tokens.size()) {
        entry.fail("ids", "expected arrays ids and tokens of the same length");
      }
      for (const json& id : ids) special.ids.push_back(token_id(entry, "ids", id));
      for (const json& token : tokens) {
        if (!token.is_string()) entry.fail("tokens", "expected strings");
        special.tokens.push_back(token.get<std::string>());
      }
      specials.emplace(name, std::move(special));
    }
  }
  auto single = read_template(processor, "single");
  auto pair = read_template(processor, "pair");
  for (const TemplatePiece& piece : single) {
    if (piece.is_sequence && piece.sequence != 0) processor.fail("single", "a single-sequence template cannot use $B");
  }
  for (const auto* pieces : {&single, &pair}) {
    for (const TemplatePiece& piece : *pieces) {
      if (!piece.is_sequence && !specials.contains(piece.special_token)) {
        processor.fail("special_tokens", "no entry for \"" + piece.special_token + "\" used in the template");
      }
    }
  }
  return std::make_unique<TemplateProcessing>(std::move(single), std::move(pair), std::move(specials));
}

// BertProcessing {"sep": ["[SEP]", 102], "cls": ["[CLS]", 101]} is a fixed template.
std::unique_ptr<PostProcessor> read_bert_processing(const JsonFields& processor) {
  std::map<std::string, TemplateSpecialToken> specials;
  std::string names[2];
  const char* keys[2] = {"cls", "sep"};
  for (int k = 0; k < 2; ++k) {
    const json& value = processor.at(keys[k]);
    if (!value.is_array() || value.size() != 2 || !value[0].is_string()) {
      processor.fail(keys[k], "expected [token, id]");
    }
    names[k] = value[0].get<std::string>();
    specials[names[k]] = {{token_id(processor, keys[k], value[1])}, {names[k]}};
  }
  const auto special = [](const std::string& name, std::int32_t type_id) { return TemplatePiece{false, 0, name, type_id}; };
  const auto sequence = [](std::size_t which, std::int32_t type_id) { return TemplatePiece{true, which, "", type_id}; };
  std::vector<TemplatePiece> single{special(names[0], 0), sequence(0, 0), special(names[1], 0)};
  std::vector<TemplatePiece> pair{special(names[0], 0), sequence(0, 0), special(names[1], 0), sequence(1, 1), special(names[1], 1)};
  return std::make_unique<TemplateProcessing>(std::move(single), std::move(pair), std::move(specials));
}

std::unique_ptr<PostProcessor> read_roberta_processing(const JsonFields& processor) {
  RobertaProcessingOptions options;
  const auto read_pair = [&](const char* key, std::string& token, std::int32_t& id) {
    const json& value = processor.at(key);
    if (!value.is_array() || value.size() != 2 || !value[0].is_string()) processor.fail(key, "expected [token, id]");
    token = value[0].get<std::string>();
    id = token_id(processor, key, value[1]);
  };
  read_pair("cls", options.cls, options.cls_id);
  read_pair("sep", options.sep, options.sep_id);
  options.trim_offsets = processor.boolean("trim_offsets", options.trim_offsets);
  options.add_prefix_space = processor.boolean("add_prefix_space", options.add_prefix_space);
  return std::make_unique<RobertaProcessing>(options);
}

std::unique_ptr<PostProcessor> read_post_processor(const JsonFields& processor) {
  const std::string type = processor.string("type");
  if (type == "TemplateProcessing") return read_template_processing(processor);
  if (type == "BertProcessing") return read_bert_processing(processor);
  if (type == "RobertaProcessing") return read_roberta_processing(processor);
  unsupported(processor, type, "TemplateProcessing, BertProcessing, RobertaProcessing");
}

void read_added_tokens(const JsonFields& root, Tokenizer::Pipeline& pipeline) {
  const json* tokens = root.find("added_tokens");
  if (tokens == nullptr) return;
  if (!tokens->is_array()) root.fail("added_tokens", "expected an array");
  for (std::size_t i = 0; i < tokens->size(); ++i) {
    const JsonFields entry((*tokens)[i], root.source(), "added_tokens[" + std::to_string(i) + "]");
    AddedToken token;
    token.id = token_id(entry, "id", entry.at("id"));
    token.content = entry.string("content");
    token.single_word = entry.boolean("single_word", false);
    token.lstrip = entry.boolean("lstrip", false);
    token.rstrip = entry.boolean("rstrip", false);
    token.special = entry.boolean("special", false);
    // The crate's default: special tokens are matched on the raw text, others after normalizing.
    token.normalized = entry.boolean("normalized", !token.special);
    pipeline.added.add(token, pipeline.normalizer.get());
  }
}

TruncationOptions read_truncation(const JsonFields& truncation) {
  TruncationOptions options;
  options.max_length = count(truncation, "max_length", static_cast<std::int64_t>(options.max_length));
  const std::string strategy = truncation.string("strategy", "LongestFirst");
  if (strategy == "LongestFirst") options.strategy = TruncationOptions::Strategy::LongestFirst;
  else if (strategy == "OnlyFirst") options.strategy = TruncationOptions::Strategy::OnlyFirst;
  else if (strategy == "OnlySecond") options.strategy = TruncationOptions::Strategy::OnlySecond;
  else truncation.fail("strategy", "expected LongestFirst, OnlyFirst or OnlySecond");
  const std::string direction = truncation.string("direction", "Right");
  if (direction == "Left") options.direction = TruncationOptions::Direction::Left;
  else if (direction != "Right") truncation.fail("direction", "expected Right or Left");
  return options;
}

PaddingOptions read_padding(const JsonFields& padding) {
  PaddingOptions options;
  if (const json* strategy = padding.find("strategy")) {
    if (strategy->is_object() && strategy->contains("Fixed")) {
      const JsonFields fixed = padding.object("strategy");
      options.fixed_length = pad_length(fixed, "Fixed");
    } else if (!(strategy->is_string() && strategy->get<std::string>() == "BatchLongest")) {
      padding.fail("strategy", "expected \"BatchLongest\" or {\"Fixed\": N}");
    }
  }
  const std::string direction = padding.string("direction", "Right");
  if (direction == "Left") options.direction = PaddingOptions::Direction::Left;
  else if (direction != "Right") padding.fail("direction", "expected Right or Left");
  options.pad_to_multiple_of = pad_length(padding, "pad_to_multiple_of");
  if (const json* id = padding.find("pad_id")) options.pad_id = token_id(padding, "pad_id", *id);
  if (const json* id = padding.find("pad_type_id")) options.pad_type_id = token_id(padding, "pad_type_id", *id);
  options.pad_token = padding.string("pad_token", options.pad_token);
  return options;
}

}  // namespace

std::shared_ptr<Tokenizer::Pipeline> parse_tokenizer_json(std::string_view text, const std::string& source) {
  json document;
  try {
    document = json::parse(text);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for a number like 1e999
    throw InputError(source + ": malformed JSON: " + e.what());
  }
  const JsonFields root(document, source, "");
  auto pipeline = std::make_shared<Tokenizer::Pipeline>();
  // The normalizer first: normalized added tokens are matched in their normalized form.
  if (root.find("normalizer") != nullptr) pipeline->normalizer = read_normalizer(root.object("normalizer"));
  if (root.find("pre_tokenizer") != nullptr) pipeline->pre_tokenizer = read_pre_tokenizer(root.object("pre_tokenizer"));
  pipeline->model = read_model(root.object("model"));
  if (root.find("post_processor") != nullptr) pipeline->post_processor = read_post_processor(root.object("post_processor"));
  read_added_tokens(root, *pipeline);
  if (root.find("truncation") != nullptr) pipeline->truncation = read_truncation(root.object("truncation"));
  if (root.find("padding") != nullptr) pipeline->padding = read_padding(root.object("padding"));
  return pipeline;
}

}  // namespace topica::tokenizers

namespace topica {

namespace fs = std::filesystem;

Tokenizer Tokenizer::from_json(std::string_view json, const std::string& source) {
  return Tokenizer(tokenizers::parse_tokenizer_json(json, source));
}

Tokenizer Tokenizer::load(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    if (fs::is_regular_file(path / "tokenizer.json", ec)) return load(path / "tokenizer.json");
    if (fs::is_regular_file(path / "vocab.txt", ec)) return load(path / "vocab.txt");
    throw InputError(path.string() + ": no tokenizer.json or vocab.txt in this folder");
  }
  if (!fs::is_regular_file(path, ec)) throw InputError(path.string() + ": no such file");
  if (path.extension() != ".json") return Tokenizer(tokenizers::load_bert_vocab(path));
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  if (!in && !in.eof()) throw InputError(path.string() + ": cannot be read");
  return from_json(content.str(), path.string());
}

}  // namespace topica
