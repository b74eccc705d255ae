// Hierarchical agglomerative clustering with average or Ward linkage, by the nearest-neighbour
// chain algorithm (O(n^2) time, O(n^2) memory for the condensed distance matrix): topic counts,
// up to a few thousand, not documents.
//
// Semantics follow scipy 1.10's scipy.cluster.hierarchy.linkage (method "average" / "ward"),
// which scikit-learn's AgglomerativeClustering also calls for average linkage:
//  - clusters are numbered as in scipy's linkage matrix: points 0..n-1, and n + i for the cluster
//    formed by merge i;
//  - merges are listed by non-decreasing distance (a stable sort of the order in which the chain
//    found them), and each merge names its smaller cluster number first;
//  - Ward's distance is the Lance-Williams update of scipy's nn_chain,
//    d(i, x+y) = sqrt(((n_i + n_x) d(i,x)^2 + (n_i + n_y) d(i,y)^2 - n_i d(x,y)^2) / (n_i + n_x + n_y)),
//    which on Euclidean distances between points is Ward's minimum-variance criterion.
// On data without tied distances the merges equal scipy's; with ties, the chain breaks them as
// scipy's does (lowest index first), so results usually still agree.
//
// BERTopic uses average linkage on 1 - cosine similarity of topic embeddings to reduce topics
// (AgglomerativeClustering(metric="precomputed", linkage="average")) and Ward linkage on
// 1 - cosine similarity of c-TF-IDF rows for its topic hierarchy.
//
// @see D. Müllner, "Modern hierarchical, agglomerative clustering algorithms", arXiv:1109.2378.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "topica/matrix.hpp"
#include "topica/neighbors.hpp"
#include "topica/sparse.hpp"

namespace topica {

enum class Linkage {
  Average,  ///< UPGMA: mean distance between the points of the two clusters
  Ward,     ///< Ward's minimum variance (meaningful on Euclidean distances)
};
const char* linkage_name(Linkage linkage);

/// One merge: a row of scipy's linkage matrix.
struct Merge {
  std::size_t a = 0, b = 0;  ///< the merged clusters, a < b (points are 0..n-1, merge i made n + i)
  double distance = 0;       ///< linkage distance between a and b
  std::size_t size = 0;      ///< points in the new cluster
};

struct Dendrogram {
  std::size_t leaves = 0;     ///< n, the number of points
  std::vector<Merge> merges;  ///< n - 1 merges by non-decreasing distance

  /// The (n - 1) x 4 float64 matrix scipy.cluster.hierarchy.linkage returns: a, b, distance, size.
  Matrix<double> linkage_matrix() const;
};

/// Index of the distance between points i and j (i != j) in a condensed matrix of n points: the
/// upper triangle row by row, as scipy.spatial.distance.pdist and squareform lay it out.
std::size_t condensed_index(std::size_t n, std::size_t i, std::size_t j);

/// Condensed distances between the rows of `points`, in float64: Euclidean, or cosine distance
/// 1 - cos(a, b) clamped to [0, 2] (a zero row is at distance 1 from everything, as
/// scikit-learn's cosine_similarity gives). Rows are spread over `threads` (0: every core); each
/// value is computed by one task, so the result does not depend on the thread count. Throws
/// InputError for a NaN/Inf value, naming its row.
std::vector<double> condensed_distances(const Matrix<float>& points, Metric metric, std::size_t threads = 0);

/// The same for sparse rows (e.g. c-TF-IDF, for BERTopic's hierarchy: Ward on 1 - cosine), without
/// densifying: each row is scattered once and dotted with the sparse rows after it,
/// O(n^2 * stored values per row / 2). Throws InputError for malformed CSR or NaN/Inf values.
std::vector<double> condensed_distances(const Csr<double>& points, Metric metric, std::size_t threads = 0);
std::vector<double> condensed_distances(const Csr<float>& points, Metric metric, std::size_t threads = 0);

/// Clusters n points given their condensed distances (length n (n - 1) / 2). Throws InputError when
/// n is 0, the length does not match n, or a distance is NaN/Inf (naming the pair).
Dendrogram linkage(std::span<const double> condensed, std::size_t n, Linkage method);

/// Clusters the rows of `points` under `metric` (scipy's linkage(points, method, metric)). Ward
/// linkage needs the Euclidean metric (UsageError otherwise, as scipy); for Ward on cosine
/// distances, pass condensed_distances(points, Metric::Cosine) to the overload above, as BERTopic
/// does with its precomputed distance matrix.
Dendrogram linkage(const Matrix<float>& points, Linkage method, Metric metric = Metric::Euclidean,
                   std::size_t threads = 0);

/// Flat clusters from the tree: undoes the last n_clusters - 1 merges (scikit-learn's
/// AgglomerativeClustering(n_clusters) cut; scipy's fcluster(criterion="maxclust") on these
/// monotone linkages). Labels are numbered by the first point of each cluster (the cluster of
/// point 0 is 0), a renumbering of scikit-learn's labels. Throws UsageError unless
/// 1 <= n_clusters <= n.
std::vector<std::int32_t> cut(const Dendrogram& tree, std::size_t n_clusters);

}  // namespace topica
