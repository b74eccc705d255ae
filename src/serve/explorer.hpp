// The web explorer's answers, independent of HTTP: one saved model held read-only, everything
// the requests share computed once at construction, so handlers on many threads only read.
// Each method returns a JSON body or throws ApiError with the HTTP status to answer.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "serve/cosine_rows.hpp"
#include "topica/matrix.hpp"
#include "topica/saved_model.hpp"

namespace topica::serve {

/// A request the explorer cannot answer: `status` is the HTTP status (4xx), what() the reason.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

/// Embeds one text query the way the model's documents were embedded (1 x D), or is empty when
/// the model cannot embed text (fitted from --embeddings). Called from every request thread at
/// once: it must be safe to call concurrently (the LSA embedder and the sentence encoder are:
/// const, with per-thread scratch).
using QueryEmbedder = std::function<Matrix<float>(const std::string& text)>;

struct ExplorerLimits {
  std::size_t max_page = 1000;         ///< documents per /api/documents page
  std::size_t max_query_chars = 1000;  ///< bytes of a search query
  std::size_t search_topics = 5;       ///< topics a search returns (find_topics' top_n default)
  std::size_t search_documents = 10;   ///< documents a search returns
  std::size_t similar_documents = 10;  ///< documents /api/similar returns
  std::size_t similar_topics = 5;      ///< topics /api/topics/{id} lists as similar
  std::size_t snippet_chars = 240;     ///< text shown per hit in search and similar results
};

class Explorer {
 public:
  /// `map` is the 2-d document map (rows = documents; 0 rows: no map). `embed` may be empty.
  Explorer(SavedModel saved, Matrix<float> map, QueryEmbedder embed, ExplorerLimits limits = {});

  std::size_t documents() const { return saved_.model.assignments.size(); }
  const ExplorerLimits& limits() const { return limits_; }

  std::string topics() const { return topics_json_; }   ///< GET /api/topics
  std::string map() const { return map_json_; }         ///< GET /api/map
  std::string topic(int id) const;                       ///< GET /api/topics/{id}
  /// GET /api/documents?topic=&offset=&limit=: rows of one topic (or all) in row order.
  std::string document_page(std::optional<int> topic, std::size_t offset, std::size_t limit) const;
  std::string document(std::size_t row) const;           ///< GET /api/documents/{row}
  std::string search(std::string_view query) const;      ///< GET /api/search?q=
  std::string similar(std::size_t row) const;            ///< GET /api/similar?doc=

 private:
  std::size_t topic_index(int id) const;  // throws ApiError 404
  void check_row(std::size_t row) const;  // throws ApiError 404
  std::string text_of(std::size_t row) const;

  SavedModel saved_;
  const Matrix<float>* embeddings_ = nullptr;  // into saved_, or nullptr
  QueryEmbedder embed_;
  CosineRows document_rows_;  // *embeddings_
  CosineRows topic_rows_;     // the model's topic embeddings
  ExplorerLimits limits_;
  std::vector<std::vector<std::size_t>> rows_of_topic_;  // by index into model.topics
  std::vector<std::size_t> outlier_topic_;               // index of topic -1, left out of topic searches
  std::string topics_json_, map_json_;
};

}  // namespace topica::serve
