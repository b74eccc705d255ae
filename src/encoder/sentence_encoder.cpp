// SentenceEncoder: load a model folder, tokenize, batch by length, run the encoder, pool.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <mutex>
#include <numeric>

#include "encoder/encoder_config.hpp"
#include "encoder/encoder_weights.hpp"
#include "encoder/pooling.hpp"
#include "encoder/transformer.hpp"
#include "topica/embedder.hpp"
#include "topica/encoder.hpp"
#include "topica/error.hpp"
#include "topica/hub.hpp"
#include "topica/parallel.hpp"
#include "topica/safetensors.hpp"

namespace topica {

struct SentenceEncoder::Model {
  EncoderConfig config;
  PoolingConfig pooling;
  bool normalize = false;
  std::size_t max_length = 0;
  Tokenizer tokenizer;
  encoder::EncoderWeights weights;  ///< embeddings and layer norms
  std::vector<encoder::LayerLinears> linears;  ///< the dense products, in `precision`
  Precision precision = Precision::Fp32;
};

namespace {

namespace fs = std::filesystem;

encoder::EncoderWeights read_weights(const fs::path& dir, const EncoderConfig& config) {
  const fs::path path = dir / "model.safetensors";
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    const bool bin = fs::exists(dir / "pytorch_model.bin", ec);
    throw InputError(path.string() + ": not found" +
                     (bin ? " (pytorch_model.bin is not read: save the model with safe_serialization=True)" : ""));
  }
  const SafetensorsFile file(path.string());
  return encoder::read_encoder_weights(file, config);
}

// The caller's limit, else sentence_bert_config.json's, else the position table's; never past
// the position table, where transformers would index out of range.
std::size_t choose_max_length(const EncoderOptions& options, const encoder::SentenceSettings& settings,
                              const EncoderConfig& config) {
  const std::size_t limit = config.max_positions();
  if (options.max_length) {
    if (*options.max_length < 2 || *options.max_length > limit) {
      throw UsageError(fmt::format("max length {} is outside [2, {}], the model's positions", *options.max_length, limit));
    }
    return *options.max_length;
  }
  if (settings.max_seq_length) {
    if (*settings.max_seq_length > limit) {
      throw InputError(fmt::format("{}: max_seq_length {} is past the model's {} positions",
                                   (settings.transformer_dir / "sentence_bert_config.json").string(),
                                   *settings.max_seq_length, limit));
    }
    return *settings.max_seq_length;
  }
  return limit;
}

// Texts are run longest first in batches of similar length (sentence-transformers' order).
std::vector<std::size_t> by_length(const std::vector<Encoding>& encodings) {
  std::vector<std::size_t> order(encodings.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return encodings[a].size() > encodings[b].size(); });
  return order;
}

encoder::PackedBatch pack(const std::vector<Encoding>& encodings, std::span<const std::size_t> texts) {
  encoder::PackedBatch batch;
  batch.starts.push_back(0);
  for (std::size_t t : texts) {
    const Encoding& e = encodings[t];
    batch.ids.insert(batch.ids.end(), e.ids.begin(), e.ids.end());
    batch.type_ids.insert(batch.type_ids.end(), e.type_ids.begin(), e.type_ids.end());
    batch.starts.push_back(batch.ids.size());
  }
  return batch;
}

using TokenSink = std::function<void(std::size_t text, const float* rows, std::size_t tokens)>;

// Tokenizes, runs every batch and hands each text's token rows to `sink` (from any thread; each
// text once). Batches run side by side when there are enough of them, otherwise one at a time
// with the threads inside; the encoder's fixed blocks give the same bits either way.
void run_texts(const SentenceEncoder::Model& model, std::span<const std::string> texts, std::size_t batch_size,
               std::size_t threads, const TokenSink& sink, const EncodeProgress& progress = {}) {
  if (batch_size == 0) throw UsageError("batch size must be at least 1");
  threads = resolve_threads(threads);
  std::vector<Encoding> encodings(texts.size());
  parallel_blocks(texts.size(), 64, threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) encodings[i] = model.tokenizer.encode(texts[i]);
  });
  const std::vector<std::size_t> order = by_length(encodings);
  const std::size_t batches = (order.size() + batch_size - 1) / batch_size;
  const std::size_t outer = std::max<std::size_t>(1, std::min(threads, batches));
  const std::size_t inner = std::max<std::size_t>(1, threads / outer);
  std::mutex progress_mutex;
  std::size_t done = 0;
  parallel_tasks(batches, outer, [&](std::size_t b) {
    const std::size_t begin = b * batch_size, end = std::min(order.size(), begin + batch_size);
    const std::span<const std::size_t> members(order.data() + begin, end - begin);
    const encoder::PackedBatch batch = pack(encodings, members);
    const Matrix<float> hidden = encoder::run_encoder(model.weights, model.linears, model.config, batch, inner);
    for (std::size_t i = 0; i < members.size(); ++i) {
      sink(members[i], hidden.row(batch.starts[i]), batch.starts[i + 1] - batch.starts[i]);
    }
    if (progress) {
      const std::lock_guard lock(progress_mutex);
      done += members.size();
      progress(done, order.size());
    }
  });
}

}  // namespace

SentenceEncoder::SentenceEncoder(std::shared_ptr<const Model> model) : model_(std::move(model)) {}

SentenceEncoder SentenceEncoder::load(const fs::path& folder_or_id, const EncoderOptions& options) {
  const fs::path folder = hub::resolve_model_folder(folder_or_id);  // a folder, or a hub id in the HF cache
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) throw InputError(folder.string() + ": not a model folder");
  const encoder::SentenceSettings settings = encoder::read_sentence_settings(folder);
  const fs::path& dir = settings.transformer_dir;
  EncoderConfig config = encoder::read_encoder_config(dir / "config.json");
  if (settings.pooling_width && *settings.pooling_width != config.hidden_size) {
    throw InputError(fmt::format("{}: word_embedding_dimension {} does not match config.json hidden_size {}",
                                 (folder / "1_Pooling" / "config.json").string(), *settings.pooling_width,
                                 config.hidden_size));
  }
  encoder::EncoderWeights weights = read_weights(dir, config);
  Tokenizer tokenizer = Tokenizer::load(dir);
  const std::size_t max_length = choose_max_length(options, settings, config);
  tokenizer.set_truncation(max_length);
  tokenizer.set_padding(std::nullopt);  // batches are packed, never padded
  std::vector<encoder::LayerLinears> linears = encoder::prepare_linears(weights, options.precision);
  auto model = std::make_shared<Model>(Model{std::move(config), settings.pooling, settings.normalize || options.normalize,
                                             max_length, std::move(tokenizer), std::move(weights), std::move(linears),
                                             options.precision});
  return SentenceEncoder(std::move(model));
}

Matrix<float> SentenceEncoder::encode(std::span<const std::string> texts, std::size_t batch_size,
                                      std::size_t threads, const EncodeProgress& progress) const {
  const std::size_t hidden = model_->config.hidden_size;
  Matrix<float> out(texts.size(), dimensions());
  run_texts(*model_, texts, batch_size, threads, [&](std::size_t text, const float* rows, std::size_t tokens) {
    encoder::pool_tokens(model_->pooling, rows, tokens, hidden, out.row(text));
  }, progress);
  if (model_->normalize) l2_normalize_rows(out);
  return out;
}

std::vector<Matrix<float>> SentenceEncoder::token_embeddings(std::span<const std::string> texts,
                                                             std::size_t batch_size, std::size_t threads) const {
  const std::size_t hidden = model_->config.hidden_size;
  std::vector<Matrix<float>> out(texts.size());
  run_texts(*model_, texts, batch_size, threads, [&](std::size_t text, const float* rows, std::size_t tokens) {
    out[text] = Matrix<float>(tokens, hidden);
    std::copy(rows, rows + tokens * hidden, out[text].values.begin());
  });
  return out;
}

const EncoderConfig& SentenceEncoder::config() const { return model_->config; }
const PoolingConfig& SentenceEncoder::pooling() const { return model_->pooling; }
const Tokenizer& SentenceEncoder::tokenizer() const { return model_->tokenizer; }
std::size_t SentenceEncoder::dimensions() const { return encoder::pooled_width(model_->pooling, model_->config.hidden_size); }
std::size_t SentenceEncoder::max_length() const { return model_->max_length; }
bool SentenceEncoder::normalizes() const { return model_->normalize; }
Precision SentenceEncoder::precision() const { return model_->precision; }

const char* precision_name(Precision precision) {
  switch (precision) {
    case Precision::Fp32: return "fp32";
    case Precision::Bf16: return "bf16";
    case Precision::Int8: return "int8";
  }
  return "fp32";
}

std::optional<Precision> parse_precision(std::string_view name) {
  for (Precision p : {Precision::Fp32, Precision::Bf16, Precision::Int8}) {
    if (name == precision_name(p)) return p;
  }
  return std::nullopt;
}

}  // namespace topica
