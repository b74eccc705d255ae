#include "topica/document_vectors.hpp"

#include <Eigen/Dense>
#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica {
namespace {

// p(w) for every row: from the training counts, or counted over the documents.
std::vector<double> word_probabilities(const WordVectors& vectors, const std::vector<std::vector<std::string>>& documents,
                                       const std::vector<std::uint64_t>& word_counts) {
  std::vector<double> counts(vectors.size(), 0.0);
  double total = 0;
  if (!word_counts.empty()) {
    if (word_counts.size() != vectors.size()) {
      throw Error(fmt::format("{} word counts for {} word vectors", word_counts.size(), vectors.size()));
    }
    for (std::size_t w = 0; w < counts.size(); ++w) total += counts[w] = static_cast<double>(word_counts[w]);
  } else {
    for (const auto& doc : documents) {
      for (const std::string& token : doc) {
        if (auto row = vectors.find(token)) counts[*row] += 1;
        total += 1;  // every token counts in the total, known or not
      }
    }
  }
  for (double& c : counts) c = total > 0 ? c / total : 0.0;
  return counts;
}

// X -= (X u) u^T for the top right singular vector u of X (the top eigenvector of X^T X).
void remove_first_component(Matrix<float>& x) {
  if (x.rows == 0 || x.cols == 0) return;
  Eigen::MatrixXd gram = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(x.cols), static_cast<Eigen::Index>(x.cols));
  for (std::size_t r = 0; r < x.rows; ++r) {
    const Eigen::Map<const Eigen::VectorXf> row(x.row(r), static_cast<Eigen::Index>(x.cols));
    const Eigen::VectorXd d = row.cast<double>();
    gram.selfadjointView<Eigen::Lower>().rankUpdate(d);
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(gram.selfadjointView<Eigen::Lower>());
  const Eigen::VectorXd u = eig.eigenvectors().col(static_cast<Eigen::Index>(x.cols) - 1);  // ascending order
  for (std::size_t r = 0; r < x.rows; ++r) {
    Eigen::Map<Eigen::VectorXf> row(x.row(r), static_cast<Eigen::Index>(x.cols));
    const double projection = row.cast<double>().dot(u);
    row -= (projection * u).cast<float>();
  }
}

}  // namespace

Matrix<float> document_vectors(const WordVectors& vectors, const std::vector<std::vector<std::string>>& documents,
                               const DocumentVectorOptions& options, const std::vector<std::uint64_t>& word_counts,
                               DocumentVectorStats* stats) {
  const bool sif = options.weighting == DocumentWeighting::Sif;
  const std::vector<double> p = sif ? word_probabilities(vectors, documents, word_counts) : std::vector<double>();
  const std::size_t dim = vectors.dimension();
  Matrix<float> out(documents.size(), dim);
  DocumentVectorStats counted;
  std::vector<double> sum(dim);
  for (std::size_t d = 0; d < documents.size(); ++d) {
    std::fill(sum.begin(), sum.end(), 0.0);
    double weight_total = 0;
    for (const std::string& token : documents[d]) {
      ++counted.tokens;
      const auto row = vectors.find(token);
      if (!row) continue;
      ++counted.known_tokens;
      const double weight = sif ? options.sif_a / (options.sif_a + p[*row]) : 1.0;
      const float* v = vectors.vectors.row(*row);
      for (std::size_t j = 0; j < dim; ++j) sum[j] += weight * v[j];
      weight_total += sif ? 1.0 : weight;  // SIF averages the weighted vectors over the word count
    }
    if (weight_total == 0) {
      ++counted.empty_documents;
      continue;
    }
    for (std::size_t j = 0; j < dim; ++j) out(d, j) = static_cast<float>(sum[j] / weight_total);
  }
  if (sif) remove_first_component(out);
  if (stats != nullptr) *stats = counted;
  return out;
}

}  // namespace topica
