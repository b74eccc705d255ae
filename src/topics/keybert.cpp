// KeyBERTInspired: a topic's c-TF-IDF candidate words re-ranked by how close their embeddings
// are to the topic's representative documents. Every word and document is embedded once, in two
// batches, however many topics share it.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topica/similarity.hpp"
#include "topica/topic_representation.hpp"

namespace topica {
namespace {

// The rows of `rows` listed in `pick`, as a matrix.
Matrix<float> gather_rows(const Matrix<float>& rows, std::span<const std::size_t> pick) {
  Matrix<float> out(pick.size(), rows.cols);
  for (std::size_t i = 0; i < pick.size(); ++i) std::copy(rows.row(pick[i]), rows.row(pick[i]) + rows.cols, out.row(i));
  return out;
}

// The mean of rows [begin, end) of `rows`, in double as numpy's mean of float32 rows is close to.
std::vector<float> mean_of_rows(const Matrix<float>& rows, std::size_t begin, std::size_t end) {
  std::vector<double> sum(rows.cols, 0.0);
  for (std::size_t r = begin; r < end; ++r) {
    for (std::size_t j = 0; j < rows.cols; ++j) sum[j] += rows(r, j);
  }
  std::vector<float> mean(rows.cols);
  for (std::size_t j = 0; j < rows.cols; ++j) mean[j] = static_cast<float>(sum[j] / static_cast<double>(end - begin));
  return mean;
}

void check_embedded(const Matrix<float>& m, std::size_t texts, const char* what) {
  if (m.rows != texts) throw Error(fmt::format("the embedder returned {} rows for {} {}", m.rows, texts, what));
}

}  // namespace

std::vector<std::vector<TopicWord>> keybert_words(const TopicModel& model, std::span<const std::string> documents,
                                                  const TextEmbedder& embed, const KeyBertOptions& options) {
  const std::size_t n = options.nr_candidate_words;
  const auto candidates = top_words(model.ctfidf_matrix, model.vectorizer.vocabulary(), n, n);
  const auto repr_rows = representative_document_rows(model, documents, options.nr_repr_docs, options.nr_samples);

  // Topic embeddings: the mean of the topic's representative documents, embedded afresh as
  // BERTopic does (not the fit's stored document embeddings, which a sentence encoder agrees with).
  std::vector<std::string> repr_texts;
  std::vector<std::size_t> repr_begin;
  for (const auto& rows : repr_rows) {
    repr_begin.push_back(repr_texts.size());
    for (std::size_t row : rows) repr_texts.push_back(documents[row]);
  }
  repr_begin.push_back(repr_texts.size());
  const Matrix<float> repr_embeddings = embed(repr_texts);
  check_embedded(repr_embeddings, repr_texts.size(), "representative documents");

  // Each distinct candidate word once (BERTopic embeds the set of all topics' candidates).
  std::map<std::string, std::size_t> word_row;
  std::vector<std::string> vocabulary;
  for (const auto& words : candidates) {
    for (const TopicWord& w : words) {
      if (w.word.empty() || w.score <= 0) continue;  // BERTopic's filler for missing words is no candidate
      if (word_row.emplace(w.word, vocabulary.size()).second) vocabulary.push_back(w.word);
    }
  }
  std::vector<std::vector<TopicWord>> result(model.topics.size());
  if (vocabulary.empty()) return result;  // every c-TF-IDF row is zero
  const Matrix<float> word_embeddings = embed(vocabulary);
  check_embedded(word_embeddings, vocabulary.size(), "candidate words");

  for (std::size_t t = 0; t < model.topics.size(); ++t) {
    std::vector<std::size_t> rows;
    std::vector<const std::string*> words;
    for (const TopicWord& w : candidates[t]) {
      if (w.word.empty() || w.score <= 0) continue;
      rows.push_back(word_row.at(w.word));
      words.push_back(&w.word);
    }
    if (rows.empty() || repr_begin[t] == repr_begin[t + 1]) continue;
    const std::vector<float> topic = mean_of_rows(repr_embeddings, repr_begin[t], repr_begin[t + 1]);
    // most_similar breaks ties by the smaller row: the candidate with the higher c-TF-IDF.
    for (const SimilarityHit& hit : most_similar(gather_rows(word_embeddings, rows), topic, options.top_n_words)) {
      result[t].push_back({*words[hit.row], hit.similarity});
    }
  }
  return result;
}

}  // namespace topica
