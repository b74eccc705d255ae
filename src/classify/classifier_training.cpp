// Training the supervised model as fastText's FastText::supervised / Model::update with the
// softmax loss: for each document, hidden = mean of its input rows; each label row moves by
// alpha (1[label = truth] - p) hidden and the input rows by the mean of the label rows' pulls,
// alpha = lr (1 - progress). Unlike fastText, documents are visited in a fresh seeded order every
// epoch (a corpus sorted by class would otherwise end each epoch on one class).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <unordered_map>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topica/parallel.hpp"
#include "topica/random.hpp"
#include "topica/text_classifier.hpp"

namespace topica {

class ClassifierTrainer {
 public:
  static TextClassifier train(const std::vector<std::vector<std::string>>& documents,
                              const std::vector<std::string>& labels, const ClassifierOptions& o);

 private:
  static void check(const std::vector<std::vector<std::string>>& documents, const std::vector<std::string>& labels,
                    const ClassifierOptions& o);
  static void build_dictionary(TextClassifier& model, const std::vector<std::vector<std::string>>& documents,
                               std::size_t min_count);
  /// One SGD step on one document; returns -log p(truth).
  static double update(TextClassifier& model, const std::vector<std::uint32_t>& rows, std::size_t truth, float rate,
                       std::vector<float>& scratch);
};

void ClassifierTrainer::check(const std::vector<std::vector<std::string>>& documents,
                              const std::vector<std::string>& labels, const ClassifierOptions& o) {
  if (o.dimension == 0) throw UsageError("--dim must be at least 1");
  if (o.epochs == 0) throw UsageError("--epochs must be at least 1");
  if (!(o.learning_rate > 0)) throw UsageError("--lr must be positive");
  if (o.word_ngrams == 0) throw UsageError("--word-ngrams must be at least 1");
  if (o.word_ngrams > 1 && o.buckets == 0) throw UsageError("--buckets must be at least 1 with word n-grams");
  if (documents.size() != labels.size()) {
    throw InputError(fmt::format("{} documents but {} labels", documents.size(), labels.size()));
  }
  if (documents.empty()) throw InputError("no documents to train the classifier on");
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i].empty()) throw InputError(fmt::format("document {} has an empty label", i));
  }
  if (std::all_of(labels.begin(), labels.end(), [&](const std::string& l) { return l == labels.front(); })) {
    throw InputError(fmt::format("every document has the label '{}': a classifier needs at least two classes",
                                 labels.front()));
  }
}

void ClassifierTrainer::build_dictionary(TextClassifier& model, const std::vector<std::vector<std::string>>& documents,
                                         std::size_t min_count) {
  std::unordered_map<std::string, std::size_t> counts;
  for (const auto& tokens : documents) {
    for (const std::string& t : tokens) ++counts[t];
  }
  counts[TextClassifier::kEndOfDocument] += documents.size();
  std::vector<std::pair<std::string, std::size_t>> kept;
  for (auto& [word, count] : counts) {
    if (count >= min_count) kept.emplace_back(word, count);
  }
  std::sort(kept.begin(), kept.end(),
            [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  for (auto& [word, count] : kept) model.words_.push_back(word);
  model.index_words();
}

double ClassifierTrainer::update(TextClassifier& model, const std::vector<std::uint32_t>& rows, std::size_t truth,
                                 float rate, std::vector<float>& scratch) {
  const std::size_t d = model.output_.cols, classes = model.output_.rows;
  float* hidden = scratch.data();
  float* gradient = hidden + d;
  float* p = gradient + d;
  model.hidden(rows, hidden);
  model.softmax(hidden, p);
  std::fill(gradient, gradient + d, 0.0f);
  for (std::size_t c = 0; c < classes; ++c) {
    const float alpha = rate * ((c == truth ? 1.0f : 0.0f) - p[c]);
    float* w = model.output_.row(c);
    for (std::size_t k = 0; k < d; ++k) {
      gradient[k] += alpha * w[k];
      w[k] += alpha * hidden[k];
    }
  }
  const float share = 1.0f / static_cast<float>(rows.size());
  for (std::uint32_t r : rows) {
    float* v = model.input_.row(r);
    for (std::size_t k = 0; k < d; ++k) v[k] += share * gradient[k];
  }
  return -std::log(std::max(p[truth], 1e-30f));
}

TextClassifier ClassifierTrainer::train(const std::vector<std::vector<std::string>>& documents,
                                        const std::vector<std::string>& labels, const ClassifierOptions& o) {
  check(documents, labels, o);
  const auto start = std::chrono::steady_clock::now();
  TextClassifier model;
  build_dictionary(model, documents, std::max<std::size_t>(o.min_count, 1));
  std::map<std::string, std::size_t> label_index;
  for (const std::string& l : labels) label_index.emplace(l, 0);
  for (auto& [label, index] : label_index) {
    index = model.labels_.size();
    model.labels_.push_back(label);
  }
  model.word_ngrams_ = o.word_ngrams;
  model.buckets_ = o.word_ngrams > 1 ? o.buckets : 0;
  model.input_ = Matrix<float>(model.words_.size() + model.buckets_, o.dimension);
  model.output_ = Matrix<float>(model.labels_.size(), o.dimension);
  Random init(o.seed, 0);
  const float bound = 1.0f / static_cast<float>(o.dimension);  // fastText's uniform(-1/dim, 1/dim)
  for (float& v : model.input_.values) v = (2.0f * init.uniform_float() - 1.0f) * bound;

  std::vector<std::vector<std::uint32_t>> rows(documents.size());
  std::vector<std::size_t> truth(documents.size());
  std::uint64_t tokens = 0;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    model.features(documents[i], rows[i]);
    truth[i] = label_index.at(labels[i]);
    tokens += documents[i].size() + 1;  // fastText counts the end-of-line token
  }
  const double total = static_cast<double>(tokens) * static_cast<double>(o.epochs);
  const std::size_t shards = std::min(resolve_threads(o.threads), documents.size());
  std::atomic<std::uint64_t> processed{0};
  std::vector<std::size_t> order(documents.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<double> shard_loss(shards);
  for (std::size_t epoch = 0; epoch < o.epochs; ++epoch) {
    Random shuffle(o.seed, 1 + epoch);
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[shuffle.below(i)]);
    parallel_tasks(shards, shards, [&](std::size_t s) {
      std::vector<float> scratch(2 * o.dimension + model.labels_.size());
      double loss = 0;
      for (std::size_t i = s * order.size() / shards; i < (s + 1) * order.size() / shards; ++i) {
        const std::size_t doc = order[i];
        const double progress = static_cast<double>(processed.load(std::memory_order_relaxed)) / total;
        const float rate = static_cast<float>(o.learning_rate * std::max(0.0, 1.0 - progress));
        loss += update(model, rows[doc], truth[doc], rate, scratch);
        processed.fetch_add(documents[doc].size() + 1, std::memory_order_relaxed);
      }
      shard_loss[s] = loss;
    });
    if (o.on_epoch) {
      const double loss = std::accumulate(shard_loss.begin(), shard_loss.end(), 0.0);
      o.on_epoch(epoch + 1, loss / static_cast<double>(documents.size()),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
  }
  return model;
}

TextClassifier TextClassifier::train(const std::vector<std::vector<std::string>>& documents,
                                     const std::vector<std::string>& labels, const ClassifierOptions& options) {
  return ClassifierTrainer::train(documents, labels, options);
}

}  // namespace topica
