// Word2Vec's sentence trainers. The rows are updated in place by every thread (Hogwild).
#include "topica/word2vec.hpp"

#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topica/parallel.hpp"
#include "wordvec/context_window.hpp"
#include "wordvec/hogwild.hpp"
#include "wordvec/huffman_tree.hpp"
#include "wordvec/negative_sampler.hpp"
#include "wordvec/sgd_kernels.hpp"

namespace topica {
namespace wordvec {
namespace {

// What every thread shares: the matrices and the samplers.
struct Word2VecModel {
  std::size_t dim = 0, window = 0, negative = 0;
  float* input = nullptr;        // syn0: words x dim
  float* output_ns = nullptr;    // syn1neg: words x dim
  float* output_hs = nullptr;    // syn1: inner nodes x dim
  const NegativeSampler* sampler = nullptr;
  const HuffmanTree* tree = nullptr;
  const SigmoidTable* sigmoid = nullptr;
};

// One thread's buffers, sized once.
struct Scratch {
  std::vector<std::uint32_t> context, targets;
  std::vector<float> gradients;  // context x targets
  std::vector<float> errors;     // context x dim
  std::vector<float> hidden;     // dim

  Scratch(std::size_t dim, std::size_t window, std::size_t negative)
      : gradients(2 * window * (negative + 1)), errors(2 * window * dim), hidden(dim) {
    context.reserve(2 * window);
    targets.reserve(negative + 1);
  }
};

// The positive target then `negative` draws that differ from it (a draw equal to it is dropped,
// as word2vec.c does).
TOPICA_WORDVEC_INLINE void draw_targets(const Word2VecModel& m, std::uint32_t positive, FastRandom& random,
                                        std::vector<std::uint32_t>& targets) {
  targets.clear();
  targets.push_back(positive);
  for (std::size_t s = 0; s < m.negative; ++s) {
    const std::uint32_t t = m.sampler->draw(random);
    if (t != positive) targets.push_back(t);
  }
  for (std::uint32_t t : targets) prefetch_row(m.output_ns + std::size_t{t} * m.dim, m.dim);
}

// Hierarchical softmax for one hidden vector: accumulates into `error`, updates the node rows.
TOPICA_WORDVEC_INLINE void softmax_tree(const Word2VecModel& m, std::uint32_t word, const float* hidden, float* error, float alpha) {
  const auto points = m.tree->points(word);
  const auto codes = m.tree->codes(word);
  for (std::size_t p = 0; p < points.size(); ++p) {
    float* node = m.output_hs + std::size_t{points[p]} * m.dim;
    const float f = dot(hidden, node, m.dim);
    if (f <= -SigmoidTable::kMaxExp || f >= SigmoidTable::kMaxExp) continue;  // word2vec.c, gensim
    const float g = (1.0f - codes[p] - (*m.sigmoid)(f)) * alpha;
    axpy(error, g, node, m.dim);
    axpy(node, g, hidden, m.dim);
  }
}

// Skip-gram: each context word predicts the centre word. With negative sampling the window's
// context words share one draw of negatives (pWord2Vec), so the scores are a (context x targets)
// matrix product, and so are both gradients.
TOPICA_WORDVEC_CLONES void train_skipgram(const Word2VecModel& m, Scratch& s, const std::uint32_t* words, std::size_t count,
                                          float alpha, FastRandom& random) {
  const std::size_t dim = m.dim;
  for (std::size_t i = 0; i < count; ++i) {
    gather_context(words, count, i, m.window, random, s.context);
    const std::size_t k = s.context.size();
    if (k == 0) continue;
    if (m.negative > 0) {
      draw_targets(m, words[i], random, s.targets);
      const std::size_t n = s.targets.size();
      for (std::size_t c = 0; c < k; ++c) {
        const float* in = m.input + std::size_t{s.context[c]} * dim;
        for (std::size_t t = 0; t < n; ++t) {
          const float f = dot(in, m.output_ns + std::size_t{s.targets[t]} * dim, dim);
          s.gradients[c * n + t] = ((t == 0 ? 1.0f : 0.0f) - (*m.sigmoid)(f)) * alpha;
        }
      }
      for (std::size_t c = 0; c < k; ++c) {  // errors = G x Out, before Out changes
        float* e = s.errors.data() + c * dim;
        zero(e, dim);
        for (std::size_t t = 0; t < n; ++t) axpy(e, s.gradients[c * n + t], m.output_ns + std::size_t{s.targets[t]} * dim, dim);
      }
      for (std::size_t t = 0; t < n; ++t) {  // Out += G^T x In
        float* out = m.output_ns + std::size_t{s.targets[t]} * dim;
        for (std::size_t c = 0; c < k; ++c) axpy(out, s.gradients[c * n + t], m.input + std::size_t{s.context[c]} * dim, dim);
      }
    } else {
      zero(s.errors.data(), k * dim);
    }
    if (m.output_hs != nullptr) {
      for (std::size_t c = 0; c < k; ++c) {
        softmax_tree(m, words[i], m.input + std::size_t{s.context[c]} * dim, s.errors.data() + c * dim, alpha);
      }
    }
    for (std::size_t c = 0; c < k; ++c) axpy(m.input + std::size_t{s.context[c]} * dim, 1.0f, s.errors.data() + c * dim, dim);
  }
}

// CBOW: the mean of the context vectors predicts the centre word; each context word gets the
// whole error (gensim's cbow_mean=1, word2vec.c).
TOPICA_WORDVEC_CLONES void train_cbow(const Word2VecModel& m, Scratch& s, const std::uint32_t* words, std::size_t count,
                                      float alpha, FastRandom& random) {
  const std::size_t dim = m.dim;
  float* hidden = s.hidden.data();
  float* error = s.errors.data();
  for (std::size_t i = 0; i < count; ++i) {
    gather_context(words, count, i, m.window, random, s.context);
    const std::size_t k = s.context.size();
    if (k == 0) continue;
    if (m.negative > 0) draw_targets(m, words[i], random, s.targets);
    zero(hidden, dim);
    for (std::uint32_t c : s.context) axpy(hidden, 1.0f, m.input + std::size_t{c} * dim, dim);
    scale(hidden, 1.0f / static_cast<float>(k), dim);
    zero(error, dim);
    if (m.negative > 0) {
      for (std::size_t t = 0; t < s.targets.size(); ++t) {
        float* out = m.output_ns + std::size_t{s.targets[t]} * dim;
        const float g = ((t == 0 ? 1.0f : 0.0f) - (*m.sigmoid)(dot(hidden, out, dim))) * alpha;
        axpy(error, g, out, dim);
        axpy(out, g, hidden, dim);
      }
    }
    if (m.output_hs != nullptr) softmax_tree(m, words[i], hidden, error, alpha);
    for (std::uint32_t c : s.context) axpy(m.input + std::size_t{c} * dim, 1.0f, error, dim);
  }
}

}  // namespace
}  // namespace wordvec

WordVectors train_word2vec(const TrainingCorpus& corpus, const Word2VecOptions& options) {
  using namespace wordvec;
  if (options.dim == 0) throw UsageError("the vector dimension must be at least 1");
  if (options.window == 0) throw UsageError("the window must be at least 1");
  if (options.negative == 0 && !options.hierarchical_softmax) {
    throw UsageError("nothing to train: give negative samples (--negative N > 0) or hierarchical softmax (--hs)");
  }
  if (corpus.words.empty()) throw UsageError("the vocabulary is empty: no word occurs min_count times");
  const std::size_t words = corpus.words.size(), dim = options.dim;

  WordVectors result;
  result.words = corpus.words;
  result.vectors = Matrix<float>(words, dim);
  // word2vec.c and gensim: input uniform in [-0.5/dim, 0.5/dim), outputs zero.
  fill_uniform(result.vectors.values, 0.5f / static_cast<float>(dim), options.seed, options.threads);
  std::vector<float> output_ns(options.negative > 0 ? words * dim : 0, 0.0f);
  const HuffmanTree tree = options.hierarchical_softmax ? HuffmanTree(corpus.counts) : HuffmanTree();
  std::vector<float> output_hs(tree.inner_nodes() * dim, 0.0f);
  const NegativeSampler sampler = options.negative > 0 ? NegativeSampler(corpus.counts) : NegativeSampler();
  const SigmoidTable sigmoid;

  Word2VecModel model;
  model.dim = dim;
  model.window = options.window;
  model.negative = options.negative;
  model.input = result.vectors.values.data();
  model.output_ns = options.negative > 0 ? output_ns.data() : nullptr;
  model.output_hs = options.hierarchical_softmax && !output_hs.empty() ? output_hs.data() : nullptr;
  model.sampler = &sampler;
  model.tree = &tree;
  model.sigmoid = &sigmoid;

  const HogwildPlan plan = hogwild_plan(options);
  const bool skipgram = options.arch == Word2VecArch::SkipGram;
  train_hogwild(corpus, plan, [&](std::size_t) -> SentenceTrainer {
    auto scratch = std::make_shared<Scratch>(dim, options.window, options.negative);
    return [&model, scratch, skipgram](const std::uint32_t* w, std::size_t n, float alpha, FastRandom& random) {
      if (skipgram) {
        train_skipgram(model, *scratch, w, n, alpha, random);
      } else {
        train_cbow(model, *scratch, w, n, alpha, random);
      }
    };
  });
  result.reindex();
  return result;
}

}  // namespace topica
