// The explorer's 2-d document map: where each document is drawn.
#pragma once

#include <cstddef>
#include <string>

#include "topica/matrix.hpp"
#include "topica/saved_model.hpp"

namespace topica::serve {

/// The cache file of 2-d document coordinates in a model folder (documents x 2, float32).
inline constexpr const char* kDocumentMapFile = "documents_2d.npy";

/// The documents' 2-d coordinates: `dir`/documents_2d.npy when it holds one row per document,
/// else UMAP of the document embeddings to 2-d (cosine, min_dist 0, seeded, so a restart draws
/// the same map). 0 rows when the model keeps no embeddings or has fewer than 3 documents.
Matrix<float> document_map(const std::string& dir, const SavedModel& saved, std::size_t threads);

}  // namespace topica::serve
