// PCA as scikit-learn 1.2 with svd_solver="randomized" (sklearn/decomposition/_pca.py,
// _fit_truncated): centre, randomized SVD with sign flipping, variances with ddof 1.
#include <cmath>

#include <fmt/format.h>

#include "reduce/linear_operator.hpp"
#include "topica/error.hpp"
#include "topica/svd.hpp"

namespace topica {
namespace {

void check_input(const Matrix<float>& x, std::size_t k) {
  if (x.rows < 2) throw InputError(fmt::format("PCA: the input has {} row(s), at least 2 are needed", x.rows));
  if (x.cols == 0) throw InputError("PCA: the input has no features");
  if (k == 0) throw UsageError("PCA: n_components must be at least 1");
  if (k > std::min(x.rows, x.cols)) {
    throw UsageError(fmt::format("PCA: n_components = {} exceeds min(rows, features) = min({}, {})", k, x.rows, x.cols));
  }
  for (std::size_t i = 0; i < x.rows; ++i) {
    for (std::size_t j = 0; j < x.cols; ++j) {
      if (!std::isfinite(x(i, j))) {
        throw InputError(fmt::format("PCA: row {} holds a non-finite value ({}) in column {}", i, x(i, j), j));
      }
    }
  }
}

std::vector<float> column_means(const Matrix<float>& x) {
  std::vector<double> sum(x.cols, 0.0);
  for (std::size_t i = 0; i < x.rows; ++i) {
    for (std::size_t j = 0; j < x.cols; ++j) sum[j] += x(i, j);
  }
  std::vector<float> mean(x.cols);
  for (std::size_t j = 0; j < x.cols; ++j) mean[j] = static_cast<float>(sum[j] / static_cast<double>(x.rows));
  return mean;
}

Matrix<float> centred(const Matrix<float>& x, const std::vector<float>& mean) {
  Matrix<float> c(x.rows, x.cols);
  for (std::size_t i = 0; i < x.rows; ++i) {
    for (std::size_t j = 0; j < x.cols; ++j) c(i, j) = x(i, j) - mean[j];
  }
  return c;
}

}  // namespace

Pca::Pca(const PcaOptions& options) : options_(options) {}

Pca::Pca(PcaModel model, const PcaOptions& options) : options_(options), model_(std::move(model)) {
  options_.n_components = model_.components.rows;
}

Matrix<float> Pca::fit_transform(const Matrix<float>& x) {
  check_input(x, options_.n_components);
  PcaModel model;
  model.n_samples = x.rows;
  model.mean = column_means(x);
  const Matrix<float> c = centred(x, model.mean);

  RandomizedSvdOptions svd_options;
  svd_options.n_components = options_.n_components;
  svd_options.n_oversamples = options_.n_oversamples;
  svd_options.n_iter = options_.n_iter;
  svd_options.seed = options_.seed;
  svd_options.threads = options_.threads;
  SvdResult svd = randomized_svd(c, svd_options);

  const double dof = static_cast<double>(x.rows - 1);
  double total_variance = 0;
  for (float v : c.values) total_variance += static_cast<double>(v) * v;
  total_variance /= dof;
  double explained = 0;
  for (float s : svd.s) {
    model.explained_variance.push_back(static_cast<double>(s) * s / dof);
    explained += model.explained_variance.back();
  }
  for (double v : model.explained_variance) {
    model.explained_variance_ratio.push_back(total_variance > 0 ? v / total_variance : 0.0);
  }
  const std::size_t rank_bound = std::min(x.rows, x.cols);
  const std::size_t k = options_.n_components;
  // scikit-learn: the mean variance of the discarded directions (0 when nothing is discarded).
  model.noise_variance = k < rank_bound ? (total_variance - explained) / static_cast<double>(rank_bound - k) : 0.0;
  model.singular_values = svd.s;
  model.components = std::move(svd.vt);
  model_ = std::move(model);

  // scikit-learn returns U * S (U * sqrt(n - 1) when whitening), not (X - mean) * V.
  Matrix<float> out = std::move(svd.u);
  const float whiten_scale = static_cast<float>(std::sqrt(dof));
  for (std::size_t i = 0; i < out.rows; ++i) {
    for (std::size_t j = 0; j < out.cols; ++j) out(i, j) *= options_.whiten ? whiten_scale : model_.singular_values[j];
  }
  return out;
}

Matrix<float> Pca::transform(const Matrix<float>& x) const {
  if (!fitted()) throw UsageError("PCA: transform called before fit");
  if (x.cols != model_.components.cols) {
    throw InputError(
        fmt::format("PCA: the input has {} features, the model was fitted on {}", x.cols, model_.components.cols));
  }
  Matrix<float> out = detail::multiply_dense(centred(x, model_.mean), detail::transposed(model_.components), options_.threads);
  if (options_.whiten) {
    for (std::size_t i = 0; i < out.rows; ++i) {
      for (std::size_t j = 0; j < out.cols; ++j) {
        const double v = model_.explained_variance[j];
        out(i, j) = v > 0 ? static_cast<float>(out(i, j) / std::sqrt(v)) : 0.0f;
      }
    }
  }
  return out;
}

}  // namespace topica
