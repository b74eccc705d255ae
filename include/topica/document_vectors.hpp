// Document vectors from word vectors: the mean of a document's word vectors, or the SIF
// embedding of Arora, Liang and Ma ("A Simple but Tough-to-Beat Baseline for Sentence
// Embeddings", 2017): each word weighted a / (a + p(w)), then the projection on the first
// principal component of all document vectors removed (uncentred, as their TruncatedSVD).
// One row per document, for `topica fit --embeddings` and `topica similar`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "topica/matrix.hpp"
#include "topica/word_vectors.hpp"

namespace topica {

enum class DocumentWeighting { Mean, Sif };

struct DocumentVectorOptions {
  DocumentWeighting weighting = DocumentWeighting::Mean;
  double sif_a = 1e-3;  ///< SIF's a (the paper's default)
};

struct DocumentVectorStats {
  std::size_t empty_documents = 0;  ///< documents with no word in the vocabulary: zero rows
  std::size_t tokens = 0, known_tokens = 0;
};

/// The vectors of `documents` (already tokenized). Words outside the vocabulary are skipped.
/// `word_counts` (one per row of `vectors`) give p(w) for SIF; when empty, p(w) comes from the
/// documents themselves.
Matrix<float> document_vectors(const WordVectors& vectors, const std::vector<std::vector<std::string>>& documents,
                               const DocumentVectorOptions& options, const std::vector<std::uint64_t>& word_counts = {},
                               DocumentVectorStats* stats = nullptr);

}  // namespace topica
