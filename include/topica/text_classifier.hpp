// Text classification on averaged word embeddings: fastText's supervised model (Joulin et al.,
// "Bag of Tricks for Efficient Text Classification", 2016), which is also Keras's Embedding +
// GlobalAveragePooling1D + Dense(softmax). A document is the mean of its words' (and hashed word
// n-grams') input vectors; a linear layer and a softmax give the class probabilities. Trained by
// SGD with a learning rate decaying linearly to 0, Hogwild over threads. Defaults are fastText's
// supervised ones: dim 100, epoch 5, lr 0.1, wordNgrams 1, minCount 1, bucket 2000000.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "topica/analyzer.hpp"
#include "topica/matrix.hpp"

namespace topica {

struct ClassifierOptions {
  std::size_t dimension = 100;
  std::size_t epochs = 5;
  double learning_rate = 0.1;
  std::size_t word_ngrams = 1;       ///< 2: bigrams too, hashed into `buckets` rows
  std::size_t min_count = 1;
  std::size_t buckets = 2000000;     ///< used only when word_ngrams > 1
  std::size_t threads = 0;           ///< 0: every core. Only 1 thread is bit-deterministic (Hogwild)
  std::uint64_t seed = 1;
  /// Optional progress: epoch (1-based), mean -log p(true label) over the epoch, seconds so far.
  std::function<void(std::size_t epoch, double loss, double seconds)> on_epoch;
};

struct LabelScore {
  std::size_t label = 0;  ///< index into TextClassifier::labels()
  float probability = 0;
};

class TextClassifier {
 public:
  /// The fastText end-of-line token, added to every document as fastText's reader does: it acts
  /// as a learned bias and gives an empty document a representation.
  static constexpr const char* kEndOfDocument = "</s>";

  /// Trains on tokenized documents and their labels. Throws InputError when the sizes differ,
  /// there are no documents, a label is empty, or fewer than two classes occur.
  static TextClassifier train(const std::vector<std::vector<std::string>>& documents,
                              const std::vector<std::string>& labels, const ClassifierOptions& options);

  /// Class probabilities of a tokenized document (sums to 1), in labels() order.
  std::vector<float> probabilities(const std::vector<std::string>& tokens) const;
  /// The k most probable labels, most probable first (ties: lower label index first).
  std::vector<LabelScore> predict(const std::vector<std::string>& tokens, std::size_t k = 1) const;

  const std::vector<std::string>& labels() const { return labels_; }
  const std::vector<std::string>& words() const { return words_; }
  std::size_t dimension() const { return output_.cols; }

  /// The analyzer the training text went through; saved with the model so that prediction
  /// tokenizes the same way.
  AnalyzerSettings analyzer;

  /// Saves atomically. Format: the line "topica-classifier 1", a one-line JSON header (dimension,
  /// word_ngrams, buckets, words, labels, analyzer), then the input matrix (rows = words, plus
  /// buckets when word_ngrams > 1) and the output matrix (one row per label) as little-endian
  /// float32, row-major.
  void save(const std::string& path) const;
  /// Loads a saved model. Throws InputError naming the file when it is not a classifier, its
  /// header is malformed, or it is truncated or too long.
  static TextClassifier load(const std::string& path);

 private:
  /// Input rows of a document: its known words, the end-of-document token, hashed n-grams.
  void features(const std::vector<std::string>& tokens, std::vector<std::uint32_t>& rows) const;
  void hidden(const std::vector<std::uint32_t>& rows, float* out) const;
  void softmax(const float* hidden, float* probabilities) const;
  void index_words();
  friend class ClassifierTrainer;

  std::vector<std::string> words_, labels_;
  std::unordered_map<std::string, std::uint32_t> word_rows_;
  std::size_t word_ngrams_ = 1, buckets_ = 0;
  Matrix<float> input_;   ///< (words + buckets) x dimension
  Matrix<float> output_;  ///< labels x dimension
};

}  // namespace topica
