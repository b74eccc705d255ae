// GLOSH outlier scores (Campello et al. 2015; hdbscan 0.8 outlier_scores): for a point leaving
// cluster C at lambda_p, (lambda_max - lambda_p) / lambda_max where lambda_max is the largest
// lambda anywhere in C's subtree; 0 when lambda_max is 0 or lambda_p is infinite. The library's
// fixtures (../shared/reference/hdbscan) match the whole-subtree maximum, not the direct one.
#pragma once

#include <vector>

#include "cluster/hdbscan/condensed_tree.hpp"

namespace topica::hdbscan {

std::vector<double> glosh_scores(const ClusterTree& tree);

}  // namespace topica::hdbscan
