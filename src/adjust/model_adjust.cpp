#include "topica/model_adjust.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "adjust/word_embedding.hpp"
#include "encoder/encoder_config.hpp"
#include "encoder/encoder_weights.hpp"
#include "topica/atomic_file.hpp"
#include "topica/encoder.hpp"
#include "topica/error.hpp"
#include "topica/hub.hpp"
#include "topica/safetensors.hpp"
#include "topica/tokenizer.hpp"

namespace topica {

const char* embedding_source_name(EmbeddingSource source) {
  return source == EmbeddingSource::Input ? "input" : "contextual";
}

std::optional<EmbeddingSource> parse_embedding_source(std::string_view name) {
  if (name == "input") return EmbeddingSource::Input;
  if (name == "contextual") return EmbeddingSource::Contextual;
  return std::nullopt;
}

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// The masked-LM head tensors that have one row or value per token (transformers' names).
constexpr const char* kDecoderWeights[] = {"cls.predictions.decoder.weight", "lm_head.decoder.weight"};
constexpr const char* kDecoderBiases[] = {"cls.predictions.bias", "cls.predictions.decoder.bias", "lm_head.bias",
                                          "lm_head.decoder.bias"};

Json read_json(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open", path.string()));
  try {
    return Json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(fmt::format("{}: not valid JSON ({})", path.string(), e.what()));
  }
}

/// transformers writes its JSON files with two-space indents and a final newline.
void write_json(const fs::path& path, const Json& value) { write_file_atomically(path.string(), value.dump(2) + "\n"); }

/// The model folder copied file by file, made writable (a read-only source stays read-only).
void copy_folder(const fs::path& from, const fs::path& to) {
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(from)) {
    const fs::path target = to / fs::relative(entry.path(), from);
    if (entry.is_directory()) {
      fs::create_directories(target);
    } else if (entry.is_regular_file()) {
      fs::create_directories(target.parent_path());
      fs::copy_file(entry.path(), target, fs::copy_options::overwrite_existing);
      fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
    }
  }
}

/// float32 values in a stored dtype's bytes.
std::vector<std::byte> narrow(std::span<const float> values, DType dtype, const std::string& source) {
  std::vector<std::byte> out(values.size() * dtype_size(dtype));
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (dtype == DType::F32) {
      std::memcpy(out.data() + 4 * i, &values[i], 4);
    } else if (dtype == DType::F16 || dtype == DType::BF16) {
      const std::uint16_t bits = dtype == DType::F16 ? float_to_half(values[i]) : float_to_bfloat16(values[i]);
      std::memcpy(out.data() + 2 * i, &bits, 2);
    } else {
      throw InputError(fmt::format("{}: embeddings stored as {}; adjust handles F32, F16 and BF16", source, dtype_name(dtype)));
    }
  }
  return out;
}

/// The group's members and the token each one gets.
struct Member {
  const SynonymGroup* group = nullptr;
  std::size_t index = 0;  ///< in group->words
  AdjustedWord word;
};

/// Assigns ids: a word that is one token keeps it, any other is added after the vocabulary (the
/// id add_tokens gives it: the existing id when its string is already a vocabulary entry).
std::vector<Member> assign_ids(const std::vector<SynonymGroup>& groups, const Tokenizer& tokenizer,
                               const std::string& source, std::size_t& vocab) {
  std::vector<Member> members;
  std::map<std::int32_t, std::string> owner;  // id -> the word that has it
  for (const SynonymGroup& g : groups) {
    for (std::size_t k = 0; k < g.words.size(); ++k) {
      const Encoding e = tokenizer.encode(g.words[k], false);
      Member m{&g, k, {g.words[k], g.name, 0, false, e.tokens}};
      if (e.size() == 1 && !tokenizer.is_special(e.ids[0])) {
        m.word.id = e.ids[0];
      } else if (const auto existing = tokenizer.token_to_id(g.words[k]); existing && !tokenizer.is_special(*existing)) {
        m.word.id = *existing, m.word.added = true;
      } else {
        m.word.id = static_cast<std::int32_t>(vocab++), m.word.added = true;
      }
      const auto [it, fresh] = owner.emplace(m.word.id, g.words[k]);
      if (!fresh) {
        throw InputError(fmt::format("{}: '{}' and '{}' are the same token (id {}) for this tokenizer; list one of them",
                                     source, it->second, g.words[k], m.word.id));
      }
      members.push_back(std::move(m));
    }
  }
  return members;
}

/// One combined vector per group, from the chosen source.
std::vector<std::vector<float>> group_vectors(const std::vector<SynonymGroup>& groups, const fs::path& folder,
                                              const Tokenizer& tokenizer, const SafetensorsFile& weights,
                                              const std::string& table_name, std::size_t width,
                                              const AdjustOptions& options) {
  std::vector<std::string> words;
  for (const SynonymGroup& g : groups) words.insert(words.end(), g.words.begin(), g.words.end());
  Matrix<float> rows;
  if (options.source == EmbeddingSource::Input) {
    rows = adjust::input_word_embeddings(tokenizer, weights.read_float(table_name), width, words);
  } else {
    const SentenceEncoder encoder = SentenceEncoder::load(folder);
    rows = adjust::contextual_word_embeddings(encoder, words, options.threads);
  }
  std::vector<std::vector<float>> out;
  std::size_t first = 0;
  for (const SynonymGroup& g : groups) {
    const std::span<const float> group_rows(rows.row(first), g.words.size() * width);
    out.push_back(combine_vectors(group_rows, width, g.weights, options.method));
    first += g.words.size();
  }
  return out;
}

/// The tensors of `weights` with the vocabulary-sized ones grown to `vocab` rows.
void write_weights(const SafetensorsFile& weights, const std::string& table_name, std::size_t old_vocab,
                   std::size_t vocab, std::size_t width, const std::vector<Member>& members,
                   const std::vector<std::vector<float>>& vectors, const std::vector<SynonymGroup>& groups,
                   const fs::path& path) {
  const TensorInfo& table = weights.tensor(table_name);
  const std::size_t row_bytes = width * dtype_size(table.dtype);
  const std::span<const std::byte> old_table = weights.bytes(table);
  std::vector<std::byte> grown(vocab * row_bytes);
  std::memcpy(grown.data(), old_table.data(), old_table.size());
  for (const Member& m : members) {
    const std::size_t g = static_cast<std::size_t>(m.group - groups.data());
    const std::vector<std::byte> row = narrow(vectors[g], table.dtype, weights.path());
    std::memcpy(grown.data() + static_cast<std::size_t>(m.word.id) * row_bytes, row.data(), row_bytes);
  }
  const std::vector<std::uint64_t> table_shape{vocab, width};

  SafetensorsWriter writer;
  for (const TensorInfo& t : weights.tensors()) {
    const std::span<const std::byte> bytes = weights.bytes(t);
    const bool decoder = std::find(std::begin(kDecoderWeights), std::end(kDecoderWeights), t.name) != std::end(kDecoderWeights);
    const bool bias = std::find(std::begin(kDecoderBiases), std::end(kDecoderBiases), t.name) != std::end(kDecoderBiases);
    if (t.name == table_name) {
      writer.add(t.name, t.dtype, table_shape, grown);
    } else if (decoder && t.shape == std::vector<std::uint64_t>{old_vocab, width}) {
      if (t.dtype == table.dtype && std::equal(bytes.begin(), bytes.end(), old_table.begin(), old_table.end())) {
        writer.add(t.name, t.dtype, table_shape, grown);  // tied: the same table stored twice
        continue;
      }
      // A decoder of its own: new tokens start from the mean of its rows (the groups change
      // the input side only).
      const std::vector<float> values = weights.read_float(t.name);
      const std::vector<float> mean = combine_vectors(values, width, {}, CombineMethod::Mean);
      std::vector<std::byte> out(bytes.begin(), bytes.end());
      const std::vector<std::byte> row = narrow(mean, t.dtype, weights.path());
      for (std::size_t r = old_vocab; r < vocab; ++r) out.insert(out.end(), row.begin(), row.end());
      writer.add(t.name, t.dtype, table_shape, out);
    } else if (bias && t.shape == std::vector<std::uint64_t>{old_vocab}) {
      std::vector<std::byte> out(bytes.begin(), bytes.end());
      out.resize(vocab * dtype_size(t.dtype), std::byte{0});  // zeros, as resize pads the bias
      writer.add(t.name, t.dtype, {vocab}, out);
    } else {
      writer.add(t.name, t.dtype, t.shape, bytes);
    }
  }
  for (const auto& [key, value] : weights.metadata()) writer.set_metadata(key, value);
  if (weights.metadata().empty()) writer.set_metadata("format", "pt");
  writer.write(path.string());
}

/// The entry HF add_tokens writes for a word added as a plain (non-special) token.
Json added_token_json(const std::string& word, std::int32_t id) {
  return Json{{"id", id},          {"content", word}, {"single_word", false}, {"lstrip", false},
              {"rstrip", false},   {"normalized", true}, {"special", false}};
}

void write_tokenizer_files(const fs::path& dir, const std::vector<Member>& members) {
  std::vector<const AdjustedWord*> added;
  for (const Member& m : members) {
    if (m.word.added) added.push_back(&m.word);
  }
  std::sort(added.begin(), added.end(), [](const AdjustedWord* a, const AdjustedWord* b) { return a->id < b->id; });
  if (added.empty()) return;

  Json tokenizer = read_json(dir / "tokenizer.json");
  Json& tokens = tokenizer["added_tokens"];
  if (tokens.is_null()) tokens = Json::array();
  for (const AdjustedWord* w : added) tokens.push_back(added_token_json(w->word, w->id));
  // The crate writes added_tokens in id order.
  std::stable_sort(tokens.begin(), tokens.end(), [](const Json& a, const Json& b) { return a["id"] < b["id"]; });
  write_file_atomically((dir / "tokenizer.json").string(), tokenizer.dump(2));

  // The slow tokenizer's list (vocab.txt stays as it is; the new ids live here).
  Json added_json = fs::exists(dir / "added_tokens.json") ? read_json(dir / "added_tokens.json") : Json::object();
  for (const AdjustedWord* w : added) added_json[w->word] = w->id;
  write_json(dir / "added_tokens.json", added_json);

  if (fs::exists(dir / "tokenizer_config.json")) {
    Json config = read_json(dir / "tokenizer_config.json");
    if (config.contains("added_tokens_decoder") && config["added_tokens_decoder"].is_object()) {
      for (const AdjustedWord* w : added) {
        Json entry = added_token_json(w->word, w->id);
        entry.erase("id");
        config["added_tokens_decoder"][std::to_string(w->id)] = entry;
      }
      write_json(dir / "tokenizer_config.json", config);
    }
  }
}

}  // namespace

AdjustReport adjust_model(const fs::path& model, const std::vector<SynonymGroup>& groups, const fs::path& out,
                          const AdjustOptions& options) {
  const fs::path folder = hub::resolve_model_folder(model);
  std::error_code ec;
  if (fs::exists(out, ec) && fs::equivalent(folder, out, ec)) {
    throw UsageError(fmt::format("--out {} is the input model folder; adjust never changes a model in place", out.string()));
  }
  const fs::path inside = fs::weakly_canonical(out).lexically_relative(fs::canonical(folder));
  if (!inside.empty() && *inside.begin() != "..") {
    throw UsageError(fmt::format("--out {} is inside the input model folder {}; write it elsewhere", out.string(), folder.string()));
  }
  const encoder::SentenceSettings settings = encoder::read_sentence_settings(folder);
  const fs::path dir = settings.transformer_dir;
  const fs::path config_path = dir / "config.json", tokenizer_path = dir / "tokenizer.json";
  const EncoderConfig config = encoder::read_encoder_config(config_path);
  if (!fs::exists(tokenizer_path)) {
    throw InputError(fmt::format("{}: missing; adjust adds the new tokens to tokenizer.json (a bare vocab.txt is not enough)",
                                 tokenizer_path.string()));
  }
  const Tokenizer tokenizer = Tokenizer::load(tokenizer_path);
  if (tokenizer.vocab_size() != config.vocab_size) {
    throw InputError(fmt::format("{}: {} tokens but {} says vocab_size {}; adjust needs them equal",
                                 tokenizer_path.string(), tokenizer.vocab_size(), config_path.string(), config.vocab_size));
  }
  const SafetensorsFile weights((dir / "model.safetensors").string());
  const std::string table_name = encoder::encoder_prefix(weights) + "embeddings.word_embeddings.weight";
  const TensorInfo& table = weights.tensor(table_name);
  const std::size_t width = config.hidden_size;
  if (table.shape != std::vector<std::uint64_t>{config.vocab_size, width}) {
    throw InputError(fmt::format("{}: {} does not have the shape [{}, {}] of config.json", weights.path(), table_name,
                                 config.vocab_size, width));
  }

  AdjustReport report;
  report.vocab_before = config.vocab_size;
  std::size_t vocab = config.vocab_size;
  const std::vector<Member> members = assign_ids(groups, tokenizer, tokenizer_path.string(), vocab);
  report.vocab_after = vocab;
  const std::vector<std::vector<float>> vectors =
      group_vectors(groups, folder, tokenizer, weights, table_name, width, options);

  const fs::path relative_dir = fs::relative(dir, folder);
  write_folder_atomically(
      out.string(),
      [&](const std::string& staging) {
        copy_folder(folder, staging);
        const fs::path new_dir = fs::path(staging) / relative_dir;
        write_weights(weights, table_name, config.vocab_size, vocab, width, members, vectors, groups,
                      new_dir / "model.safetensors");
        Json new_config = read_json(config_path);
        new_config["vocab_size"] = vocab;
        write_json(new_dir / "config.json", new_config);
        write_tokenizer_files(new_dir, members);
      },
      [&](const std::string&) { return options.force; },
      fmt::format("--out {} exists; use --force to replace it", out.string()));
  for (const Member& m : members) report.words.push_back(m.word);
  return report;
}

}  // namespace topica
