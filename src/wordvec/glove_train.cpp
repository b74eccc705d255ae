// GloVe's AdaGrad fit, as Stanford's glove.c: each cell (i, j, X) pulls w_i . w~_j + b_i + b~_j
// towards log X with weight f(X) = min(1, (X / x_max)^alpha); every parameter has its own AdaGrad
// rate eta / sqrt(1 + sum of its squared gradients). Threads run Hogwild, each over its own
// shard of the cells, reshuffled every epoch from the seed; the output is W + W~.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topica/glove.hpp"
#include "topica/parallel.hpp"
#include "topica/random.hpp"

namespace topica {
namespace {

// glove.c clips each gradient component to this, which keeps a rare huge error from blowing up
// a vector early in training.
constexpr float kGradientClip = 100.0f;

void check_options(const GloveOptions& o) {
  if (o.dimension == 0) throw UsageError("GloVe: the dimension must be at least 1");
  if (o.epochs == 0) throw UsageError("GloVe: epochs must be at least 1");
  if (!(o.x_max > 0)) throw UsageError("GloVe: x_max must be positive");
  if (!(o.alpha > 0)) throw UsageError("GloVe: alpha must be positive");
  if (!(o.learning_rate > 0)) throw UsageError("GloVe: the learning rate must be positive");
}

template <typename T>
void shuffle(T* begin, std::size_t n, Random& random) {
  for (std::size_t i = n; i > 1; --i) std::swap(begin[i - 1], begin[random.below(i)]);
}

// Word and context parameters: row r (words r < V, contexts V + r) is `dimension` weights and a
// bias, with the AdaGrad sums of squared gradients beside them in the same layout.
struct GloveParameters {
  std::size_t vocabulary, dimension, stride;
  std::vector<float> weights, squared_gradients;

  GloveParameters(std::size_t v, std::size_t d, std::uint64_t seed)
      : vocabulary(v), dimension(d), stride(d + 1), weights(2 * v * stride), squared_gradients(2 * v * stride, 1.0f) {
    Random random(seed, 0);
    for (float& w : weights) w = (random.uniform_float() - 0.5f) / static_cast<float>(d);
  }
  float* word(std::uint32_t r) { return weights.data() + r * stride; }
  float* context(std::uint32_t r) { return weights.data() + (vocabulary + r) * stride; }
  float* word_squares(std::uint32_t r) { return squared_gradients.data() + r * stride; }
  float* context_squares(std::uint32_t r) { return squared_gradients.data() + (vocabulary + r) * stride; }
};

// One AdaGrad step on one cell; returns its weighted squared error.
double update(GloveParameters& p, const Cooccurrence& cell, const GloveOptions& o) {
  float* w = p.word(cell.row);
  float* c = p.context(cell.col);
  float* gw = p.word_squares(cell.row);
  float* gc = p.context_squares(cell.col);
  const std::size_t d = p.dimension;
  float dot = 0;
  for (std::size_t k = 0; k < d; ++k) dot += w[k] * c[k];
  const float diff = dot + w[d] + c[d] - std::log(cell.count);
  const float weight = cell.count > o.x_max ? 1.0f : static_cast<float>(std::pow(cell.count / o.x_max, o.alpha));
  const float weighted = weight * diff;
  if (!std::isfinite(weighted)) return 0;  // glove.c skips a cell whose error overflowed
  const float eta = static_cast<float>(o.learning_rate);
  for (std::size_t k = 0; k < d; ++k) {
    const float step_w = std::clamp(weighted * c[k], -kGradientClip, kGradientClip) * eta;
    const float step_c = std::clamp(weighted * w[k], -kGradientClip, kGradientClip) * eta;
    w[k] -= step_w / std::sqrt(gw[k]);
    c[k] -= step_c / std::sqrt(gc[k]);
    gw[k] += step_w * step_w;
    gc[k] += step_c * step_c;
  }
  const float step_bias = weighted * eta;
  w[d] -= step_bias / std::sqrt(gw[d]);
  c[d] -= step_bias / std::sqrt(gc[d]);
  gw[d] += step_bias * step_bias;
  gc[d] += step_bias * step_bias;
  return 0.5 * static_cast<double>(weighted) * diff;
}

}  // namespace

WordVectors train_glove(const std::vector<std::string>& words, std::vector<Cooccurrence> cells, const GloveOptions& o) {
  check_options(o);
  if (cells.empty()) throw InputError("GloVe: no two words share a window, nothing to train on");
  const auto start = std::chrono::steady_clock::now();
  GloveParameters parameters(words.size(), o.dimension, o.seed);
  const std::size_t shards = std::min(resolve_threads(o.threads), cells.size());
  Random mix(o.seed, 1);
  shuffle(cells.data(), cells.size(), mix);  // spreads every word's cells over the shards
  std::vector<double> shard_loss(shards);
  for (std::size_t epoch = 0; epoch < o.epochs; ++epoch) {
    parallel_tasks(shards, shards, [&](std::size_t s) {
      const std::size_t begin = s * cells.size() / shards, end = (s + 1) * cells.size() / shards;
      Random random(o.seed, 2 + epoch * shards + s);
      shuffle(cells.data() + begin, end - begin, random);
      double loss = 0;
      for (std::size_t i = begin; i < end; ++i) loss += update(parameters, cells[i], o);
      shard_loss[s] = loss;
    });
    if (o.on_epoch) {
      double loss = 0;
      for (double l : shard_loss) loss += l;
      o.on_epoch({epoch + 1, loss / static_cast<double>(cells.size()),
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()});
    }
  }

  WordVectors out;
  out.words = words;
  out.vectors = Matrix<float>(words.size(), o.dimension);
  for (std::uint32_t r = 0; r < words.size(); ++r) {
    const float* w = parameters.word(r);
    const float* c = parameters.context(r);
    for (std::size_t k = 0; k < o.dimension; ++k) out.vectors(r, k) = w[k] + c[k];
  }
  out.reindex();
  return out;
}

WordVectors train_glove(const TokenSource& documents, const GloveOptions& o) {
  check_options(o);
  WordIdCorpus corpus = build_word_id_corpus(documents, o.min_count);
  if (corpus.words.empty()) throw InputError(fmt::format("GloVe: no word occurs at least {} times (min_count)", o.min_count));
  std::vector<Cooccurrence> cells = count_cooccurrences(corpus, o.window, o.threads);
  corpus.ids = {};  // the tokens are no longer needed while training
  return train_glove(corpus.words, std::move(cells), o);
}

}  // namespace topica
