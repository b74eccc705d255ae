// Document embedders: text in, one L2-normalised float32 row per document out. The built-in
// default needs no download: LSA (TF-IDF -> truncated SVD -> L2), fitted on the corpus itself —
// the recipe behind the reference embeddings in ../shared/reference. Transformer encoders (a later
// issue) implement the same interface.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "topica/matrix.hpp"
#include "topica/svd.hpp"
#include "topica/tfidf.hpp"

namespace topica {

class Embedder {
 public:
  virtual ~Embedder() = default;
  /// A short description for logs and saved models, e.g. "lsa-384 (tf-idf + truncated svd)".
  virtual std::string name() const = 0;
  virtual Matrix<float> embed(std::span<const std::string> documents) const = 0;
};

struct LsaOptions {
  std::size_t dimensions = 384;  ///< the reference recipe: TruncatedSVD(384)
  TfidfOptions tfidf = [] {      ///< the reference recipe: sublinear tf, min_df 2
    TfidfOptions o;
    o.sublinear_tf = true;
    o.vectorizer.min_df = DocumentFrequency::count(2);
    return o;
  }();
  std::uint64_t seed = 0;   ///< the reference recipe: random_state 0
  std::size_t threads = 0;  ///< 0: every core; results do not depend on it
};

class LsaEmbedder final : public Embedder {
 public:
  explicit LsaEmbedder(LsaOptions options = {});
  /// A fitted embedder from saved state (see src/store/embedder_store.cpp).
  LsaEmbedder(LsaOptions options, TfidfVectorizer tfidf, TruncatedSvd svd);
  /// Fits TF-IDF and the SVD on `documents` and returns their embeddings. Dimensions above the
  /// vocabulary or document count are lowered to fit (see dimensions()).
  Matrix<float> fit_embed(std::span<const std::string> documents);
  Matrix<float> embed(std::span<const std::string> documents) const override;
  std::string name() const override;
  std::size_t dimensions() const { return dimensions_; }
  const LsaOptions& options() const { return options_; }
  const TfidfVectorizer& tfidf() const { return tfidf_; }
  const TruncatedSvd& svd() const { return svd_; }

 private:
  LsaOptions options_;
  TfidfVectorizer tfidf_;
  TruncatedSvd svd_;
  std::size_t dimensions_ = 0;
};

/// Scales every row to unit length (zero rows stay zero).
void l2_normalize_rows(Matrix<float>& m);

}  // namespace topica
