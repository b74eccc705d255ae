// Word2Vec (Mikolov et al. 2013): CBOW and skip-gram, trained with negative sampling and/or
// hierarchical softmax, frequent-word subsampling and a linearly decaying learning rate, as
// word2vec.c and gensim do. Skip-gram with negative sampling shares one set of negatives across
// a context window (Ji et al., "Parallelizing Word2Vec in Shared and Distributed Memory", Intel's
// pWord2Vec), which turns each window's updates into small matrix products.
//
// Threads train Hogwild (lock-free, racing on shared rows) as word2vec, gensim and fastText do:
// with threads = 1 and a seed the result is bit-reproducible; with more threads it is not.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "topica/training_corpus.hpp"
#include "topica/word_vectors.hpp"

namespace topica {

enum class Word2VecArch { Cbow, SkipGram };

/// Called now and then from one training thread: the share of the work done (0..1) and the
/// corpus words trained per second so far.
using TrainingProgress = std::function<void(double done, double words_per_second)>;

struct Word2VecOptions {
  Word2VecArch arch = Word2VecArch::SkipGram;
  std::size_t dim = 100;       ///< vector_size
  std::size_t window = 5;      ///< largest distance to a context word; each position draws 1..window
  std::size_t epochs = 5;
  std::size_t negative = 5;    ///< negative samples per positive (0: none)
  bool hierarchical_softmax = false;
  double sample = 1e-3;        ///< subsampling threshold (0: off), word2vec's formula
  double alpha = 0;            ///< starting learning rate; 0: 0.025 for skip-gram, 0.05 for CBOW (word2vec.c)
  double min_alpha = 1e-4;     ///< the rate decays linearly to this
  std::size_t threads = 1;     ///< Hogwild threads (0: every core)
  std::uint64_t seed = 1;
  TrainingProgress progress;

  /// The starting rate after the 0 default is resolved.
  double starting_alpha() const { return alpha > 0 ? alpha : (arch == Word2VecArch::Cbow ? 0.05 : 0.025); }
};

/// Trains on `corpus` and returns its vocabulary's input vectors (most frequent word first).
/// Throws UsageError for impossible options (dim 0, neither negative sampling nor hierarchical
/// softmax, an empty vocabulary).
WordVectors train_word2vec(const TrainingCorpus& corpus, const Word2VecOptions& options);

}  // namespace topica
