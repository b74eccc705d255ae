#include "cli/query_vector.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "topica/embedding_cache.hpp"
#include "topica/error.hpp"
#include "topica/npy.hpp"

namespace topica::cli {

std::vector<float> read_query_vector(const std::string& path, std::size_t width, const std::string& against) {
  // The header first: read_npy_matrix turns a 1-d array into a column, which must be told
  // apart from an N x 1 array of N one-dimensional queries.
  const NpyInfo info = read_npy_info(path);
  const bool one_row = info.shape.size() == 1 || (info.shape.size() == 2 && info.shape[0] == 1);
  if (!one_row) {
    std::string shape;
    for (auto d : info.shape) shape += (shape.empty() ? "" : ", ") + std::to_string(d);
    throw UsageError(fmt::format("{}: shape ({}): expected one query vector (a 1-d array or one row)", path, shape));
  }
  std::vector<float> values = read_npy_matrix(path).values;
  if (values.size() != width) {
    throw UsageError(fmt::format("{}: {} values but {} have {} dimensions", path, values.size(), against, width));
  }
  return values;
}

}  // namespace topica::cli

namespace topica::cli {

SentenceEncoder load_model_encoder(const EncoderReference& e, const std::string& dir) {
  if (model_fingerprint(e.folder) != e.fingerprint) {
    throw UsageError(fmt::format("{}: the encoder folder {} no longer holds the model it was fitted with "
                                 "(its fingerprint changed); fit again",
                                 dir, e.folder));
  }
  return SentenceEncoder::load(e.folder, e.options);
}

Matrix<float> embed_in_blocks(const LsaEmbedder& embedder, std::span<const std::string> texts,
                              const EncodeProgress& progress, std::size_t block) {
  if (!progress || texts.size() <= block) {
    Matrix<float> rows = embedder.embed(texts);
    if (progress) progress(texts.size(), texts.size());
    return rows;
  }
  Matrix<float> rows;
  for (std::size_t begin = 0; begin < texts.size(); begin += block) {
    const std::size_t end = std::min(texts.size(), begin + block);
    const Matrix<float> part = embedder.embed(texts.subspan(begin, end - begin));
    if (begin == 0) rows = Matrix<float>(texts.size(), part.cols);
    std::copy(part.values.begin(), part.values.end(), rows.row(begin));
    progress(end, texts.size());
  }
  return rows;
}

Matrix<float> embed_like_model(const SavedModel& saved, const std::string& dir, std::span<const std::string> texts,
                               const EncodeProgress& progress) {
  if (saved.encoder) return load_model_encoder(*saved.encoder, dir).encode(texts, 32, 0, progress);
  // A model fitted from --embeddings has no embedder that could embed the text the same way.
  if (!saved.embedder) {
    throw UsageError(fmt::format("{}: the model was fitted from --embeddings ({}), so it cannot embed text; "
                                 "pass the embeddings instead",
                                 dir, saved.provenance.embedder));
  }
  return embed_in_blocks(*saved.embedder, texts, progress);
}

Matrix<float> new_document_embeddings(const SavedModel& saved, const std::string& dir, const std::string& npy,
                                      std::span<const std::string> texts, const EncodeProgress& progress) {
  if (!npy.empty()) {
    Matrix<float> e = read_npy_matrix(npy);
    if (e.rows != texts.size()) {
      throw UsageError(fmt::format("{}: {} rows but the corpus has {} documents", npy, e.rows, texts.size()));
    }
    return e;
  }
  if (!saved.embedder && !saved.encoder) {
    throw UsageError(fmt::format("{}: the model was fitted from precomputed embeddings ({}); pass --embeddings with "
                                 "the new documents' embeddings from the same embedder",
                                 dir, saved.provenance.embedder));
  }
  return embed_like_model(saved, dir, texts, progress);
}

}  // namespace topica::cli
