// The embedding cache: sentence embeddings kept in an SQLite file, keyed by the model's
// fingerprint and a hash of the exact text and the encoder options, so embedding the same texts
// again (another `topica fit` over the same corpus with other parameters, `topica embed` after
// a fit) reads them back instead of running the encoder. A hit returns exactly the bytes the
// encoder gave when it was stored, so a run that is all hits repeats the run that stored them
// bit for bit. Misses among hits are embedded in other batches than an uncached run would
// form, and the encoder's GEMM blocks follow the batch: they agree with it to float rounding
// (1e-6, the encoder's own batch tolerance), not bit for bit.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "topica/encoder.hpp"
#include "topica/matrix.hpp"

namespace topica {

/// What identifies a model folder's weights and text processing without reading every weight:
/// SHA-256 over config.json, the tokenizer files (tokenizer.json, vocab.txt, tokenizer_config.json,
/// special_tokens_map.json), the sentence-transformers files (modules.json,
/// sentence_bert_config.json, every module folder's name and config.json) and, of
/// model.safetensors, its size and its JSON header. The header lists every tensor's name, dtype,
/// shape and byte offsets, so a retrained or re-exported model changes it unless every tensor
/// kept its place and size; the remaining case (weights edited in place to the same layout) is
/// the price of not hashing hundreds of megabytes on every run. 64 hex digits.
/// Throws InputError naming the file when the folder cannot be read.
std::string model_fingerprint(const std::filesystem::path& folder);

/// The encoder settings that change an embedding, as one string that goes into every key
/// ("max_length=128;normalize=1"). The one place to extend when an option is added.
std::string encoder_options_key(const SentenceEncoder& encoder);

/// Hits and misses of one run, for the verbs' stat lines and the tests.
struct CacheCounts {
  std::size_t hits = 0;
  std::size_t misses = 0;
};

class EmbeddingCache {
 public:
  /// $XDG_CACHE_HOME/topica/embeddings.sqlite, else ~/.cache/topica/embeddings.sqlite.
  /// Throws UsageError when neither XDG_CACHE_HOME nor HOME is set.
  static std::filesystem::path default_path();

  /// Opens or creates the cache file (and its folder) in WAL mode. Several processes may read
  /// and write one file at once: writers wait for each other (up to a minute) rather than fail.
  /// Throws Error naming the file when it cannot be opened or is not a topica cache.
  explicit EmbeddingCache(const std::filesystem::path& file);
  ~EmbeddingCache();
  EmbeddingCache(EmbeddingCache&&) noexcept;
  EmbeddingCache& operator=(EmbeddingCache&&) noexcept;

  /// Copies the cached row of every text found into `out` (texts.size() x out.cols) and
  /// returns which were found. A stored row of another width counts as not found.
  std::vector<bool> lookup(const std::string& model_key, std::span<const std::string> texts, Matrix<float>& out) const;

  /// Stores row i of `rows` for texts[i], in one transaction.
  void store(const std::string& model_key, std::span<const std::string> texts, const Matrix<float>& rows);

  const std::filesystem::path& path() const;

  struct Db;  ///< internal: the SQLite handle

 private:
  std::unique_ptr<Db> db_;
};

/// An encoder with what names it in the cache: the model fingerprint and the options key.
struct CachedEncoder {
  SentenceEncoder encoder;
  std::string fingerprint;  ///< model_fingerprint(folder)
  std::string model_key;    ///< fingerprint + "/" + encoder_options_key(encoder)

  static CachedEncoder load(const std::filesystem::path& folder, const EncoderOptions& options);
};

/// Embeds `texts` with the encoder, reading what `cache` holds and storing the rest once they
/// are embedded. `cache` may be null: everything is a miss.
/// All misses or all hits: the same bytes as encoder.encode(texts); a mix agrees to float rounding.
/// `progress` counts the misses as they are embedded.
Matrix<float> encode_cached(const CachedEncoder& encoder, EmbeddingCache* cache, std::span<const std::string> texts,
                            std::size_t batch_size, std::size_t threads, CacheCounts* counts = nullptr,
                            const EncodeProgress& progress = {});

}  // namespace topica
