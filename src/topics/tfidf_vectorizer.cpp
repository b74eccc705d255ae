#include "topica/tfidf.hpp"

#include <cmath>

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica {

TfidfVectorizer::TfidfVectorizer(TfidfOptions options, std::shared_ptr<const Analyzer> analyzer)
    : options_(options), counter_(options.vectorizer, std::move(analyzer)) {}

TfidfVectorizer TfidfVectorizer::with_state(TfidfOptions options, std::vector<std::string> vocabulary,
                                            std::vector<double> idf, std::shared_ptr<const Analyzer> analyzer) {
  if (idf.size() != vocabulary.size()) {
    throw InputError(fmt::format("TF-IDF state: {} idf weights for {} terms", idf.size(), vocabulary.size()));
  }
  TfidfVectorizer v(options, analyzer);
  v.counter_ = CountVectorizer::with_vocabulary(options.vectorizer, std::move(vocabulary), std::move(analyzer));
  v.idf_ = std::move(idf);
  return v;
}

CsrMatrix TfidfVectorizer::fit_transform(std::span<const std::string> documents) {
  const TermCounts counts = counter_.fit_transform(documents);
  std::vector<double> df(counts.cols, 0.0);
  for (const std::int32_t c : counts.indices) df[static_cast<std::size_t>(c)] += 1;
  const double n = static_cast<double>(counts.rows) + (options_.smooth_idf ? 1.0 : 0.0);
  idf_.resize(counts.cols);
  for (std::size_t c = 0; c < counts.cols; ++c) {
    idf_[c] = std::log(n / (df[c] + (options_.smooth_idf ? 1.0 : 0.0))) + 1.0;
  }
  return weigh(counts);
}

CsrMatrix TfidfVectorizer::transform(std::span<const std::string> documents) const {
  return weigh(counter_.transform(documents));
}

CsrMatrix TfidfVectorizer::weigh(const TermCounts& counts) const {
  CsrMatrix out;
  out.rows = counts.rows;
  out.cols = counts.cols;
  out.indptr = counts.indptr;
  out.indices = counts.indices;
  out.values.resize(counts.nnz());
  std::vector<double> row;
  for (std::size_t r = 0; r < counts.rows; ++r) {
    const auto begin = static_cast<std::size_t>(counts.indptr[r]), end = static_cast<std::size_t>(counts.indptr[r + 1]);
    row.assign(end - begin, 0.0);
    double norm = 0;
    for (std::size_t k = begin; k < end; ++k) {
      double tf = static_cast<double>(counts.values[k]);
      if (options_.sublinear_tf) tf = 1.0 + std::log(tf);
      row[k - begin] = tf * idf_[static_cast<std::size_t>(counts.indices[k])];
      norm += row[k - begin] * row[k - begin];
    }
    norm = options_.l2_normalize && norm > 0 ? std::sqrt(norm) : 1.0;
    for (std::size_t k = begin; k < end; ++k) out.values[k] = static_cast<float>(row[k - begin] / norm);
  }
  return out;
}

}  // namespace topica
