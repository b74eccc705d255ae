#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topica/parallel.hpp"
#include "topica/random.hpp"
#include "topica/topic_documents.hpp"
#include "topica/topic_model.hpp"
#include "topics/topic_counts.hpp"

namespace topica {

std::optional<std::size_t> TopicModel::index_of(int id) const {
  for (std::size_t i = 0; i < topics.size(); ++i) {
    if (topics[i].id == id) return i;
  }
  return std::nullopt;
}

std::vector<int> renumber_by_size(std::span<const int> labels) {
  std::map<int, std::size_t> size, first;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0) continue;
    if (size[labels[i]]++ == 0) first[labels[i]] = i;
  }
  std::vector<int> order;
  for (const auto& [label, n] : size) order.push_back(label);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    return size[a] != size[b] ? size[a] > size[b] : first[a] < first[b];
  });
  std::map<int, int> new_id;
  for (std::size_t i = 0; i < order.size(); ++i) new_id[order[i]] = static_cast<int>(i);
  std::vector<int> out(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) out[i] = labels[i] < 0 ? -1 : new_id[labels[i]];
  return out;
}

// BERTopic's preprocessing of each topic document ("multilingual": no ASCII stripping).
std::vector<std::string> join_topic_documents(std::span<const std::string> documents, std::span<const int> assignments,
                                              const std::vector<int>& ids) {
  std::map<int, std::size_t> slot;
  for (std::size_t i = 0; i < ids.size(); ++i) slot[ids[i]] = i;
  std::vector<std::string> joined(ids.size());
  std::vector<bool> started(ids.size(), false);
  for (std::size_t row = 0; row < documents.size(); ++row) {
    std::string& text = joined[slot.at(assignments[row])];
    if (started[slot.at(assignments[row])]) text += ' ';
    started[slot.at(assignments[row])] = true;
    for (char c : documents[row]) text += (c == '\n' || c == '\t') ? ' ' : c;
  }
  for (std::string& text : joined) {
    if (text.empty()) text = "emptydoc";
  }
  return joined;
}

namespace {

// Cosine of row `r` of `a` with the topic row held dense in `topic` (norm `topic_norm`). The
// topic row is spread out once per topic, so each document costs only its own non-zeros.
double cosine_with_dense(const Csr<double>& a, std::size_t r, const std::vector<double>& topic, double topic_norm) {
  double na = 0, dot = 0;
  for (auto k = a.indptr[r]; k < a.indptr[r + 1]; ++k) {
    const double v = a.values[static_cast<std::size_t>(k)];
    na += v * v;
    dot += v * topic[static_cast<std::size_t>(a.indices[static_cast<std::size_t>(k)])];
  }
  return na > 0 && topic_norm > 0 ? dot / std::sqrt(na * topic_norm * topic_norm) : 0.0;
}

// The `count` documents of one topic most similar (cosine of c-TF-IDF) to the topic's c-TF-IDF
// row, among at most `sample` of them drawn with a seeded generator.
std::vector<std::size_t> representative_rows(const TopicModel& model, std::span<const std::string> documents,
                                             std::vector<std::size_t> members, std::size_t topic_index,
                                             std::size_t count, std::size_t sample) {
  const TopicOptions& o = model.options;
  if (members.size() > sample) {
    Random rng(o.seed, static_cast<std::uint64_t>(model.topics[topic_index].id + 1));
    for (std::size_t i = 0; i < sample; ++i) {  // partial Fisher-Yates
      std::swap(members[i], members[i + rng.below(members.size() - i)]);
    }
    members.resize(sample);
    std::sort(members.begin(), members.end());
  }
  std::vector<std::string> texts;
  for (std::size_t row : members) texts.push_back(documents[row]);
  const Csr<double> scores = model.ctfidf.transform(model.vectorizer.transform(texts));
  thread_local std::vector<double> topic;  // the topic's c-TF-IDF row, dense; zero between calls
  const Csr<double>& m = model.ctfidf_matrix;
  topic.resize(m.cols, 0.0);
  double norm2 = 0;
  for (auto k = m.indptr[topic_index]; k < m.indptr[topic_index + 1]; ++k) {
    const double v = m.values[static_cast<std::size_t>(k)];
    topic[static_cast<std::size_t>(m.indices[static_cast<std::size_t>(k)])] = v;
    norm2 += v * v;
  }
  std::vector<std::pair<double, std::size_t>> ranked;
  for (std::size_t i = 0; i < members.size(); ++i) {
    ranked.emplace_back(cosine_with_dense(scores, i, topic, std::sqrt(norm2)), members[i]);
  }
  for (auto k = m.indptr[topic_index]; k < m.indptr[topic_index + 1]; ++k) {
    topic[static_cast<std::size_t>(m.indices[static_cast<std::size_t>(k)])] = 0.0;
  }
  const std::size_t take = std::min(count, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(take), ranked.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < take; ++i) rows.push_back(ranked[i].second);
  return rows;
}

void check_topic_inputs(std::span<const std::string> documents, std::span<const int> topic_ids,
                        const Matrix<float>& embeddings) {
  if (documents.empty()) throw UsageError("the corpus has no documents");
  if (topic_ids.size() != documents.size()) {
    throw UsageError(fmt::format("{} labels for {} documents", topic_ids.size(), documents.size()));
  }
  if (embeddings.rows != 0 && embeddings.rows != documents.size()) {
    throw UsageError(fmt::format("{} embeddings for {} documents", embeddings.rows, documents.size()));
  }
}

// The documents' topics (-1 for anything below) and, per document, the index of its topic
// among the distinct ids in increasing order.
struct TopicGroups {
  std::vector<int> assignments, ids;
  std::vector<std::size_t> group_of_document;
};

TopicGroups group_by_topic(std::span<const int> topic_ids) {
  TopicGroups g;
  g.assignments.assign(topic_ids.begin(), topic_ids.end());
  for (int& id : g.assignments) id = std::max(id, -1);
  g.ids = g.assignments;
  std::sort(g.ids.begin(), g.ids.end());
  g.ids.erase(std::unique(g.ids.begin(), g.ids.end()), g.ids.end());
  g.group_of_document.resize(topic_ids.size());
  for (std::size_t row = 0; row < topic_ids.size(); ++row) {
    g.group_of_document[row] =
        static_cast<std::size_t>(std::lower_bound(g.ids.begin(), g.ids.end(), g.assignments[row]) - g.ids.begin());
  }
  return g;
}

// Everything after counting: c-TF-IDF, topic words, representative documents, topic embeddings.
TopicModel topics_from_counts(std::span<const std::string> documents, TopicGroups groups, const Matrix<float>& embeddings,
                              const TopicOptions& options, CountVectorizer vectorizer, TermCounts counts) {
  TopicModel model;
  model.options = options;
  model.vectorizer = std::move(vectorizer);
  model.ctfidf = ClassTfidf(options.ctfidf);
  model.assignments = std::move(groups.assignments);
  const std::vector<int>& ids = groups.ids;
  const std::vector<std::size_t>& group_of_document = groups.group_of_document;
  model.ctfidf_matrix = model.ctfidf.fit_transform(counts, seed_word_multiplier(model.vectorizer.vocabulary(), options.seed_words));
  model.topic_term_counts = std::move(counts);
  const auto words = top_words(model.ctfidf_matrix, model.vectorizer.vocabulary(), options.top_n_words);

  std::vector<std::vector<std::size_t>> members(ids.size());
  for (std::size_t row = 0; row < documents.size(); ++row) members[group_of_document[row]].push_back(row);
  for (std::size_t t = 0; t < ids.size(); ++t) {
    Topic& topic = model.topics.emplace_back();
    topic.id = ids[t];
    topic.size = members[t].size();
    topic.name = topic_name(ids[t], words[t]);
    topic.words = words[t];
  }
  // Topics are independent: each task fills only its own topic.
  parallel_tasks(ids.size(), options.threads, [&](std::size_t t) {
    std::vector<std::size_t> rows =
        representative_rows(model, documents, members[t], t, options.representative_docs, options.representative_sample);
    Topic& topic = model.topics[t];
    for (std::size_t row : rows) topic.representative_docs.push_back(documents[row]);
    topic.representative_rows = std::move(rows);
  });
  if (embeddings.rows != 0) {  // BERTopic: the mean of the member documents' embeddings
    model.topic_embeddings = Matrix<float>(ids.size(), embeddings.cols);
    for (std::size_t t = 0; t < ids.size(); ++t) {
      std::vector<double> sum(embeddings.cols, 0.0);
      for (std::size_t row : members[t]) {
        for (std::size_t j = 0; j < embeddings.cols; ++j) sum[j] += embeddings(row, j);
      }
      for (std::size_t j = 0; j < embeddings.cols; ++j) {
        model.topic_embeddings(t, j) = static_cast<float>(sum[j] / static_cast<double>(members[t].size()));
      }
    }
  }
  return model;
}

}  // namespace

TopicModel build_topics(std::span<const std::string> documents, std::span<const int> labels,
                        const Matrix<float>& embeddings, const TopicOptions& options) {
  if (labels.size() != documents.size()) {
    throw UsageError(fmt::format("{} labels for {} documents", labels.size(), documents.size()));
  }
  const std::vector<int> ids = renumber_by_size(labels);
  return build_numbered_topics(documents, ids, embeddings, options);
}

TopicModel build_numbered_topics(std::span<const std::string> documents, std::span<const int> topic_ids,
                                 const Matrix<float>& embeddings, const TopicOptions& options) {
  check_topic_inputs(documents, topic_ids, embeddings);
  TopicGroups groups = group_by_topic(topic_ids);
  CountVectorizer vectorizer(options.vectorizer);
  TermCounts counts = vectorizer.fit_transform_grouped(documents, groups.group_of_document, groups.ids.size(), options.threads);
  return topics_from_counts(documents, std::move(groups), embeddings, options, std::move(vectorizer), std::move(counts));
}

TopicModel build_numbered_topics_from_counts(std::span<const std::string> documents, std::span<const int> topic_ids,
                                             const Matrix<float>& embeddings, const TopicOptions& options,
                                             CountVectorizer vectorizer, TermCounts counts) {
  check_topic_inputs(documents, topic_ids, embeddings);
  TopicGroups groups = group_by_topic(topic_ids);
  if (counts.rows != groups.ids.size() || counts.cols != vectorizer.vocabulary().size()) {
    throw UsageError(fmt::format("term counts of {} x {} for {} topics and {} terms", counts.rows, counts.cols,
                                 groups.ids.size(), vectorizer.vocabulary().size()));
  }
  return topics_from_counts(documents, std::move(groups), embeddings, options, std::move(vectorizer), std::move(counts));
}

std::vector<std::vector<std::size_t>> representative_document_rows(const TopicModel& model,
                                                                  std::span<const std::string> documents,
                                                                  std::size_t count, std::size_t sample) {
  if (documents.size() != model.assignments.size()) {
    throw UsageError(fmt::format("{} documents for a model of {}", documents.size(), model.assignments.size()));
  }
  std::vector<std::vector<std::size_t>> members(model.topics.size());
  for (std::size_t row = 0; row < documents.size(); ++row) {
    const auto index = model.index_of(model.assignments[row]);
    if (!index) throw InputError(fmt::format("document row {} has topic {}, which the model lacks", row, model.assignments[row]));
    members[*index].push_back(row);
  }
  std::vector<std::vector<std::size_t>> rows(model.topics.size());
  parallel_tasks(model.topics.size(), model.options.threads, [&](std::size_t t) {
    rows[t] = representative_rows(model, documents, std::move(members[t]), t, count, sample);
  });
  return rows;
}

}  // namespace topica
