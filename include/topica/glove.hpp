// GloVe (Pennington, Socher and Manning, 2014): word vectors fitted by weighted least squares to
// the logarithm of windowed co-occurrence counts. Defaults follow Stanford's glove.c / cooccur.c
// (symmetric window 10, x_max 100, alpha 0.75, AdaGrad from 0.05, 25 epochs, output W + W~).
// @see https://nlp.stanford.edu/projects/glove/
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "topica/word_vectors.hpp"

namespace topica {

/// A tokenized corpus with its vocabulary: every kept token as a row id, documents as ranges.
/// Rows are ordered by count, most frequent first (ties: by word), as Stanford's vocab_count.
struct WordIdCorpus {
  std::vector<std::string> words;          ///< row id -> word
  std::vector<std::uint64_t> counts;       ///< row id -> occurrences in the corpus
  std::vector<std::uint32_t> ids;          ///< the kept tokens of every document, in order
  std::vector<std::size_t> document_ends;  ///< document d is ids[end(d-1), end(d))
};

/// Fills `tokens` with the next document's tokens; returns false at the end of the corpus.
using TokenSource = std::function<bool(std::vector<std::string>& tokens)>;

/// Reads every document of `source`, keeping the words seen at least `min_count` times. Tokens of
/// dropped words are removed before windows are taken, as cooccur.c skips out-of-vocabulary words.
WordIdCorpus build_word_id_corpus(const TokenSource& source, std::size_t min_count);

/// One cell of the co-occurrence matrix X: X[row][col] = sum over pairs at distance d of 1/d.
struct Cooccurrence {
  std::uint32_t row = 0, col = 0;
  float count = 0;
};

/// The non-zero cells of X, sorted by (row, col), for a symmetric window of `window` words on
/// each side that never crosses a document end. Frequent pairs are summed in a dense table, rare
/// ones as sorted triples merged in bounded batches, so memory follows the distinct pairs only.
/// `dense_cells` and `batch_triples` bound the memory of the two parts (tests shrink them).
struct CooccurrenceLimits {
  std::size_t dense_cells = std::size_t{1} << 23;    ///< 64 MiB of doubles
  std::size_t batch_triples = std::size_t{1} << 21;  ///< 24 MiB per thread
};
std::vector<Cooccurrence> count_cooccurrences(const WordIdCorpus& corpus, std::size_t window, std::size_t threads,
                                              const CooccurrenceLimits& limits = {});

/// What one epoch reports: its mean weighted squared error 0.5 f(X) (w.w~ + b + b~ - log X)^2.
struct GloveEpoch {
  std::size_t epoch = 0;  ///< 1-based
  double loss = 0;
  double seconds = 0;     ///< since training began
};

struct GloveOptions {
  std::size_t dimension = 100;
  std::size_t window = 10;     ///< words on each side; weights 1/distance
  std::size_t min_count = 5;
  std::size_t epochs = 25;
  std::size_t threads = 0;     ///< 0: every core. Hogwild over shards: only 1 thread is bit-deterministic
  double x_max = 100;          ///< f(x) = min(1, (x / x_max)^alpha)
  double alpha = 0.75;
  double learning_rate = 0.05; ///< AdaGrad's initial rate
  std::uint64_t seed = 1;
  std::function<void(const GloveEpoch&)> on_epoch;  ///< optional progress report
};

/// Trains on co-occurrence cells already counted (rows and columns index `words`).
WordVectors train_glove(const std::vector<std::string>& words, std::vector<Cooccurrence> cells,
                        const GloveOptions& options);

/// Builds the vocabulary, counts co-occurrences and trains. Throws InputError when no word
/// reaches min_count or no two words share a window.
WordVectors train_glove(const TokenSource& documents, const GloveOptions& options);


}  // namespace topica
