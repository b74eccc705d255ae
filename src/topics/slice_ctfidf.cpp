#include "topics/slice_ctfidf.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica {

void check_corpus_matches(const TopicModel& model, std::size_t documents) {
  if (documents != model.assignments.size()) {
    throw UsageError(fmt::format("the corpus has {} documents but the model was fitted on {}: give the corpus it was "
                                 "fitted on",
                                 documents, model.assignments.size()));
  }
}

SliceCtfidf slice_ctfidf(const TopicModel& model, std::span<const std::string> documents,
                         std::span<const std::size_t> rows) {
  // BERTopic groups the slice by topic (ascending), joins each group's documents with a space,
  // then turns newlines and tabs into spaces and an empty result into "emptydoc".
  std::map<int, std::pair<std::string, std::size_t>> groups;
  for (std::size_t row : rows) {
    auto& [text, count] = groups[model.assignments[row]];
    if (count++ > 0) text += ' ';
    for (char c : documents[row]) text += (c == '\n' || c == '\t') ? ' ' : c;
  }
  SliceCtfidf slice;
  std::vector<std::string> joined;
  for (auto& [topic, group] : groups) {
    slice.topics.push_back(topic);
    slice.frequency.push_back(group.second);
    joined.push_back(group.first.empty() ? "emptydoc" : std::move(group.first));
  }
  const Csr<double> scores = model.ctfidf.transform(model.vectorizer.transform(joined));
  for (std::size_t r = 0; r < scores.rows; ++r) {
    SparseRow& row = slice.rows.emplace_back();
    for (auto k = scores.indptr[r]; k < scores.indptr[r + 1]; ++k) {
      row.emplace_back(scores.indices[static_cast<std::size_t>(k)], scores.values[static_cast<std::size_t>(k)]);
    }
    std::sort(row.begin(), row.end());
  }
  return slice;
}

SparseRow l1_normalized(SparseRow row) {
  double sum = 0;
  for (const auto& [column, value] : row) sum += std::abs(value);
  if (sum > 0) {
    for (auto& [column, value] : row) value /= sum;
  }
  return row;
}

SparseRow average(const SparseRow& a, const SparseRow& b) {
  SparseRow out;
  out.reserve(a.size() + b.size());
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].first < b[j].first)) {
      out.emplace_back(a[i].first, a[i].second / 2.0);
      ++i;
    } else if (i == a.size() || b[j].first < a[i].first) {
      out.emplace_back(b[j].first, b[j].second / 2.0);
      ++j;
    } else {
      out.emplace_back(a[i].first, (a[i].second + b[j].second) / 2.0);
      ++i, ++j;
    }
  }
  return out;
}

SparseRow global_row(const TopicModel& model, int topic) {
  const auto index = model.index_of(topic);
  if (!index) throw InputError(fmt::format("topic {} has documents but no c-TF-IDF row in the model", topic));
  const Csr<double>& m = model.ctfidf_matrix;
  SparseRow row;
  for (auto k = m.indptr[*index]; k < m.indptr[*index + 1]; ++k) {
    row.emplace_back(m.indices[static_cast<std::size_t>(k)], m.values[static_cast<std::size_t>(k)]);
  }
  std::sort(row.begin(), row.end());
  return l1_normalized(std::move(row));
}

std::vector<TopicSliceRow> slice_table(const TopicModel& model, const SliceCtfidf& slice, const std::string& name,
                                       std::size_t top_n_words) {
  Csr<double> scores;
  scores.rows = slice.rows.size();
  scores.cols = model.vectorizer.vocabulary().size();
  for (const SparseRow& row : slice.rows) {
    for (const auto& [column, value] : row) {
      scores.indices.push_back(column);
      scores.values.push_back(value);
    }
    scores.indptr.push_back(static_cast<std::int64_t>(scores.values.size()));
  }
  const auto words = top_words(scores, model.vectorizer.vocabulary(), top_n_words, std::max<std::size_t>(top_n_words, 30));
  std::vector<TopicSliceRow> table;
  for (std::size_t t = 0; t < slice.topics.size(); ++t) {
    std::string joined;
    for (std::size_t w = 0; w < words[t].size(); ++w) (joined += w ? ", " : "") += words[t][w].word;
    table.push_back({slice.topics[t], std::move(joined), slice.frequency[t], name});
  }
  return table;
}

}  // namespace topica
