// UMAP's initial layout: the normalised-Laplacian eigenmap of the fuzzy graph (umap-learn 0.5.3
// spectral.py: spectral_layout, multi_component_layout, component_layout) and the scaling and
// noise that umap_.py: simplicial_set_embedding applies to it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reduce/umap/graph.hpp"
#include "topica/matrix.hpp"
#include "topica/neighbors.hpp"

namespace topica::umap {

/// Connected components of a symmetric graph, numbered in order of their smallest vertex (as
/// scipy.sparse.csgraph.connected_components numbers them).
struct Components {
  std::size_t count = 0;
  std::vector<std::int32_t> labels;  ///< one per vertex
};
Components connected_components(const Graph& graph);

/// umap-learn's component_layout: positions for more than 2 * dim components, from scikit-learn's
/// SpectralEmbedding of their centroids in `data` with affinity exp(-d^2) under `metric`
/// (normalised Laplacian ignoring the diagonal, eigenvectors divided by sqrt(degree), each signed
/// so its largest |entry| is positive), divided by the largest coordinate. One row per component.
Matrix<double> component_layout(const Matrix<float>& data, Metric metric, const Components& components, std::size_t dim);

/// Beyond this many components their spectral layout (dense: components^2 values, cubic time) is
/// replaced by component_layout_by_pca. umap-learn has no such limit and runs out of memory there
/// (near-duplicate documents can split a large corpus's graph into tens of thousands of pieces).
constexpr std::size_t kDenseComponents = 2000;

/// Positions for many components: the first `dim` principal components of their centroids (unit
/// centroids under cosine), divided by the largest |coordinate| as component_layout's are.
Matrix<double> component_layout_by_pca(const Matrix<float>& data, Metric metric, const Components& components,
                                      std::size_t dim, std::size_t threads);

/// Eigenvectors 2 .. dim + 1 (by increasing eigenvalue) of the normalised Laplacian
/// I - D^-1/2 W D^-1/2 of a connected symmetric graph with at least dim + 2 vertices, one per
/// column, as umap-learn's eigsh(L, dim + 1, which="SM", tol=1e-4) gives them up to sign.
/// Small graphs are solved densely; large ones by restarted Lanczos (Spectra) on D^-1/2 W D^-1/2
/// with its known top eigenvector D^1/2 1 projected out. nullopt when Lanczos does not converge.
/// `dense_below` is where the dense solver stops (tests set it to compare the two).
std::optional<Matrix<double>> laplacian_eigenmap(const Graph& graph, std::size_t dim, std::size_t threads,
                                                 std::size_t dense_below = 400);

/// umap-learn's spectral_layout: the eigenmap of a connected graph; for a disconnected one, each
/// component's eigenmap (random for components too small for one) placed around the component's
/// position in a layout of the components (multi_component_layout). Falls back to uniform random
/// in [-10, 10] when the eigensolver fails, adding a line to `warnings`. `data` and `metric` place
/// the components when there are more than 2 * dim of them (their centroids' own eigenmap).
Matrix<double> spectral_layout(const Matrix<float>& data, Metric metric, const Graph& graph, std::size_t dim,
                               std::uint64_t seed, std::size_t threads, std::vector<std::string>& warnings);

/// The layout the optimisation starts from, as simplicial_set_embedding makes it: spectral_layout
/// scaled so its largest |coordinate| is 10, plus N(0, 1e-4) noise, then each column scaled to
/// [0, 10].
Matrix<float> initial_layout(const Matrix<float>& data, Metric metric, const Graph& graph, std::size_t dim,
                             std::uint64_t seed, std::size_t threads, std::vector<std::string>& warnings);

}  // namespace topica::umap
