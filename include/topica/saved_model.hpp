// A topic model folder with everything `transform` and `find` need, on top of the readable topic
// files of model_store.hpp:
//   transform.json           UMAP and HDBSCAN settings and fitted scalars, and topic_of_cluster
//                            (topic of each HDBSCAN cluster; older folders keep it in the tensors, still read)
//   transform.safetensors    the training embeddings, the UMAP layout and the HDBSCAN state
//                            (absent for manual topics: they transform by topic embeddings)
//   embedder.json            the built-in embedder's settings (absent when the model was fitted
//   embedder.safetensors     from --embeddings: a text query then needs a query vector)
//   embedder_vocabulary.txt
//   encoder.json             the sentence encoder of `fit --model`: its folder, fingerprint and
//                            options, so a text query is embedded as the documents were
//   documents.jsonl          the training documents, one JSON string per line: the topic
//                            operations (reduce, merge, outliers, ...) recompute c-TF-IDF from them
//   embeddings.safetensors   "embeddings": the document embeddings, one row per document, when
//                            transform.safetensors does not hold them all: manual topics from
//                            --labels, or documents appended by `topica update` (the transform
//                            stays the one fitted on the first K <= N documents)
// Loading gives back the same values bit for bit, so a loaded model transforms exactly as the
// model did before saving.
#pragma once

#include <optional>
#include <string>

#include "topica/embedder.hpp"
#include "topica/encoder.hpp"
#include "topica/model_store.hpp"
#include "topica/topic_pipeline.hpp"

namespace topica {

/// The sentence encoder a model was fitted with: what it takes to embed new text the same way.
struct EncoderReference {
  std::string folder;       ///< the model folder, absolute
  std::string fingerprint;  ///< model_fingerprint(folder) at fit time (topica/embedding_cache.hpp)
  EncoderOptions options;   ///< max_length as resolved at fit time, normalize as asked
};

struct SavedModel {
  TopicModel model;
  ModelProvenance provenance;
  std::optional<TopicTransform> transform;  ///< UMAP + HDBSCAN; none for manual topics
  std::optional<LsaEmbedder> embedder;      ///< none when embeddings were given
  std::optional<EncoderReference> encoder;  ///< fit --model
  /// The training documents, one per row of model.assignments; empty for a folder written before
  /// topica kept them (topic operations then ask for a refit).
  std::vector<std::string> documents;
  /// Every document's embedding when the transform does not hold them all: no transform, or
  /// documents appended after the K the transform was fitted on (`topica update`).
  Matrix<float> embeddings;
  /// The folder load_model read this from (absolute); empty for a model built in memory. Saving
  /// links that folder's large files (tensors, documents) where their bytes are unchanged.
  std::string source_folder;
};

/// The document embeddings, one row per document (`embeddings` when it has that many rows, else
/// the transform's), or nullptr when the model has none for every document.
const Matrix<float>* document_embeddings(const SavedModel& saved);

/// Writes the whole model to the folder `dir`, atomically (see save_topic_model).
void save_model(const SavedModel& saved, const std::string& dir);

/// Reads a folder written by save_model (or save_topic_model: no transform, no embedder).
/// Throws InputError naming the file and field for anything missing or malformed.
SavedModel load_model(const std::string& dir);

}  // namespace topica
