#include "topica/merge_models.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "topica/error.hpp"

namespace topica {
namespace {

std::string name_of(std::span<const std::string> names, std::size_t i) {
  return i < names.size() ? names[i] : fmt::format("model {}", i + 1);
}

enum class EmbedderKind { Encoder, BuiltIn, Precomputed };

EmbedderKind kind_of(const SavedModel& m) {
  if (m.encoder) return EmbedderKind::Encoder;
  return m.embedder ? EmbedderKind::BuiltIn : EmbedderKind::Precomputed;
}

const char* kind_name(EmbedderKind k) {
  switch (k) {
    case EmbedderKind::Encoder: return "a sentence encoder";
    case EmbedderKind::BuiltIn: return "the built-in LSA embedder";
    case EmbedderKind::Precomputed: return "precomputed embeddings";
  }
  return "";
}

// Topic embeddings are only comparable when both models embedded the same way. Precomputed
// embeddings cannot be traced; their dimension is all that can be checked.
void check_comparable(const SavedModel& base, const SavedModel& other, const std::string& base_name,
                      const std::string& other_name) {
  const std::size_t d0 = base.model.topic_embeddings.cols, d1 = other.model.topic_embeddings.cols;
  if (d0 != d1) {
    throw UsageError(fmt::format("{} has {}-dimensional topic embeddings but {} has {}: models embedded differently "
                                 "cannot be merged",
                                 base_name, d0, other_name, d1));
  }
  const EmbedderKind k0 = kind_of(base), k1 = kind_of(other);
  bool same = k0 == k1;
  if (same && k0 == EmbedderKind::Encoder) {
    same = base.encoder->fingerprint == other.encoder->fingerprint &&
           base.encoder->options.max_length == other.encoder->options.max_length &&
           base.encoder->options.normalize == other.encoder->options.normalize;
  } else if (same && k0 == EmbedderKind::BuiltIn) {
    // Each fit learns its own LSA space from its corpus: only the same fitted embedder agrees.
    same = base.embedder->tfidf().vocabulary() == other.embedder->tfidf().vocabulary() &&
           base.embedder->svd().model().components.values == other.embedder->svd().model().components.values;
  }
  if (!same) {
    throw UsageError(fmt::format("{} was embedded by {} ({}) but {} by {} ({}): their topic embeddings are not "
                                 "comparable; fit both with the same --model or --embeddings from one encoder",
                                 base_name, kind_name(k0), base.provenance.embedder, other_name, kind_name(k1),
                                 other.provenance.embedder));
  }
}

std::vector<double> unit_row(const Matrix<float>& m, std::size_t r) {
  std::vector<double> v(m.row(r), m.row(r) + m.cols);
  double n = 0;
  for (double x : v) n += x * x;
  n = std::sqrt(n);
  for (double& x : v) x = n > 0 ? x / n : 0.0;
  return v;
}

// The c-TF-IDF rows of the merged topics over one vocabulary: the union of the terms, sorted as a
// fitted vectorizer keeps them, each term with the idf of the first model that has it.
struct CtfidfRows {
  std::vector<std::map<std::string, double>> rows;  // per merged topic: term -> score
  std::map<std::string, double> idf;
};

void add_row(CtfidfRows& c, const TopicModel& m, std::size_t topic_index) {
  auto& row = c.rows.emplace_back();
  const Csr<double>& x = m.ctfidf_matrix;
  const auto& vocabulary = m.vectorizer.vocabulary();
  for (auto k = x.indptr[topic_index]; k < x.indptr[topic_index + 1]; ++k) {
    const auto col = static_cast<std::size_t>(x.indices[static_cast<std::size_t>(k)]);
    row[vocabulary[col]] = x.values[static_cast<std::size_t>(k)];
    c.idf.emplace(vocabulary[col], m.ctfidf.idf()[col]);
  }
}

void set_ctfidf(TopicModel& merged, const CtfidfRows& c, const TopicModel& base) {
  // Every term of the base vocabulary stays (documents are counted with it), plus new topics' terms.
  std::map<std::string, double> idf = c.idf;
  for (std::size_t col = 0; col < base.vectorizer.vocabulary().size(); ++col) {
    idf.emplace(base.vectorizer.vocabulary()[col], base.ctfidf.idf()[col]);
  }
  std::vector<std::string> vocabulary;
  std::vector<double> idf_values;
  std::map<std::string, std::int32_t> column;
  for (const auto& [term, value] : idf) {
    column[term] = static_cast<std::int32_t>(vocabulary.size());
    vocabulary.push_back(term);
    idf_values.push_back(value);
  }
  Csr<double> x;
  x.rows = c.rows.size();
  x.cols = vocabulary.size();
  x.indptr.assign(1, 0);
  for (const auto& row : c.rows) {
    for (const auto& [term, score] : row) {  // map order is column order
      x.indices.push_back(column.at(term));
      x.values.push_back(score);
    }
    x.indptr.push_back(static_cast<decltype(x.indptr)::value_type>(x.indices.size()));
  }
  merged.vectorizer = CountVectorizer::with_vocabulary(base.vectorizer.options(), std::move(vocabulary));
  merged.ctfidf = ClassTfidf(base.ctfidf.options(), std::move(idf_values));
  merged.ctfidf_matrix = std::move(x);
}

// The merged model keeps every model's training documents and their embeddings, in model order,
// when all of them have them (topic operations on the merged model recompute from them).
void append_documents(std::span<const SavedModel> models, SavedModel& merged) {
  bool documents = true, embeddings = true;
  for (const SavedModel& m : models) {
    documents = documents && m.documents.size() == m.model.assignments.size();
    const Matrix<float>* e = document_embeddings(m);
    embeddings = embeddings && e != nullptr && e->rows == m.model.assignments.size();
  }
  if (!documents) return;
  std::size_t rows = 0;
  for (const SavedModel& m : models) {
    merged.documents.insert(merged.documents.end(), m.documents.begin(), m.documents.end());
    rows += m.documents.size();
  }
  if (!embeddings) return;
  merged.embeddings = Matrix<float>(rows, models[0].model.topic_embeddings.cols);
  std::size_t row = 0;
  for (const SavedModel& m : models) {
    const Matrix<float>& e = *document_embeddings(m);
    std::copy(e.values.begin(), e.values.end(), merged.embeddings.row(row));
    row += e.rows;
  }
}

}  // namespace

MergedModel merge_models(std::span<const SavedModel> models, double min_similarity, std::span<const std::string> names) {
  if (models.size() < 2) throw UsageError("merging needs at least two models");
  for (std::size_t i = 0; i < models.size(); ++i) {
    const TopicModel& m = models[i].model;
    if (m.topic_embeddings.rows != m.topics.size()) {
      throw UsageError(fmt::format("{} has no topic embeddings to compare topics with", name_of(names, i)));
    }
    if (i > 0) check_comparable(models[0], models[i], name_of(names, 0), name_of(names, i));
  }
  const SavedModel& base = models[0];
  MergedModel out;
  SavedModel& saved = out.saved;
  saved.provenance = base.provenance;
  saved.embedder = base.embedder;
  saved.encoder = base.encoder;
  TopicModel& merged = saved.model;
  merged.options = base.model.options;
  merged.topics = base.model.topics;
  merged.assignments = base.model.assignments;
  merged.probabilities = base.model.probabilities;
  std::vector<std::vector<double>> embeddings;  // unit rows of the merged topics, for the similarities
  std::vector<std::vector<float>> raw;          // the rows as they are, for the merged model
  CtfidfRows ctfidf;
  for (std::size_t t = 0; t < base.model.topics.size(); ++t) {
    embeddings.push_back(unit_row(base.model.topic_embeddings, t));
    raw.emplace_back(base.model.topic_embeddings.row(t), base.model.topic_embeddings.row(t) + base.model.topic_embeddings.cols);
    add_row(ctfidf, base.model, t);
  }
  int max_id = -1;
  for (const Topic& t : merged.topics) max_id = std::max(max_id, t.id);

  for (std::size_t i = 1; i < models.size(); ++i) {
    const TopicModel& m = models[i].model;
    const std::size_t known = embeddings.size();  // compared with the topics before this model's
    const std::size_t row_offset = merged.assignments.size();
    std::map<int, int> new_id{{-1, -1}};
    MergeCounts& counts = out.counts.emplace_back();
    // Topics in id order, as BERTopic sorts the new ones.
    std::vector<std::size_t> order(m.topics.size());
    for (std::size_t t = 0; t < order.size(); ++t) order[t] = t;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return m.topics[a].id < m.topics[b].id; });
    for (std::size_t t : order) {
      const Topic& topic = m.topics[t];
      if (topic.id < 0) continue;  // outliers stay outliers
      const std::vector<double> e = unit_row(m.topic_embeddings, t);
      std::size_t best = 0;
      double best_sim = -2;
      for (std::size_t k = 0; k < known; ++k) {
        double s = 0;
        for (std::size_t j = 0; j < e.size(); ++j) s += e[j] * embeddings[k][j];
        if (s > best_sim) best_sim = s, best = k;
      }
      if (best_sim >= min_similarity) {
        new_id[topic.id] = merged.topics[best].id;
        ++counts.folded;
        continue;
      }
      Topic added = topic;
      added.id = ++max_id;
      added.name = topic_name(added.id, added.words);
      for (std::size_t& r : added.representative_rows) r += row_offset;
      new_id[topic.id] = added.id;
      merged.topics.push_back(std::move(added));
      embeddings.push_back(e);
      raw.emplace_back(m.topic_embeddings.row(t), m.topic_embeddings.row(t) + m.topic_embeddings.cols);
      add_row(ctfidf, m, t);
      ++counts.added;
    }
    // The first model with outliers when the merged topics have none brings its outlier topic.
    if (const auto outliers = m.index_of(-1); outliers && !merged.index_of(-1)) {
      Topic topic = m.topics[*outliers];
      for (std::size_t& r : topic.representative_rows) r += row_offset;
      merged.topics.insert(merged.topics.begin(), std::move(topic));
      embeddings.insert(embeddings.begin(), unit_row(m.topic_embeddings, *outliers));
      raw.insert(raw.begin(), std::vector<float>(m.topic_embeddings.row(*outliers),
                                                 m.topic_embeddings.row(*outliers) + m.topic_embeddings.cols));
      CtfidfRows one;
      add_row(one, m, *outliers);
      ctfidf.rows.insert(ctfidf.rows.begin(), std::move(one.rows.front()));
      ctfidf.idf.insert(one.idf.begin(), one.idf.end());
    }
    for (int a : m.assignments) merged.assignments.push_back(new_id.at(a));
    if (!merged.probabilities.empty() && m.probabilities.size() == m.assignments.size()) {
      merged.probabilities.insert(merged.probabilities.end(), m.probabilities.begin(), m.probabilities.end());
    } else {
      merged.probabilities.clear();  // a model without them leaves the merged model without
    }
  }
  append_documents(models, saved);
  // Sizes count every model's documents under their merged topic.
  std::map<int, std::size_t> size;
  for (int a : merged.assignments) ++size[a];
  for (Topic& t : merged.topics) t.size = size.count(t.id) != 0 ? size[t.id] : 0;
  merged.topic_embeddings = Matrix<float>(raw.size(), base.model.topic_embeddings.cols);
  for (std::size_t t = 0; t < raw.size(); ++t) std::copy(raw[t].begin(), raw[t].end(), merged.topic_embeddings.row(t));
  set_ctfidf(merged, ctfidf, base.model);

  nlohmann::ordered_json settings;
  std::vector<std::string> merged_names;
  for (std::size_t i = 0; i < models.size(); ++i) merged_names.push_back(name_of(names, i));
  settings["merge_models"] = {{"models", merged_names}, {"min_similarity", min_similarity}};
  saved.provenance.settings_json = settings.dump();
  return out;
}

}  // namespace topica
