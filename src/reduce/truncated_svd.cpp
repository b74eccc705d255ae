// TruncatedSVD as scikit-learn 1.2 (sklearn/decomposition/_truncated_svd.py, algorithm
// "randomized"): no centring, fit_transform = X * components^T, explained variance from that.
#include <cmath>

#include <fmt/format.h>

#include "reduce/linear_operator.hpp"
#include "topica/error.hpp"
#include "topica/svd.hpp"

namespace topica {
namespace {

void check_shape(std::size_t rows, std::size_t cols, std::size_t k) {
  if (rows == 0) throw InputError("TruncatedSVD: the input has no rows");
  // scikit-learn validates with ensure_min_features=2.
  if (cols < 2) throw InputError(fmt::format("TruncatedSVD: the input has {} feature(s), at least 2 are needed", cols));
  if (k == 0) throw UsageError("TruncatedSVD: n_components must be at least 1");
  if (k > cols) throw UsageError(fmt::format("TruncatedSVD: n_components = {} exceeds the {} features", k, cols));
  // scikit-learn would quietly return min(rows, k) components here; a caller that asked for k
  // columns gets an error instead of fewer columns.
  if (k > rows) throw UsageError(fmt::format("TruncatedSVD: n_components = {} exceeds the {} rows", k, rows));
}

RandomizedSvdOptions svd_options(const TruncatedSvdOptions& o) {
  RandomizedSvdOptions r;
  r.n_components = o.n_components;
  r.n_oversamples = o.n_oversamples;
  r.n_iter = o.n_iter;
  r.seed = o.seed;
  r.threads = o.threads;
  return r;
}

/// Population variance (ddof 0) of each column, in float64 (numpy's np.var(X, axis=0)).
std::vector<double> column_variances(const Matrix<float>& m) {
  std::vector<double> mean(m.cols, 0.0), variance(m.cols, 0.0);
  for (std::size_t i = 0; i < m.rows; ++i) {
    for (std::size_t j = 0; j < m.cols; ++j) mean[j] += m(i, j);
  }
  for (double& v : mean) v /= static_cast<double>(m.rows);
  for (std::size_t i = 0; i < m.rows; ++i) {
    for (std::size_t j = 0; j < m.cols; ++j) {
      const double d = m(i, j) - mean[j];
      variance[j] += d * d;
    }
  }
  for (double& v : variance) v /= static_cast<double>(m.rows);
  return variance;
}

double sum(const std::vector<double>& values) {
  double total = 0;
  for (double v : values) total += v;
  return total;
}

TruncatedSvdModel make_model(SvdResult svd, const Matrix<float>& embedding, double total_variance) {
  TruncatedSvdModel model;
  model.components = std::move(svd.vt);
  model.singular_values = std::move(svd.s);
  model.explained_variance = column_variances(embedding);
  for (double v : model.explained_variance) {
    model.explained_variance_ratio.push_back(total_variance > 0 ? v / total_variance : 0.0);
  }
  return model;
}

}  // namespace

TruncatedSvd::TruncatedSvd(const TruncatedSvdOptions& options) : options_(options) {}

TruncatedSvd::TruncatedSvd(TruncatedSvdModel model, const TruncatedSvdOptions& options)
    : options_(options), model_(std::move(model)) {
  options_.n_components = model_.components.rows;
  components_t_ = detail::transposed(model_.components);
}

Matrix<float> TruncatedSvd::fit_transform(const CsrMatrix& x) {
  validate_csr(x, "TruncatedSVD input");
  check_shape(x.rows, x.cols, options_.n_components);
  SvdResult svd = randomized_svd(x, svd_options(options_));
  components_t_ = detail::transposed(svd.vt);
  Matrix<float> embedding = multiply(x, components_t_, options_.threads);
  model_ = make_model(std::move(svd), embedding, sum(column_moments(x).variance));
  return embedding;
}

Matrix<float> TruncatedSvd::fit_transform(const Matrix<float>& x) {
  check_shape(x.rows, x.cols, options_.n_components);
  SvdResult svd = randomized_svd(x, svd_options(options_));  // checks the values are finite
  components_t_ = detail::transposed(svd.vt);
  Matrix<float> embedding = detail::multiply_dense(x, components_t_, options_.threads);
  model_ = make_model(std::move(svd), embedding, sum(column_variances(x)));
  return embedding;
}

Matrix<float> TruncatedSvd::transform(const CsrMatrix& x) const {
  if (!fitted()) throw UsageError("TruncatedSVD: transform called before fit");
  validate_csr(x, "TruncatedSVD input");
  if (x.cols != model_.components.cols) {
    throw InputError(fmt::format("TruncatedSVD: the input has {} features, the model was fitted on {}", x.cols,
                                 model_.components.cols));
  }
  return multiply(x, components_t_, options_.threads);
}

Matrix<float> TruncatedSvd::transform(const Matrix<float>& x) const {
  if (!fitted()) throw UsageError("TruncatedSVD: transform called before fit");
  if (x.cols != model_.components.cols) {
    throw InputError(fmt::format("TruncatedSVD: the input has {} features, the model was fitted on {}", x.cols,
                                 model_.components.cols));
  }
  return detail::multiply_dense(x, components_t_, options_.threads);
}

}  // namespace topica
