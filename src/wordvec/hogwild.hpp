// The training loop shared by Word2Vec and FastText, as word2vec.c runs it: each thread owns a
// contiguous share of the documents and walks it once per epoch; all threads update the same
// rows without locks (Hogwild, Recht et al. 2011). The learning rate falls linearly with the
// words trained by all threads together. Frequent words are dropped at random (subsampling)
// before the windows are formed, and long documents are cut into sentences of 10,000 words
// (gensim's MAX_WORDS_IN_BATCH).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "topica/training_corpus.hpp"
#include "topica/word2vec.hpp"
#include "wordvec/fast_random.hpp"

namespace topica::wordvec {

/// Trains one sentence (word ids after subsampling) at learning rate `alpha`.
using SentenceTrainer = std::function<void(const std::uint32_t* words, std::size_t count, float alpha, FastRandom& random)>;

struct HogwildPlan {
  std::size_t epochs = 5;
  std::size_t threads = 1;
  std::uint64_t seed = 1;
  double sample = 1e-3;
  double alpha = 0.025, min_alpha = 1e-4;
  const TrainingProgress* progress = nullptr;
};

/// The plan Word2Vec and FastText both train by: epochs, threads, seed, subsampling and the
/// learning-rate schedule of `options` (which must outlive the plan: progress points into it).
HogwildPlan hogwild_plan(const Word2VecOptions& options);

/// Runs the epochs; `make_trainer(thread)` gives each thread its trainer (with its own scratch).
void train_hogwild(const TrainingCorpus& corpus, const HogwildPlan& plan,
                   const std::function<SentenceTrainer(std::size_t thread)>& make_trainer);

/// word2vec's probability of keeping each word under subsampling threshold `sample`, scaled to
/// 2^32 (a word is kept when a 32-bit draw falls under it); all kept when sample <= 0.
std::vector<std::uint64_t> keep_thresholds(const std::vector<std::uint64_t>& counts, double sample);

/// Fills `values` with uniform numbers in [-bound, bound), block by block from `seed`, so the
/// result does not depend on `threads`.
void fill_uniform(std::vector<float>& values, float bound, std::uint64_t seed, std::size_t threads);

}  // namespace topica::wordvec
