// MaskedLanguageModel: the sentence encoder's last hidden states at the mask tokens through the
// masked-LM head, then softmax and top-k, as transformers' FillMaskPipeline.
#include "topica/masked_lm.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

#include "core/utf8.hpp"
#include "encoder/encoder_config.hpp"
#include "encoder/masked_lm_head.hpp"
#include "tokenizers/byte_level.hpp"
#include "tokenizers/json_fields.hpp"
#include "topica/hub.hpp"
#include "topica/error.hpp"

namespace topica {

struct MaskedLanguageModel::Model {
  SentenceEncoder encoder;
  encoder::MaskedLmHead head;
  std::string mask_token;
  std::int32_t mask_id = 0;
};

namespace {

namespace fs = std::filesystem;

// The tokenizer file a message about the vocabulary should name.
std::string tokenizer_file(const fs::path& dir) {
  std::error_code ec;
  return (fs::exists(dir / "tokenizer.json", ec) ? dir / "tokenizer.json" : dir / "vocab.txt").string();
}

// The text a token stands for, as the tokenizers' decoders give it: WordPiece's "##" continues the
// previous word, sentencepiece's "▁" and byte-level BPE's "Ġ" are spaces. Byte-level tokens are
// mapped back to their bytes only when every character is a byte stand-in and the bytes are UTF-8.
struct TokenText {
  std::string text;
  bool continues_word = false;
};

std::optional<std::string> byte_level_bytes(const std::string& token) {
  static const auto inverse = [] {
    std::vector<std::pair<char32_t, unsigned char>> table;
    for (int b = 0; b < 256; ++b) table.emplace_back(tokenizers::ByteLevel::byte_char(static_cast<unsigned char>(b)), b);
    std::sort(table.begin(), table.end());
    return table;
  }();
  std::string bytes;
  bool mapped = false;
  for (std::size_t i = 0; i < token.size();) {
    const char32_t c = utf8::next(token, i);
    const auto it = std::lower_bound(inverse.begin(), inverse.end(), std::make_pair(c, static_cast<unsigned char>(0)));
    if (it == inverse.end() || it->first != c) return std::nullopt;
    mapped = mapped || c != it->second;
    bytes += static_cast<char>(it->second);
  }
  if (!mapped || utf8::find_invalid(bytes) != std::string::npos) return std::nullopt;
  return bytes;
}

TokenText token_text(const std::string& token) {
  if (token.size() > 2 && token.compare(0, 2, "##") == 0) return {token.substr(2), true};
  if (utf8::find_invalid(token) != std::string::npos) return {token, false};
  if (auto bytes = byte_level_bytes(token)) return {*bytes, false};
  const std::string_view lower_one_eighth_block = "\u2581";  // sentencepiece's space
  std::string text;
  for (std::size_t i = 0; i < token.size();) {
    if (token.compare(i, lower_one_eighth_block.size(), lower_one_eighth_block) == 0) {
      text += ' ';
      i += lower_one_eighth_block.size();
    } else {
      text += token[i++];
    }
  }
  return {text, false};
}

// `text` with the code points [begin, end) replaced by the token's text, spaces joined sensibly.
std::string fill_span(const std::string& text, std::size_t begin, std::size_t end, const TokenText& token) {
  std::size_t byte_begin = text.size(), byte_end = text.size();
  std::size_t i = 0;
  for (std::size_t cp = 0; i <= text.size(); ++cp) {
    if (cp == begin) byte_begin = i;
    if (cp == end) {
      byte_end = i;
      break;
    }
    if (i == text.size()) break;
    utf8::next(text, i);
  }
  std::string before = text.substr(0, byte_begin), insert = token.text;
  if (token.continues_word) {
    while (!before.empty() && before.back() == ' ') before.pop_back();
  } else if (!insert.empty() && insert.front() == ' ' && (before.empty() || before.back() == ' ')) {
    insert.erase(0, 1);
  }
  return before + insert + text.substr(std::min(byte_end, text.size()));
}

std::vector<std::size_t> mask_positions(const Encoding& encoding, std::int32_t mask_id) {
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < encoding.size(); ++i) {
    if (encoding.ids[i] == mask_id) positions.push_back(i);
  }
  return positions;
}

// The mask token the tokenizer files name (special_tokens_map.json first, as transformers reads
// it), then the usual [MASK] (BERT) and <mask> (RoBERTa, XLM-R).
std::vector<std::string> mask_token_candidates(const fs::path& dir) {
  std::vector<std::string> candidates;
  for (const char* file : {"special_tokens_map.json", "tokenizer_config.json"}) {
    const fs::path path = dir / file;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) continue;
    const nlohmann::json document = tokenizers::parse_json_file(path);
    if (!document.is_object()) throw InputError(path.string() + ": expected a JSON object");
    if (auto name = tokenizers::token_name(tokenizers::JsonFields(document, path.string(), ""), "mask_token")) {
      candidates.push_back(std::move(*name));
    }
  }
  candidates.insert(candidates.end(), {"[MASK]", "<mask>"});
  return candidates;
}

}  // namespace

MaskedLanguageModel::MaskedLanguageModel(std::shared_ptr<const Model> model) : model_(std::move(model)) {}

MaskedLanguageModel MaskedLanguageModel::load(const fs::path& folder_or_id) {
  const fs::path folder = hub::resolve_model_folder(folder_or_id);  // a folder, or a hub id in the HF cache
  SentenceEncoder encoder = SentenceEncoder::load(folder);
  const fs::path dir = encoder::read_sentence_settings(folder).transformer_dir;
  std::string mask_token;
  std::optional<std::int32_t> mask_id;
  for (const std::string& candidate : mask_token_candidates(dir)) {
    if ((mask_id = encoder.tokenizer().token_to_id(candidate))) {
      mask_token = candidate;
      break;
    }
  }
  if (!mask_id) throw InputError(tokenizer_file(dir) + ": no mask token (named in the tokenizer files, [MASK] or <mask>) in the vocabulary");
  const SafetensorsFile weights((dir / "model.safetensors").string());
  encoder::MaskedLmHead head = encoder::read_masked_lm_head(weights, encoder.config());
  return MaskedLanguageModel(
      std::make_shared<Model>(Model{std::move(encoder), std::move(head), std::move(mask_token), *mask_id}));
}

Matrix<float> MaskedLanguageModel::mask_logits(std::string_view text, std::size_t threads) const {
  const SentenceEncoder& encoder = model_->encoder;
  const Encoding encoding = encoder.tokenizer().encode(text);
  const std::vector<std::size_t> positions = mask_positions(encoding, model_->mask_id);
  if (positions.empty()) {
    throw InputError(fmt::format("the text holds no {} token within the model's {} tokens", model_->mask_token,
                                 encoder.max_length()));
  }
  const std::string texts[] = {std::string(text)};
  const Matrix<float> hidden = encoder.token_embeddings(texts, 1, threads).front();
  Matrix<float> at_masks(positions.size(), hidden.cols);
  for (std::size_t m = 0; m < positions.size(); ++m) {
    std::copy(hidden.row(positions[m]), hidden.row(positions[m]) + hidden.cols, at_masks.row(m));
  }
  return encoder::apply_masked_lm_head(model_->head, at_masks);
}

std::vector<MaskPredictions> MaskedLanguageModel::fill(std::string_view text, std::size_t top_k,
                                                       std::size_t threads) const {
  if (top_k == 0) throw UsageError("top k must be at least 1");
  const Matrix<float> logits = mask_logits(text, threads);
  const Encoding encoding = model_->encoder.tokenizer().encode(text);
  const std::vector<std::size_t> positions = mask_positions(encoding, model_->mask_id);
  const std::string clean = utf8::replace_invalid(text);  // offsets count U+FFFD for ill-formed bytes
  std::vector<MaskPredictions> out;
  for (std::size_t m = 0; m < positions.size(); ++m) {
    const float* row = logits.row(m);
    const double top = *std::max_element(row, row + logits.cols);
    std::vector<double> probabilities(logits.cols);
    double sum = 0;
    for (std::size_t v = 0; v < logits.cols; ++v) sum += (probabilities[v] = std::exp(row[v] - top));
    for (double& p : probabilities) p /= sum;
    std::vector<std::int32_t> order(logits.cols);
    std::iota(order.begin(), order.end(), 0);
    const std::size_t k = std::min(top_k, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                      [&](std::int32_t a, std::int32_t b) {
                        return probabilities[a] > probabilities[b] || (probabilities[a] == probabilities[b] && a < b);
                      });
    MaskPredictions predictions{positions[m], {}};
    const auto [begin, end] = encoding.offsets[positions[m]];
    for (std::size_t i = 0; i < k; ++i) {
      MaskFill fill;
      fill.id = order[i];
      fill.token = model_->encoder.tokenizer().id_to_token(fill.id).value_or("");
      fill.probability = probabilities[static_cast<std::size_t>(fill.id)];
      fill.sequence = fill_span(clean, begin, end, token_text(fill.token));
      predictions.top.push_back(std::move(fill));
    }
    out.push_back(std::move(predictions));
  }
  return out;
}

const std::string& MaskedLanguageModel::mask_token() const { return model_->mask_token; }
std::int32_t MaskedLanguageModel::mask_id() const { return model_->mask_id; }
const SentenceEncoder& MaskedLanguageModel::encoder() const { return model_->encoder; }

}  // namespace topica
