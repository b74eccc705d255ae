// --query-vector Q.npy, shared by `topica find` and `topica similar`: one embedding given as a
// 1-d array or a 1 x D array, as np.save(model.encode([query])) or its [0] writes it.
#pragma once

#include <string>
#include <vector>

namespace topica::cli {

/// Reads the vector in `path` and checks it has `width` values. `against` names what it is
/// compared with in the error ("the model's topic embeddings"). Throws UsageError naming the
/// file for another shape or width; InputError for an unreadable .npy.
std::vector<float> read_query_vector(const std::string& path, std::size_t width, const std::string& against);

}  // namespace topica::cli
