// FastText's sentence trainers: the same Hogwild loop as Word2Vec, but a word's input is the mean
// of its own row and its n-gram rows, and the error flows back to every one of them.
#include <algorithm>
#include <memory>

#include "topica/error.hpp"
#include "topica/fasttext_model.hpp"
#include "wordvec/context_window.hpp"
#include "wordvec/hogwild.hpp"
#include "wordvec/negative_sampler.hpp"
#include "wordvec/sgd_kernels.hpp"

namespace topica {
namespace wordvec {
namespace {

// Every vocabulary word's input rows, flattened.
struct SubwordTable {
  std::vector<std::size_t> offsets{0};
  std::vector<std::uint32_t> rows;

  std::size_t size(std::uint32_t w) const { return offsets[w + 1] - offsets[w]; }
  const std::uint32_t* begin(std::uint32_t w) const { return rows.data() + offsets[w]; }
};

struct FastTextTrainer {
  std::size_t dim = 0, window = 0, negative = 0;
  float* input = nullptr;   // words + bucket rows
  float* output = nullptr;  // words rows
  const SubwordTable* subwords = nullptr;
  const NegativeSampler* sampler = nullptr;
  const SigmoidTable* sigmoid = nullptr;
};

struct Scratch {
  std::vector<std::uint32_t> context, rows;
  std::vector<float> hidden, error;
  explicit Scratch(std::size_t dim) : hidden(dim), error(dim) {}
};

TOPICA_WORDVEC_INLINE void mean_of_rows(const FastTextTrainer& m, const std::uint32_t* rows, std::size_t count, float* hidden) {
  zero(hidden, m.dim);
  for (std::size_t r = 0; r < count; ++r) axpy(hidden, 1.0f, m.input + std::size_t{rows[r]} * m.dim, m.dim);
  scale(hidden, 1.0f / static_cast<float>(count), m.dim);
}

// One logistic-loss step against target row t with label and weight; accumulates the input error.
TOPICA_WORDVEC_INLINE void logistic_step(const FastTextTrainer& m, std::uint32_t target, float label, float rate,
                                         const float* hidden, float* error) {
  float* out = m.output + std::size_t{target} * m.dim;
  const float g = (label - (*m.sigmoid)(dot(hidden, out, m.dim))) * rate;
  axpy(error, g, out, m.dim);
  axpy(out, g, hidden, m.dim);
}

// Skip-gram, fastText's way round: the centre word's subwords predict each context word. The
// window's context words share one draw of negatives (as pWord2Vec shares them); each negative
// stands for the k draws fastText would make, so its step is weighted by k and the expected
// gradient is fastText's.
TOPICA_WORDVEC_CLONES void train_skipgram(const FastTextTrainer& m, Scratch& s, const std::uint32_t* words, std::size_t count,
                                          float alpha, FastRandom& random) {
  float* hidden = s.hidden.data();
  float* error = s.error.data();
  for (std::size_t i = 0; i < count; ++i) {
    gather_context(words, count, i, m.window, random, s.context);
    const std::size_t k = s.context.size();
    if (k == 0) continue;
    const std::uint32_t* rows = m.subwords->begin(words[i]);
    const std::size_t row_count = m.subwords->size(words[i]);
    mean_of_rows(m, rows, row_count, hidden);
    zero(error, m.dim);
    for (std::uint32_t c : s.context) logistic_step(m, c, 1.0f, alpha, hidden, error);
    const float negative_rate = alpha * static_cast<float>(k);
    for (std::size_t d = 0; d < m.negative; ++d) {
      const std::uint32_t t = m.sampler->draw(random);
      if (std::find(s.context.begin(), s.context.end(), t) != s.context.end()) continue;
      logistic_step(m, t, 0.0f, negative_rate, hidden, error);
    }
    for (std::size_t r = 0; r < row_count; ++r) axpy(m.input + std::size_t{rows[r]} * m.dim, 1.0f, error, m.dim);
  }
}

// CBOW: the mean of every subword row of the context words predicts the centre word.
TOPICA_WORDVEC_CLONES void train_cbow(const FastTextTrainer& m, Scratch& s, const std::uint32_t* words, std::size_t count,
                                      float alpha, FastRandom& random) {
  float* hidden = s.hidden.data();
  float* error = s.error.data();
  for (std::size_t i = 0; i < count; ++i) {
    gather_context(words, count, i, m.window, random, s.context);
    if (s.context.empty()) continue;
    s.rows.clear();
    for (std::uint32_t c : s.context) s.rows.insert(s.rows.end(), m.subwords->begin(c), m.subwords->begin(c) + m.subwords->size(c));
    mean_of_rows(m, s.rows.data(), s.rows.size(), hidden);
    zero(error, m.dim);
    logistic_step(m, words[i], 1.0f, alpha, hidden, error);
    for (std::size_t d = 0; d < m.negative; ++d) {
      const std::uint32_t t = m.sampler->draw(random);
      if (t != words[i]) logistic_step(m, t, 0.0f, alpha, hidden, error);
    }
    for (std::uint32_t r : s.rows) axpy(m.input + std::size_t{r} * m.dim, 1.0f, error, m.dim);
  }
}

SubwordTable subword_table(const TrainingCorpus& corpus, const FastTextOptions& options) {
  SubwordTable table;
  const auto words = static_cast<std::uint32_t>(corpus.words.size());
  for (std::uint32_t w = 0; w < words; ++w) {
    table.rows.push_back(w);
    for (std::uint32_t b : subword_buckets(corpus.words[w], options.minn, options.maxn, options.bucket)) table.rows.push_back(words + b);
    table.offsets.push_back(table.rows.size());
  }
  return table;
}

}  // namespace
}  // namespace wordvec

FastTextModel train_fasttext(const TrainingCorpus& corpus, const FastTextOptions& options) {
  using namespace wordvec;
  if (options.dim == 0) throw UsageError("the vector dimension must be at least 1");
  if (options.window == 0) throw UsageError("the window must be at least 1");
  if (options.hierarchical_softmax) throw UsageError("FastText trains with negative sampling only (drop --hs)");
  if (options.negative == 0) throw UsageError("FastText needs negative samples (--negative N > 0)");
  if (options.minn > options.maxn) throw UsageError("--minn must not exceed --maxn");
  if (options.maxn > 0 && options.bucket == 0) throw UsageError("--bucket must be at least 1 when n-grams are on");
  if (corpus.words.empty()) throw UsageError("the vocabulary is empty: no word occurs min_count times");
  const std::size_t words = corpus.words.size(), dim = options.dim;
  const std::size_t buckets = options.maxn > 0 ? options.bucket : 0;
  if (words + buckets >= (std::size_t{1} << 32)) throw UsageError("the vocabulary plus --bucket must stay under 2^32 rows");

  Matrix<float> input(words + buckets, dim);
  fill_uniform(input.values, 1.0f / static_cast<float>(dim), options.seed, options.threads);  // fastText's init
  std::vector<float> output(words * dim, 0.0f);
  const SubwordTable subwords = subword_table(corpus, options);
  const NegativeSampler sampler(corpus.counts);
  const SigmoidTable sigmoid;

  FastTextTrainer model;
  model.dim = dim;
  model.window = options.window;
  model.negative = options.negative;
  model.input = input.values.data();
  model.output = output.data();
  model.subwords = &subwords;
  model.sampler = &sampler;
  model.sigmoid = &sigmoid;

  const HogwildPlan plan = hogwild_plan(options);
  const bool skipgram = options.arch == Word2VecArch::SkipGram;
  train_hogwild(corpus, plan, [&](std::size_t) -> SentenceTrainer {
    auto scratch = std::make_shared<Scratch>(dim);
    return [&model, scratch, skipgram](const std::uint32_t* w, std::size_t n, float alpha, FastRandom& random) {
      if (skipgram) {
        train_skipgram(model, *scratch, w, n, alpha, random);
      } else {
        train_cbow(model, *scratch, w, n, alpha, random);
      }
    };
  });
  return FastTextModel(corpus.words, corpus.counts, std::move(input), options.minn, buckets > 0 ? options.maxn : 0, buckets);
}

}  // namespace topica
