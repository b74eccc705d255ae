// Agreement between two labelings of the same points, with scikit-learn's definitions
// (sklearn.metrics 1.2), so scores can be compared with figures computed in Python. Any integer
// is a label; -1 (noise) is just another label, as scikit-learn treats it.
#pragma once

#include <cstdint>
#include <span>

namespace topica {

/// sklearn.metrics.adjusted_rand_score: pair-counting agreement corrected for chance; 1 for
/// identical partitions (up to renumbering), about 0 for independent ones, can be negative.
/// Throws Error when the two spans differ in length.
double adjusted_rand_index(std::span<const std::int64_t> labels_true, std::span<const std::int64_t> labels_pred);

/// sklearn.metrics.normalized_mutual_info_score with average_method="arithmetic": mutual
/// information over the mean of the two entropies, in [0, 1]. Two single-cluster labelings
/// score 1 (scikit-learn's convention). Throws Error when the spans differ in length.
double normalized_mutual_information(std::span<const std::int64_t> labels_true,
                                     std::span<const std::int64_t> labels_pred);

}  // namespace topica
