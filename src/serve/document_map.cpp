#include "serve/document_map.hpp"

#include "topica/charts.hpp"

namespace topica::serve {

// The same map (and the same cache file) `topica visualize --kind documents` draws: one layout
// per model, computed by topica::document_map. The explorer runs without one when the model
// keeps no embeddings.
Matrix<float> document_map(const std::string& dir, const SavedModel& saved) {
  const std::size_t rows = saved.model.assignments.size();
  const Matrix<float>* embeddings = document_embeddings(saved);
  if (embeddings == nullptr || embeddings->rows != rows || rows < 3) return {};
  return topica::document_map(saved, dir);
}

}  // namespace topica::serve
