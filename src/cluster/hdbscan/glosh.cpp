#include "cluster/hdbscan/glosh.hpp"

#include <cmath>

namespace topica::hdbscan {

std::vector<double> glosh_scores(const ClusterTree& tree) {
  // Children have larger ids than parents: one pass from the largest id carries every
  // subtree's maximum up to the root.
  std::vector<double> deepest = tree.max_lambda;
  for (std::size_t c = tree.clusters; c-- > 1;) {
    const std::size_t p = tree.at(tree.parent[c]);
    if (deepest[c] > deepest[p]) deepest[p] = deepest[c];
  }
  std::vector<double> scores(tree.point_parent.size(), 0.0);
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const double lambda_max = deepest[tree.at(tree.point_parent[i])];
    const double lambda = tree.point_lambda[i];
    scores[i] = (lambda_max == 0.0 || !std::isfinite(lambda)) ? 0.0 : (lambda_max - lambda) / lambda_max;
  }
  return scores;
}

}  // namespace topica::hdbscan
