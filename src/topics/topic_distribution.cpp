#include "topica/topic_distribution.hpp"

#include <cmath>

#include <fmt/format.h>

#include "topica/analyzer.hpp"
#include "topica/error.hpp"
#include "topica/parallel.hpp"

namespace topica {

namespace {

struct Window {
  std::size_t begin = 0, end = 0;  ///< token positions [begin, end)
};

// BERTopic's token sets for a document of `n` tokens.
std::vector<Window> token_windows(std::size_t n, const DistributionOptions& o) {
  if (n < o.window) return {{0, n}};
  std::vector<Window> windows;
  if (o.padding) {  // growing windows ending before the first full one
    const std::size_t lead = (o.window + o.stride - 1) / o.stride - 1;
    for (std::size_t i = 0; i < lead; ++i) windows.push_back({0, o.window - (lead - i) * o.stride});
  }
  for (std::size_t start = 0; start < n; start += o.stride) {
    const std::size_t end = std::min(start + o.window, n);
    if (o.padding || end - start == o.window) windows.push_back({start, end});
  }
  return windows;
}

// The topics' c-TF-IDF rows (outliers excluded) by term, with their norms, so that a window's
// cosine with every topic costs only the topics that share its terms.
struct TopicColumns {
  std::vector<int> topics;
  std::vector<std::vector<std::pair<std::size_t, double>>> by_term;  ///< (topic column, value)
  std::vector<double> norms;

  explicit TopicColumns(const TopicModel& model) : by_term(model.ctfidf_matrix.cols) {
    const Csr<double>& m = model.ctfidf_matrix;
    for (std::size_t r = 0; r < model.topics.size() && r < m.rows; ++r) {
      if (model.topics[r].id < 0) continue;
      double norm2 = 0;
      for (auto k = m.indptr[r]; k < m.indptr[r + 1]; ++k) {
        const double v = m.values[static_cast<std::size_t>(k)];
        by_term[static_cast<std::size_t>(m.indices[static_cast<std::size_t>(k)])].emplace_back(topics.size(), v);
        norm2 += v * v;
      }
      topics.push_back(model.topics[r].id);
      norms.push_back(std::sqrt(norm2));
    }
  }
};

// sklearn cosine_similarity of each window's c-TF-IDF with each topic, below min_similarity -> 0.
Matrix<double> window_similarities(const TopicModel& model, const TopicColumns& columns, const std::vector<std::string>& sentences,
                                   double min_similarity) {
  const Csr<double> scores = model.ctfidf.transform(model.vectorizer.transform(sentences));
  Matrix<double> sim(sentences.size(), columns.topics.size());
  for (std::size_t w = 0; w < scores.rows; ++w) {
    double norm2 = 0;
    double* row = sim.row(w);
    for (auto k = scores.indptr[w]; k < scores.indptr[w + 1]; ++k) {
      const double v = scores.values[static_cast<std::size_t>(k)];
      norm2 += v * v;
      for (const auto& [topic, value] : columns.by_term[static_cast<std::size_t>(scores.indices[static_cast<std::size_t>(k)])]) {
        row[topic] += v * value;
      }
    }
    for (std::size_t t = 0; t < sim.cols; ++t) {
      const double denominator = std::sqrt(norm2) * columns.norms[t];
      row[t] = denominator > 0 ? row[t] / denominator : 0.0;
      if (row[t] < min_similarity) row[t] = 0.0;
    }
  }
  return sim;
}

void l1_normalize(double* row, std::size_t n) {
  double sum = 0;
  for (std::size_t j = 0; j < n; ++j) sum += std::abs(row[j]);
  if (sum > 0) {
    for (std::size_t j = 0; j < n; ++j) row[j] /= sum;
  }
}

// One document: fills its row of `out` and, with token output, its token distribution.
void distribute_document(const TopicModel& model, const TopicColumns& columns, const std::string& document,
                         const DistributionOptions& o, double* out, TokenDistribution* token_out) {
  static const RegexWordAnalyzer tokenizer(/*lowercase=*/false);  // sklearn build_tokenizer()
  std::vector<std::string> tokens;
  tokenizer.tokenize(document, tokens);
  const std::vector<Window> windows = token_windows(tokens.size(), o);
  std::vector<std::string> sentences;
  for (const Window& w : windows) {
    std::string& s = sentences.emplace_back();
    for (std::size_t i = w.begin; i < w.end; ++i) (s += i > w.begin ? " " : "") += tokens[i];
  }
  const Matrix<double> sim = window_similarities(model, columns, sentences, o.min_similarity);
  const std::size_t k = sim.cols;
  if (token_out == nullptr) {
    for (std::size_t w = 0; w < windows.size(); ++w) {
      for (std::size_t t = 0; t < k; ++t) out[t] += sim(w, t);
    }
  } else {
    token_out->distribution = Matrix<double>(tokens.size(), k);
    for (std::size_t w = 0; w < windows.size(); ++w) {
      for (std::size_t i = windows[w].begin; i < windows[w].end; ++i) {
        for (std::size_t t = 0; t < k; ++t) token_out->distribution(i, t) += sim(w, t);
      }
    }
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      for (std::size_t t = 0; t < k; ++t) out[t] += token_out->distribution(i, t);
    }
    token_out->tokens = std::move(tokens);
  }
  l1_normalize(out, k);
}

}  // namespace

TopicDistribution approximate_distribution(const TopicModel& model, std::span<const std::string> documents,
                                           const DistributionOptions& options) {
  if (options.window == 0) throw UsageError("--window must be at least 1");
  if (options.stride == 0) throw UsageError("--stride must be at least 1");
  if (!(options.min_similarity >= 0 && options.min_similarity <= 1)) {
    throw UsageError(fmt::format("--min-similarity {} is outside [0, 1]", options.min_similarity));
  }
  const TopicColumns columns(model);
  if (columns.topics.empty()) throw UsageError("the model has no topics besides the outliers");
  TopicDistribution result;
  result.topics = columns.topics;
  result.documents = Matrix<double>(documents.size(), columns.topics.size());
  if (options.tokens) result.tokens.resize(documents.size());
  parallel_blocks(documents.size(), 64, options.threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t d = begin; d < end; ++d) {
      distribute_document(model, columns, documents[d], options, result.documents.row(d),
                          options.tokens ? &result.tokens[d] : nullptr);
    }
  });
  return result;
}

}  // namespace topica
