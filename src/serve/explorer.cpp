#include "serve/explorer.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "topica/error.hpp"
#include "topica/similarity.hpp"
#include "topica/topic_distribution.hpp"

namespace topica::serve {
namespace {

using Json = nlohmann::ordered_json;

// Documents are user text and may hold invalid UTF-8: replaced with U+FFFD, never thrown on.
std::string body(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string display_name(const Topic& t) { return t.label.empty() ? t.name : t.label; }

// The first `max_bytes` of `text` cut at a UTF-8 character boundary, with "…" when cut, so
// a hit list stays small however long the documents are.
std::string snippet(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "\u2026";
}

Json words_json(const std::vector<TopicWord>& words) {
  Json out = Json::array();
  for (const TopicWord& w : words) out.push_back({{"word", w.word}, {"score", w.score}});
  return out;
}

Json topics_list(const TopicModel& m) {
  Json topics = Json::array();
  for (const Topic& t : m.topics) {
    Json words = Json::array();
    for (const TopicWord& w : t.words) words.push_back(w.word);
    topics.push_back({{"id", t.id}, {"count", t.size}, {"name", t.name}, {"label", t.label}, {"words", std::move(words)}});
  }
  return topics;
}

// {"rows": n, "x": [...], "y": [...], "topic": [...]}: columns, not one object per point, so
// 100k points stay a few MB.
Json map_columns(const Matrix<float>& map, const std::vector<int>& topics) {
  Json x = Json::array(), y = Json::array();
  for (std::size_t r = 0; r < map.rows; ++r) {
    x.push_back(map(r, 0));
    y.push_back(map(r, 1));
  }
  return {{"rows", map.rows}, {"x", std::move(x)}, {"y", std::move(y)}, {"topic", map.rows > 0 ? Json(topics) : Json::array()}};
}

}  // namespace

Explorer::Explorer(SavedModel saved, Matrix<float> map, QueryEmbedder embed, ExplorerLimits limits)
    : saved_(std::move(saved)),
      embeddings_(document_embeddings(saved_)),
      embed_(std::move(embed)),
      document_rows_(embeddings_),
      topic_rows_(saved_.model.topic_embeddings.rows == saved_.model.topics.size() ? &saved_.model.topic_embeddings : nullptr),
      limits_(limits) {
  const TopicModel& m = saved_.model;
  if (map.rows != 0 && (map.rows != m.assignments.size() || map.cols < 2)) {
    throw Error(fmt::format("the document map has {} x {} values for {} documents", map.rows, map.cols, m.assignments.size()));
  }
  rows_of_topic_.resize(m.topics.size());
  for (std::size_t row = 0; row < m.assignments.size(); ++row) {
    if (const auto index = m.index_of(m.assignments[row])) rows_of_topic_[*index].push_back(row);
  }
  if (const auto index = m.index_of(-1)) outlier_topic_.push_back(*index);
  topics_json_ = body(topics_list(m));
  map_json_ = body(map_columns(map, m.assignments));
}

std::size_t Explorer::topic_index(int id) const {
  const auto index = saved_.model.index_of(id);
  if (!index) throw ApiError(404, fmt::format("no topic {} in the model", id));
  return *index;
}

void Explorer::check_row(std::size_t row) const {
  if (row >= documents()) {
    throw ApiError(404, fmt::format("no document {}: the model has {} (rows 0 to {})", row, documents(),
                                    documents() == 0 ? 0 : documents() - 1));
  }
}

std::string Explorer::text_of(std::size_t row) const {
  return row < saved_.documents.size() ? saved_.documents[row] : std::string();
}

std::string Explorer::topic(int id) const {
  const TopicModel& m = saved_.model;
  const std::size_t index = topic_index(id);
  const Topic& t = m.topics[index];
  Json representative = Json::array();
  for (std::size_t i = 0; i < t.representative_docs.size(); ++i) {
    Json doc{{"text", t.representative_docs[i]}};
    if (i < t.representative_rows.size()) doc["row"] = t.representative_rows[i];
    representative.push_back(std::move(doc));
  }
  // Similar topics by topic-embedding cosine, as find_topics ranks them; none without embeddings.
  Json similar = Json::array();
  if (!topic_rows_.empty()) {
    std::vector<std::size_t> exclude = outlier_topic_;
    exclude.push_back(index);
    const std::span<const float> query(m.topic_embeddings.row(index), m.topic_embeddings.cols);
    for (const SimilarityHit& hit : topic_rows_.most_similar(query, limits_.similar_topics, exclude)) {
      const Topic& s = m.topics[hit.row];
      similar.push_back({{"id", s.id}, {"name", display_name(s)}, {"similarity", hit.similarity}});
    }
  }
  return body(Json{{"id", t.id},
              {"count", t.size},
              {"name", t.name},
              {"label", t.label},
              {"words", words_json(t.words)},
              {"representative_docs", std::move(representative)},
              {"similar_topics", std::move(similar)}});
}

std::string Explorer::document_page(std::optional<int> topic, std::size_t offset, std::size_t limit) const {
  if (limit > limits_.max_page) throw ApiError(400, fmt::format("limit {} is over the page size limit {}", limit, limits_.max_page));
  const TopicModel& m = saved_.model;
  const std::vector<std::size_t>* rows = topic ? &rows_of_topic_[topic_index(*topic)] : nullptr;
  const std::size_t total = rows ? rows->size() : documents();
  Json docs = Json::array();
  for (std::size_t i = offset; i < total && i - offset < limit; ++i) {
    const std::size_t row = rows ? (*rows)[i] : i;
    Json doc{{"row", row}, {"topic", m.assignments[row]}};
    doc["probability"] = row < m.probabilities.size() ? Json(m.probabilities[row]) : Json(nullptr);
    doc["text"] = text_of(row);
    docs.push_back(std::move(doc));
  }
  Json page{{"total", total}, {"offset", offset}, {"limit", limit}, {"documents", std::move(docs)}};
  if (topic) page["topic"] = *topic;
  return body(page);
}

std::string Explorer::document(std::size_t row) const {
  check_row(row);
  const TopicModel& m = saved_.model;
  Json doc{{"row", row}, {"topic", m.assignments[row]}};
  doc["probability"] = row < m.probabilities.size() ? Json(m.probabilities[row]) : Json(nullptr);
  doc["text"] = text_of(row);
  // BERTopic's approximate_distribution of this one document (c-TF-IDF windows); needs the
  // text and at least one topic besides the outliers.
  Json distribution = Json::array();
  const bool has_topics = m.topics.size() > outlier_topic_.size();
  if (row < saved_.documents.size() && has_topics) {
    DistributionOptions options;
    options.threads = 1;  // one small document; the server's threads are the parallelism
    const TopicDistribution d = approximate_distribution(m, std::span(&saved_.documents[row], 1), options);
    for (std::size_t j = 0; j < d.topics.size(); ++j) {
      distribution.push_back({{"topic", d.topics[j]}, {"probability", d.documents(0, j)}});
    }
  }
  doc["distribution"] = std::move(distribution);
  return body(doc);
}

std::string Explorer::search(std::string_view query) const {
  if (query.empty()) throw ApiError(400, "q: the search text is empty");
  if (query.size() > limits_.max_query_chars) {
    throw ApiError(400, fmt::format("q: {} bytes is over the limit of {}", query.size(), limits_.max_query_chars));
  }
  if (!embed_) {
    throw ApiError(400, fmt::format("the model was fitted from precomputed embeddings ({}): it cannot embed a text query",
                                    saved_.provenance.embedder));
  }
  const Matrix<float> q = embed_(std::string(query));
  const TopicModel& m = saved_.model;
  Json topics = Json::array(), docs = Json::array();
  if (q.rows == 1 && q.cols == topic_rows_.dimensions()) {
    for (const SimilarityHit& hit : topic_rows_.most_similar(q.values, limits_.search_topics, outlier_topic_)) {
      const Topic& t = m.topics[hit.row];
      topics.push_back({{"id", t.id}, {"name", display_name(t)}, {"similarity", hit.similarity}});
    }
  }
  if (q.rows == 1 && q.cols == document_rows_.dimensions()) {
    for (const SimilarityHit& hit : document_rows_.most_similar(q.values, limits_.search_documents)) {
      docs.push_back({{"row", hit.row}, {"topic", m.assignments[hit.row]}, {"similarity", hit.similarity},
                      {"text", snippet(text_of(hit.row), limits_.snippet_chars)}});
    }
  }
  return body(Json{{"query", std::string(query)}, {"topics", std::move(topics)}, {"documents", std::move(docs)}});
}

std::string Explorer::similar(std::size_t row) const {
  check_row(row);
  if (embeddings_ == nullptr) throw ApiError(400, "the model keeps no document embeddings to compare");
  const std::span<const float> query(embeddings_->row(row), embeddings_->cols);
  const std::size_t exclude[] = {row};  // a document is not its own neighbour
  Json docs = Json::array();
  for (const SimilarityHit& hit : document_rows_.most_similar(query, limits_.similar_documents, exclude)) {
    docs.push_back({{"row", hit.row}, {"topic", saved_.model.assignments[hit.row]}, {"similarity", hit.similarity},
                    {"text", snippet(text_of(hit.row), limits_.snippet_chars)}});
  }
  return body(Json{{"doc", row}, {"documents", std::move(docs)}});
}

}  // namespace topica::serve
