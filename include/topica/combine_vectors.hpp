// Combining a group of vectors into one: how a synonym group becomes one concept vector, for
// transformer embeddings (topica adjust) and static word vectors alike. Nothing here knows
// where the rows came from.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace topica {

/// mean: the average (the seed's choice); weighted: np.average with the group's weights (they
/// need not sum to 1); max / min: elementwise, keeping each dimension's extreme.
enum class CombineMethod { Mean, Weighted, Max, Min };

const char* combine_method_name(CombineMethod method);
/// The inverse of combine_method_name; nullopt for any other spelling.
std::optional<CombineMethod> parse_combine_method(std::string_view name);

/// One vector of `width` from `rows` (row-major, rows.size() / width rows, at least one).
/// `weights` has one positive weight per row for Weighted and is ignored otherwise. Sums are
/// taken in double, so the result does not depend on float rounding order. Throws Error when
/// the sizes do not match or a weight is not positive.
std::vector<float> combine_vectors(std::span<const float> rows, std::size_t width, std::span<const double> weights,
                                   CombineMethod method);

}  // namespace topica
