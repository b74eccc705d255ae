// The explorer's 2-d document map: where each document is drawn.
#pragma once

#include <cstddef>
#include <string>

#include "topica/matrix.hpp"
#include "topica/saved_model.hpp"

namespace topica::serve {

/// The documents' 2-d coordinates: topica::document_map (charts.hpp), the layout the documents
/// chart draws, cached as documents_2d.npy in the folder. 0 rows when the model keeps no
/// embeddings or has fewer than 3 documents.
Matrix<float> document_map(const std::string& dir, const SavedModel& saved);

}  // namespace topica::serve
