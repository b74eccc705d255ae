#include "topics/topic_counts.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "topica/parallel.hpp"

namespace topica {
namespace {

constexpr std::size_t kDocumentsPerBlock = 1024;  // documents of split topics counted per task
constexpr std::int64_t kSplit = -1;               // an old topic whose documents went several ways

// Vectorizer settings under which the refit on merged topics counts what the old fit counted.
bool counts_add_up(const VectorizerOptions& o) {
  const bool min_df_keeps_all = o.min_df.proportion ? o.min_df.value == 0 : o.min_df.value <= 1;
  const bool max_df_keeps_all = o.max_df.proportion && o.max_df.value >= 1.0;
  return o.ngram_max == 1 && !o.max_features && min_df_keeps_all && max_df_keeps_all;
}

// The saved counts are the ones the saved c-TF-IDF was computed from, for the documents as they
// are now: same shape, the c-TF-IDF recomputed from them is bit-identical, and every topic
// still has the documents it had.
bool counts_are_current(const SavedModel& saved) {
  const TopicModel& m = saved.model;
  const TermCounts& counts = m.topic_term_counts;
  if (counts.rows == 0 || counts.rows != m.topics.size() || counts.cols != m.vectorizer.vocabulary().size()) return false;
  if (saved.documents.size() != m.assignments.size()) return false;
  std::unordered_map<int, std::size_t> size;
  for (const int id : m.assignments) ++size[id];
  std::size_t sizes = 0;
  for (const Topic& t : m.topics) {
    if (size[t.id] != t.size) return false;
    sizes += t.size;
  }
  if (sizes != m.assignments.size()) return false;  // a document whose topic the model lacks
  ClassTfidf ctfidf(m.options.ctfidf);
  const Csr<double> again = ctfidf.fit_transform(counts, seed_word_multiplier(m.vectorizer.vocabulary(), m.options.seed_words));
  return again.indptr == m.ctfidf_matrix.indptr && again.indices == m.ctfidf_matrix.indices &&
         again.values == m.ctfidf_matrix.values && ctfidf.idf() == m.ctfidf.idf();
}

// Adds row `r` of `m` into the dense `sum`, noting columns seen for the first time.
template <typename Row>
void add_row(const Row& m, std::size_t r, std::vector<std::int64_t>& sum, std::vector<std::int32_t>& touched) {
  for (auto k = m.indptr[r]; k < m.indptr[r + 1]; ++k) {
    const auto col = m.indices[static_cast<std::size_t>(k)];
    if (sum[static_cast<std::size_t>(col)] == 0) touched.push_back(col);
    sum[static_cast<std::size_t>(col)] += m.values[static_cast<std::size_t>(k)];
  }
}

}  // namespace

std::vector<double> seed_word_multiplier(const std::vector<std::string>& vocabulary, const std::vector<std::string>& seeds) {
  if (seeds.empty()) return {};
  const std::set<std::string> seed_set(seeds.begin(), seeds.end());
  std::vector<double> multiplier(vocabulary.size(), 1.0);
  for (std::size_t c = 0; c < vocabulary.size(); ++c) {
    if (seed_set.count(vocabulary[c]) != 0) multiplier[c] = kSeedWordMultiplier;
  }
  return multiplier;
}

std::optional<TermCounts> added_up_topic_counts(const SavedModel& saved, std::span<const int> topic_ids,
                                                std::size_t threads) {
  const TopicModel& m = saved.model;
  if (topic_ids.size() != saved.documents.size() || !counts_add_up(m.options.vectorizer) || !counts_are_current(saved)) {
    return std::nullopt;
  }
  std::vector<int> ids(topic_ids.begin(), topic_ids.end());
  for (int& id : ids) id = std::max(id, -1);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::unordered_map<int, std::size_t> old_row;
  for (std::size_t t = 0; t < m.topics.size(); ++t) old_row[m.topics[t].id] = t;

  // Where each old topic went, and every group's characters (an empty group is "emptydoc").
  const std::size_t olds = m.topics.size(), groups = ids.size();
  std::vector<std::int64_t> went(olds, -2);  // -2: no document seen yet
  std::vector<std::size_t> group_of(topic_ids.size()), old_characters(olds, 0), new_characters(groups, 0);
  for (std::size_t row = 0; row < topic_ids.size(); ++row) {
    const std::size_t o = old_row.at(m.assignments[row]);
    const auto g = static_cast<std::size_t>(std::lower_bound(ids.begin(), ids.end(), std::max(topic_ids[row], -1)) - ids.begin());
    group_of[row] = g;
    went[o] = went[o] == -2 || went[o] == static_cast<std::int64_t>(g) ? static_cast<std::int64_t>(g) : kSplit;
    old_characters[o] += saved.documents[row].size();
    new_characters[g] += saved.documents[row].size();
  }
  const auto empty = [](std::size_t characters) { return characters == 0; };
  if (std::any_of(old_characters.begin(), old_characters.end(), empty) ||
      std::any_of(new_characters.begin(), new_characters.end(), empty)) {
    return std::nullopt;
  }

  // The documents of split topics, counted one by one in fixed blocks.
  std::vector<std::size_t> recount;
  for (std::size_t row = 0; row < topic_ids.size(); ++row) {
    if (went[old_row.at(m.assignments[row])] == kSplit) recount.push_back(row);
  }
  const std::size_t blocks = (recount.size() + kDocumentsPerBlock - 1) / kDocumentsPerBlock;
  std::vector<TermCounts> counted(blocks);
  parallel_tasks(blocks, threads, [&](std::size_t b) {
    std::vector<std::string> texts;
    for (std::size_t i = b * kDocumentsPerBlock; i < std::min(recount.size(), (b + 1) * kDocumentsPerBlock); ++i) {
      texts.push_back(saved.documents[recount[i]]);
    }
    counted[b] = m.vectorizer.transform(texts);
  });

  std::vector<std::vector<std::size_t>> olds_of(groups), documents_of(groups);
  for (std::size_t o = 0; o < olds; ++o) {
    if (went[o] >= 0) olds_of[static_cast<std::size_t>(went[o])].push_back(o);
  }
  for (std::size_t i = 0; i < recount.size(); ++i) documents_of[group_of[recount[i]]].push_back(i);

  TermCounts out;
  out.cols = m.topic_term_counts.cols;
  std::vector<std::int64_t> sum(out.cols, 0);
  std::vector<std::int32_t> touched;
  for (std::size_t g = 0; g < groups; ++g) {
    touched.clear();
    for (const std::size_t o : olds_of[g]) add_row(m.topic_term_counts, o, sum, touched);
    for (const std::size_t i : documents_of[g]) add_row(counted[i / kDocumentsPerBlock], i % kDocumentsPerBlock, sum, touched);
    std::sort(touched.begin(), touched.end());
    for (const std::int32_t col : touched) {
      out.indices.push_back(col);
      out.values.push_back(sum[static_cast<std::size_t>(col)]);
      sum[static_cast<std::size_t>(col)] = 0;
    }
    out.indptr.push_back(static_cast<std::int64_t>(out.indices.size()));
    ++out.rows;
  }
  return out;
}

}  // namespace topica
