#include "reduce/umap/spectral_init.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/Dense>
#include <Spectra/SymEigsSolver.h>

#include "reduce/umap/streams.hpp"
#include "topica/parallel.hpp"
#include "topica/random.hpp"
#include "topica/svd.hpp"

namespace topica::umap {
namespace {

// umap-learn asks eigsh for tol=1e-4. The init is scaled, noised and then optimised for hundreds
// of epochs, and a tenth of that precision changes nothing measurable (58,959 Debian documents:
// trustworthiness 0.9032 at 1e-4, 0.9039 at 1e-2) while needing 2.6 times fewer products
// (270 instead of 702); 1e-3 keeps a margin.
constexpr double kTolerance = 1e-3;
constexpr Eigen::Index kMaxRestarts = 300;

std::vector<double> degrees(const Graph& g) {
  std::vector<double> d(g.rows, 0.0);
  for (std::size_t i = 0; i < g.rows; ++i) {
    for (std::size_t e = g.begin(i); e < g.end(i); ++e) d[i] += g.weights[e];
  }
  return d;
}

// Returns columns 1 .. dim of the eigenvectors of a dense symmetric L sorted by eigenvalue.
Matrix<double> smallest_nontrivial(const Eigen::MatrixXd& laplacian, std::size_t dim) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(laplacian);  // eigenvalues ascending
  Matrix<double> out(static_cast<std::size_t>(laplacian.rows()), dim);
  for (std::size_t i = 0; i < out.rows; ++i) {
    for (std::size_t c = 0; c < dim; ++c) out(i, c) = solver.eigenvectors()(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c + 1));
  }
  return out;
}

Matrix<double> dense_eigenmap(const Graph& g, std::size_t dim) {
  const std::vector<double> d = degrees(g);
  const auto n = static_cast<Eigen::Index>(g.rows);
  Eigen::MatrixXd l = Eigen::MatrixXd::Identity(n, n);
  for (std::size_t i = 0; i < g.rows; ++i) {
    for (std::size_t e = g.begin(i); e < g.end(i); ++e) {
      const auto j = static_cast<std::size_t>(g.columns[e]);
      l(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) -= g.weights[e] / std::sqrt(d[i] * d[j]);
    }
  }
  return smallest_nontrivial(l, dim);
}

// x -> P S P x with S = D^-1/2 W D^-1/2 and P the projection away from S's top eigenvector
// u = D^1/2 1 / |D^1/2 1| (eigenvalue 1). The top eigenvalues of P S P are S's next ones, which
// belong to the Laplacian's smallest non-trivial eigenvalues 1 - lambda, so Lanczos never spends
// effort on the trivial pair. Rows are cut in fixed blocks: the same bits for any thread count.
class DeflatedAdjacency {
 public:
  using Scalar = double;

  DeflatedAdjacency(const Graph& g, std::size_t threads) : g_(g), threads_(threads), inv_sqrt_(g.rows), u_(g.rows), tmp_(g.rows) {
    const std::vector<double> d = degrees(g);
    double norm = 0;
    for (std::size_t i = 0; i < g.rows; ++i) {
      inv_sqrt_[i] = 1.0 / std::sqrt(d[i]);
      u_[i] = std::sqrt(d[i]);
      norm += d[i];
    }
    norm = std::sqrt(norm);
    for (double& v : u_) v /= norm;
  }

  Eigen::Index rows() const { return static_cast<Eigen::Index>(g_.rows); }
  Eigen::Index cols() const { return static_cast<Eigen::Index>(g_.rows); }

  void perform_op(const double* x, double* y) const {
    const double ux = dot_u(x);
    for (std::size_t i = 0; i < g_.rows; ++i) tmp_[i] = (x[i] - ux * u_[i]) * inv_sqrt_[i];
    parallel_blocks(g_.rows, 4096, threads_, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        double s = 0;
        for (std::size_t e = g_.begin(i); e < g_.end(i); ++e) s += g_.weights[e] * tmp_[static_cast<std::size_t>(g_.columns[e])];
        y[i] = s * inv_sqrt_[i];
      }
    });
    const double uy = dot_u(y);
    for (std::size_t i = 0; i < g_.rows; ++i) y[i] -= uy * u_[i];
  }

 private:
  double dot_u(const double* x) const {
    double s = 0;
    for (std::size_t i = 0; i < g_.rows; ++i) s += u_[i] * x[i];
    return s;
  }

  const Graph& g_;
  std::size_t threads_;
  std::vector<double> inv_sqrt_, u_;
  mutable std::vector<double> tmp_;
};

std::optional<Matrix<double>> lanczos_eigenmap(const Graph& g, std::size_t dim, std::size_t threads) {
  DeflatedAdjacency op(g, threads);
  const auto nev = static_cast<Eigen::Index>(dim);
  // umap-learn asks ARPACK for ncv = max(2k + 1, sqrt(N)) Lanczos vectors; a smaller basis
  // restarts more often but each restart is far cheaper (at 58,959 points, 20 vectors took the
  // fewest products and least time of 12, 16, 20, 24 and 40).
  const auto ncv = static_cast<Eigen::Index>(std::min<std::size_t>(g.rows, std::max<std::size_t>(2 * dim + 1, 20)));
  Spectra::SymEigsSolver<DeflatedAdjacency> solver(op, nev, ncv);
  solver.init();  // Spectra's fixed-seed start vector: the same on every run
  // Restarts are capped so a graph without an eigengap (identical points) gives up in bounded time
  // and falls back to the random layout; 58,959 documents converge in about 20.
  solver.compute(Spectra::SortRule::LargestAlge, kMaxRestarts, kTolerance);
  if (solver.info() != Spectra::CompInfo::Successful) return std::nullopt;
  const Eigen::MatrixXd vectors = solver.eigenvectors();  // largest S eigenvalue first
  Matrix<double> out(g.rows, dim);
  for (std::size_t i = 0; i < g.rows; ++i) {
    for (std::size_t c = 0; c < dim; ++c) out(i, c) = vectors(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c));
  }
  return out;
}

Graph subgraph(const Graph& g, const std::vector<std::size_t>& vertices, const std::vector<std::int32_t>& local) {
  Graph s;
  s.rows = s.cols = vertices.size();
  s.offsets.assign(vertices.size() + 1, 0);
  for (std::size_t r = 0; r < vertices.size(); ++r) {
    const std::size_t i = vertices[r];
    for (std::size_t e = g.begin(i); e < g.end(i); ++e) {
      s.columns.push_back(local[static_cast<std::size_t>(g.columns[e])]);
      s.weights.push_back(g.weights[e]);
    }
    s.offsets[r + 1] = s.columns.size();
  }
  return s;
}

double centroid_distance(const std::vector<double>& a, const std::vector<double>& b, Metric metric) {
  double dot = 0, aa = 0, bb = 0, sq = 0;
  for (std::size_t j = 0; j < a.size(); ++j) {
    dot += a[j] * b[j];
    aa += a[j] * a[j];
    bb += b[j] * b[j];
    sq += (a[j] - b[j]) * (a[j] - b[j]);
  }
  if (metric == Metric::Euclidean) return std::sqrt(sq);
  if (aa == 0 || bb == 0) return 1.0;  // scikit-learn's cosine distance to a zero vector
  return std::clamp(1.0 - dot / std::sqrt(aa * bb), 0.0, 2.0);
}

}  // namespace

Matrix<double> component_layout(const Matrix<float>& data, Metric metric, const Components& comps, std::size_t dim) {
  const std::size_t nc = comps.count;
  std::vector<std::vector<double>> centroids(nc, std::vector<double>(data.cols, 0.0));
  std::vector<std::size_t> sizes(nc, 0);
  for (std::size_t i = 0; i < data.rows; ++i) {
    auto& c = centroids[static_cast<std::size_t>(comps.labels[i])];
    for (std::size_t j = 0; j < data.cols; ++j) c[j] += data(i, j);
    ++sizes[static_cast<std::size_t>(comps.labels[i])];
  }
  for (std::size_t c = 0; c < nc; ++c) {
    for (double& v : centroids[c]) v /= static_cast<double>(sizes[c]);
  }
  const auto n = static_cast<Eigen::Index>(nc);
  Eigen::MatrixXd affinity = Eigen::MatrixXd::Zero(n, n);
  for (std::size_t p = 0; p < nc; ++p) {
    for (std::size_t q = p + 1; q < nc; ++q) {
      const double d = centroid_distance(centroids[p], centroids[q], metric);
      affinity(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(q)) = affinity(static_cast<Eigen::Index>(q), static_cast<Eigen::Index>(p)) = std::exp(-d * d);
    }
  }
  const Eigen::VectorXd sqrt_degree = affinity.rowwise().sum().cwiseSqrt();
  Eigen::MatrixXd laplacian = Eigen::MatrixXd::Identity(n, n);
  for (Eigen::Index p = 0; p < n; ++p) {
    for (Eigen::Index q = 0; q < n; ++q) {
      if (p != q) laplacian(p, q) = -affinity(p, q) / (sqrt_degree(p) * sqrt_degree(q));
    }
  }
  Matrix<double> layout = smallest_nontrivial(laplacian, dim);
  for (std::size_t c = 0; c < dim; ++c) {
    std::size_t arg = 0;
    for (std::size_t p = 0; p < nc; ++p) {
      layout(p, c) /= sqrt_degree(static_cast<Eigen::Index>(p));
      if (std::fabs(layout(p, c)) > std::fabs(layout(arg, c))) arg = p;
    }
    if (layout(arg, c) < 0) {
      for (std::size_t p = 0; p < nc; ++p) layout(p, c) = -layout(p, c);
    }
  }
  const double max = *std::max_element(layout.values.begin(), layout.values.end());
  for (double& v : layout.values) v /= max;
  return layout;
}

Matrix<double> component_layout_by_pca(const Matrix<float>& data, Metric metric, const Components& comps,
                                      std::size_t dim, std::size_t threads) {
  const std::size_t nc = comps.count;
  Matrix<double> sums(nc, data.cols);
  std::vector<std::size_t> sizes(nc, 0);
  for (std::size_t i = 0; i < data.rows; ++i) {
    const auto c = static_cast<std::size_t>(comps.labels[i]);
    double* to = sums.row(c);
    const float* from = data.row(i);
    for (std::size_t j = 0; j < data.cols; ++j) to[j] += from[j];
    ++sizes[c];
  }
  Matrix<float> centroids(nc, data.cols);
  for (std::size_t c = 0; c < nc; ++c) {
    double norm = 0;
    for (std::size_t j = 0; j < data.cols; ++j) norm += sums(c, j) * sums(c, j);
    // Under cosine only a centroid's direction counts: compare them as unit vectors.
    const double scale = metric == Metric::Cosine ? (norm > 0 ? 1.0 / std::sqrt(norm) : 0.0) : 1.0 / static_cast<double>(sizes[c]);
    for (std::size_t j = 0; j < data.cols; ++j) centroids(c, j) = static_cast<float>(sums(c, j) * scale);
  }
  Matrix<double> layout(nc, dim);
  const std::size_t k = std::min({dim, nc, data.cols});
  PcaOptions options;
  options.n_components = k;
  options.threads = threads;
  const Matrix<float> projected = Pca(options).fit_transform(centroids);
  double max_abs = 0;
  for (float v : projected.values) max_abs = std::max(max_abs, std::fabs(static_cast<double>(v)));
  for (std::size_t c = 0; c < nc; ++c) {
    for (std::size_t j = 0; j < k; ++j) layout(c, j) = max_abs > 0 ? projected(c, j) / max_abs : 0.0;
  }
  return layout;
}

namespace {

// umap-learn multi_component_layout: with at most 2 * dim components they sit at +-e_1, +-e_2, ...;
// with more, at their centroids' spectral layout, or beyond kDenseComponents at their PCA.
Matrix<double> component_positions(const Matrix<float>& data, Metric metric, const Components& comps, std::size_t dim,
                                   std::size_t threads, std::vector<std::string>& warnings) {
  if (comps.count > kDenseComponents) {
    warnings.push_back(std::to_string(comps.count) +
                       " unconnected groups of points in the neighbour graph: they are placed by a PCA of their "
                       "centroids (umap-learn's spectral layout of the groups needs memory for " +
                       std::to_string(comps.count) + " x " + std::to_string(comps.count) + " values)");
    return component_layout_by_pca(data, metric, comps, dim, threads);
  }
  if (comps.count > 2 * dim) return component_layout(data, metric, comps, dim);
  Matrix<double> meta(comps.count, dim);
  const std::size_t k = (comps.count + 1) / 2;
  for (std::size_t c = 0; c < comps.count; ++c) meta(c, c % k) = c < k ? 1.0 : -1.0;
  return meta;
}

const char* kEigenFailure =
    "spectral initialisation failed (the eigensolver did not converge, likely too small an eigengap); "
    "falling back to a random initial layout";

void fill_uniform(double* out, std::size_t n, double low, double high, Random& rng) {
  for (std::size_t i = 0; i < n; ++i) out[i] = low + (high - low) * rng.uniform();
}

Matrix<double> multi_component_layout(const Matrix<float>& data, Metric metric, const Graph& graph,
                                      const Components& comps, std::size_t dim, Random& rng, std::size_t threads,
                                      std::vector<std::string>& warnings) {
  const Matrix<double> meta = component_positions(data, metric, comps, dim, threads, warnings);
  std::vector<std::vector<std::size_t>> members(comps.count);
  for (std::size_t i = 0; i < graph.rows; ++i) members[static_cast<std::size_t>(comps.labels[i])].push_back(i);
  std::vector<std::int32_t> local(graph.rows);
  for (const auto& m : members) {
    for (std::size_t r = 0; r < m.size(); ++r) local[m[r]] = static_cast<std::int32_t>(r);
  }
  // Half the distance to the nearest other component: each component's box (all pairs, as
  // umap-learn; in parallel, since there can be tens of thousands of components).
  std::vector<double> ranges(comps.count);
  parallel_blocks(comps.count, 256, threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t c = begin; c < end; ++c) {
      double nearest = std::numeric_limits<double>::infinity();
      for (std::size_t o = 0; o < comps.count; ++o) {
        double sq = 0;
        for (std::size_t j = 0; j < dim; ++j) sq += (meta(c, j) - meta(o, j)) * (meta(c, j) - meta(o, j));
        if (sq > 0) nearest = std::min(nearest, sq);
      }
      ranges[c] = std::isinf(nearest) ? 1.0 : std::sqrt(nearest) / 2.0;
    }
  });
  Matrix<double> result(graph.rows, dim);
  bool warned = false;
  for (std::size_t c = 0; c < comps.count; ++c) {
    const double range = ranges[c];
    const std::vector<std::size_t>& m = members[c];
    std::optional<Matrix<double>> eig;
    if (m.size() >= 2 * dim && m.size() > dim + 1) {
      eig = laplacian_eigenmap(subgraph(graph, m, local), dim, threads);
      if (!eig && !warned) {
        warnings.emplace_back(kEigenFailure);
        warned = true;
      }
    }
    if (eig) {
      double max_abs = 0;
      for (double v : eig->values) max_abs = std::max(max_abs, std::fabs(v));
      const double expansion = max_abs > 0 ? range / max_abs : 0.0;
      for (std::size_t r = 0; r < m.size(); ++r) {
        for (std::size_t j = 0; j < dim; ++j) result(m[r], j) = (*eig)(r, j) * expansion + meta(c, j);
      }
    } else {
      for (std::size_t r = 0; r < m.size(); ++r) {
        fill_uniform(result.row(m[r]), dim, -range, range, rng);
        for (std::size_t j = 0; j < dim; ++j) result(m[r], j) += meta(c, j);
      }
    }
  }
  return result;
}

}  // namespace

Components connected_components(const Graph& graph) {
  Components c;
  c.labels.assign(graph.rows, -1);
  std::vector<std::size_t> stack;
  for (std::size_t start = 0; start < graph.rows; ++start) {
    if (c.labels[start] >= 0) continue;
    const auto label = static_cast<std::int32_t>(c.count++);
    c.labels[start] = label;
    stack.push_back(start);
    while (!stack.empty()) {
      const std::size_t i = stack.back();
      stack.pop_back();
      for (std::size_t e = graph.begin(i); e < graph.end(i); ++e) {
        const auto j = static_cast<std::size_t>(graph.columns[e]);
        if (c.labels[j] < 0) {
          c.labels[j] = label;
          stack.push_back(j);
        }
      }
    }
  }
  return c;
}

std::optional<Matrix<double>> laplacian_eigenmap(const Graph& graph, std::size_t dim, std::size_t threads,
                                                 std::size_t dense_below) {
  // Below a few hundred vertices a dense eigendecomposition is cheaper than Lanczos and never fails.
  if (graph.rows < dense_below) return dense_eigenmap(graph, dim);
  return lanczos_eigenmap(graph, dim, threads);
}

Matrix<double> spectral_layout(const Matrix<float>& data, Metric metric, const Graph& graph, std::size_t dim,
                               std::uint64_t seed, std::size_t threads, std::vector<std::string>& warnings) {
  Random rng(seed, stream_id(Stream::kInitLayout));
  const Components comps = connected_components(graph);
  if (comps.count > 1) return multi_component_layout(data, metric, graph, comps, dim, rng, threads, warnings);
  std::optional<Matrix<double>> eig;
  if (graph.rows > dim + 1) eig = laplacian_eigenmap(graph, dim, threads);
  if (eig) return std::move(*eig);
  if (graph.rows > dim + 1) warnings.emplace_back(kEigenFailure);
  Matrix<double> random(graph.rows, dim);
  fill_uniform(random.values.data(), random.values.size(), -10.0, 10.0, rng);
  return random;
}

Matrix<float> initial_layout(const Matrix<float>& data, Metric metric, const Graph& graph, std::size_t dim,
                             std::uint64_t seed, std::size_t threads, std::vector<std::string>& warnings) {
  const Matrix<double> spectral = spectral_layout(data, metric, graph, dim, seed, threads, warnings);
  double max_abs = 0;
  for (double v : spectral.values) max_abs = std::max(max_abs, std::fabs(v));
  const double expansion = max_abs > 0 ? 10.0 / max_abs : 1.0;
  // The noise separates points that the eigenmap puts in the same place (duplicates).
  Random rng(seed, stream_id(Stream::kInitLayout, 1));
  Matrix<float> layout(graph.rows, dim);
  for (std::size_t i = 0; i < layout.values.size(); ++i) {
    layout.values[i] = static_cast<float>(spectral.values[i] * expansion) + static_cast<float>(1e-4 * rng.normal());
  }
  for (std::size_t c = 0; c < dim; ++c) {
    float lo = std::numeric_limits<float>::infinity(), hi = -lo;
    for (std::size_t i = 0; i < layout.rows; ++i) {
      lo = std::min(lo, layout(i, c));
      hi = std::max(hi, layout(i, c));
    }
    const float span = hi - lo;
    for (std::size_t i = 0; i < layout.rows; ++i) layout(i, c) = span > 0 ? 10.0f * (layout(i, c) - lo) / span : 5.0f;
  }
  return layout;
}

}  // namespace topica::umap
