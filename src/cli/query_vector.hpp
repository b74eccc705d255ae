// Query embeddings shared by `topica find`, `topica similar` and `topica transform`: a vector
// given as Q.npy, or text embedded the way the saved model's documents were.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "topica/encoder.hpp"
#include "topica/matrix.hpp"
#include "topica/saved_model.hpp"

namespace topica::cli {

/// --query-vector Q.npy: one embedding given as a 1-d array or a 1 x D array, as
/// np.save(model.encode([query])) or its [0] writes it. Reads the vector in `path` and checks it
/// has `width` values. `against` names what it is compared with in the error ("the model's topic
/// embeddings"). Throws UsageError naming the file for another shape or width; InputError for
/// an unreadable .npy.
std::vector<float> read_query_vector(const std::string& path, std::size_t width, const std::string& against);

/// The sentence encoder a model in `dir` was fitted with (fit --model), loaded. Throws
/// UsageError naming `dir` when the encoder folder no longer holds that model.
SentenceEncoder load_model_encoder(const EncoderReference& encoder, const std::string& dir);

/// Embeds `texts` as the model in `dir` embedded its documents: with its sentence encoder
/// (fit --model; the encoder folder must still hold the same model) or its built-in LSA
/// embedder. `progress` (may be empty) is told the documents done of the total as blocks
/// finish. Throws UsageError naming `dir` for a model fitted from --embeddings, which has
/// neither, or whose encoder folder has changed.
Matrix<float> embed_like_model(const SavedModel& saved, const std::string& dir, std::span<const std::string> texts,
                               const EncodeProgress& progress = {});

/// The built-in LSA embedder's rows for `texts`, embedded `block` documents at a time with
/// `progress` told after each block: the same rows as one embed() call, as each row depends on
/// its own document alone.
Matrix<float> embed_in_blocks(const LsaEmbedder& embedder, std::span<const std::string> texts,
                              const EncodeProgress& progress, std::size_t block = 4096);

/// New documents' embeddings for `transform` and `update`: read from `npy` when given (one row
/// per document), else embed_like_model (with `progress`). Throws UsageError for a row-count
/// mismatch, or for a model fitted from precomputed embeddings when `npy` is empty.
Matrix<float> new_document_embeddings(const SavedModel& saved, const std::string& dir, const std::string& npy,
                                      std::span<const std::string> texts, const EncodeProgress& progress = {});

}  // namespace topica::cli
