#include "topica/vectorizer.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topica/parallel.hpp"

namespace topica {

DocumentFrequency DocumentFrequency::parse(const std::string& text) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || value < 0) throw UsageError(fmt::format("'{}' is not a document frequency", text));
  const bool proportion = text.find_first_of(".eE") != std::string::npos;
  if (proportion && value > 1) throw UsageError(fmt::format("document frequency {} is a proportion above 1", text));
  return {value, proportion};
}

CountVectorizer::CountVectorizer(VectorizerOptions options, std::shared_ptr<const Analyzer> analyzer)
    : options_(std::move(options)), analyzer_(std::move(analyzer)) {
  if (!analyzer_) analyzer_ = make_analyzer(options_.analyzer, options_.lowercase);
  if (options_.ngram_min < 1 || options_.ngram_min > options_.ngram_max) {
    throw UsageError(fmt::format("invalid n-gram range ({}, {})", options_.ngram_min, options_.ngram_max));
  }
}

void CountVectorizer::analyze(std::string_view document, std::vector<std::string>& terms) const {
  std::vector<std::string> tokens;
  analyzer_->tokenize(document, tokens);
  if (!options_.stop_words.empty()) {
    std::erase_if(tokens, [&](const std::string& t) { return options_.stop_words.contains(t); });
  }
  // sklearn _word_ngrams: all n-grams for n = min..max, shorter ones first.
  const std::size_t n_tokens = tokens.size();
  for (std::size_t n = options_.ngram_min; n <= std::min(options_.ngram_max, n_tokens); ++n) {
    for (std::size_t i = 0; i + n <= n_tokens; ++i) {
      if (n == 1) {
        terms.push_back(tokens[i]);
        continue;
      }
      std::string gram = tokens[i];
      for (std::size_t j = 1; j < n; ++j) (gram += ' ') += tokens[i + j];
      terms.push_back(std::move(gram));
    }
  }
}

namespace {

// Appends one CSR row from (column, count) pairs in any order.
void append_row(std::vector<std::pair<std::int32_t, std::int64_t>>& cells, TermCounts& m) {
  std::sort(cells.begin(), cells.end());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (!m.indices.empty() && static_cast<std::size_t>(m.indptr.back()) < m.indices.size() &&
        m.indices.back() == cells[i].first) {
      m.values.back() += cells[i].second;
    } else {
      m.indices.push_back(cells[i].first);
      m.values.push_back(cells[i].second);
    }
  }
  m.indptr.push_back(static_cast<std::int64_t>(m.indices.size()));
  ++m.rows;
}

// Keeps the columns where keep[c] holds, renumbering them in order.
TermCounts keep_columns(const TermCounts& m, const std::vector<bool>& keep) {
  std::vector<std::int32_t> renumber(m.cols, -1);
  std::int32_t next = 0;
  for (std::size_t c = 0; c < m.cols; ++c) {
    if (keep[c]) renumber[c] = next++;
  }
  TermCounts out;
  out.cols = static_cast<std::size_t>(next);
  for (std::size_t r = 0; r < m.rows; ++r) {
    for (auto k = m.indptr[r]; k < m.indptr[r + 1]; ++k) {
      const std::int32_t c = renumber[static_cast<std::size_t>(m.indices[static_cast<std::size_t>(k)])];
      if (c < 0) continue;
      out.indices.push_back(c);
      out.values.push_back(m.values[static_cast<std::size_t>(k)]);
    }
    out.indptr.push_back(static_cast<std::int64_t>(out.indices.size()));
  }
  out.rows = m.rows;
  return out;
}

double bound(const DocumentFrequency& df, std::size_t documents) {
  return df.proportion ? df.value * static_cast<double>(documents) : df.value;
}

}  // namespace

TermCounts CountVectorizer::fit_transform(std::span<const std::string> documents) {
  // Count with columns in order of first appearance, as sklearn's _count_vocab does.
  std::unordered_map<std::string, std::int32_t> seen;
  std::vector<std::string> terms_by_column;
  TermCounts counts;
  std::vector<std::string> terms;
  std::vector<std::pair<std::int32_t, std::int64_t>> cells;
  for (const std::string& doc : documents) {
    terms.clear();
    cells.clear();
    analyze(doc, terms);
    for (std::string& term : terms) {
      auto [it, inserted] = seen.try_emplace(std::move(term), static_cast<std::int32_t>(terms_by_column.size()));
      if (inserted) terms_by_column.push_back(it->first);
      cells.emplace_back(it->second, 1);
    }
    append_row(cells, counts);
  }
  return finish_fit(std::move(counts), std::move(terms_by_column), documents.size());
}

TermCounts CountVectorizer::finish_fit(TermCounts counts, std::vector<std::string> terms_by_column, std::size_t documents) {
  if (terms_by_column.empty()) {
    throw UsageError("empty vocabulary; perhaps the documents only contain stop words");
  }

  // Sort the vocabulary (code-point order = UTF-8 byte order) and renumber the columns.
  std::vector<std::int32_t> order(terms_by_column.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
    return terms_by_column[static_cast<std::size_t>(a)] < terms_by_column[static_cast<std::size_t>(b)];
  });
  std::vector<std::int32_t> rank(order.size());
  for (std::size_t r = 0; r < order.size(); ++r) rank[static_cast<std::size_t>(order[r])] = static_cast<std::int32_t>(r);
  for (auto& c : counts.indices) c = rank[static_cast<std::size_t>(c)];
  for (std::size_t r = 0; r < counts.rows; ++r) {  // restore increasing columns within each row
    std::vector<std::pair<std::int32_t, std::int64_t>> row;
    for (auto k = counts.indptr[r]; k < counts.indptr[r + 1]; ++k) {
      row.emplace_back(counts.indices[static_cast<std::size_t>(k)], counts.values[static_cast<std::size_t>(k)]);
    }
    std::sort(row.begin(), row.end());
    for (std::size_t j = 0; j < row.size(); ++j) {
      counts.indices[static_cast<std::size_t>(counts.indptr[r]) + j] = row[j].first;
      counts.values[static_cast<std::size_t>(counts.indptr[r]) + j] = row[j].second;
    }
  }
  counts.cols = order.size();
  std::vector<std::string> sorted_terms(order.size());
  for (std::size_t r = 0; r < order.size(); ++r) sorted_terms[r] = std::move(terms_by_column[static_cast<std::size_t>(order[r])]);

  // Prune by document frequency, then keep the max_features most frequent (sklearn _limit_features).
  const double high = bound(options_.max_df, documents), low = bound(options_.min_df, documents);
  if (high < low) throw UsageError("max_df corresponds to fewer documents than min_df");
  std::vector<std::int64_t> df(counts.cols, 0), total(counts.cols, 0);
  for (std::size_t k = 0; k < counts.indices.size(); ++k) {
    ++df[static_cast<std::size_t>(counts.indices[k])];
    total[static_cast<std::size_t>(counts.indices[k])] += counts.values[k];
  }
  std::vector<bool> keep(counts.cols);
  std::size_t kept = 0;
  for (std::size_t c = 0; c < counts.cols; ++c) {
    keep[c] = static_cast<double>(df[c]) <= high && static_cast<double>(df[c]) >= low;
    kept += keep[c];
  }
  if (options_.max_features && kept > *options_.max_features) {
    std::vector<std::size_t> candidates;
    for (std::size_t c = 0; c < counts.cols; ++c) {
      if (keep[c]) candidates.push_back(c);
    }
    // Most frequent first; ties by column (sklearn's order among ties is unspecified).
    std::stable_sort(candidates.begin(), candidates.end(), [&](std::size_t a, std::size_t b) { return total[a] > total[b]; });
    std::fill(keep.begin(), keep.end(), false);
    for (std::size_t i = 0; i < *options_.max_features; ++i) keep[candidates[i]] = true;
    kept = *options_.max_features;
  }
  if (kept == 0) throw UsageError("after pruning, no terms remain; try a lower min_df or a higher max_df");

  vocabulary_.clear();
  columns_.clear();
  for (std::size_t c = 0; c < counts.cols; ++c) {
    if (!keep[c]) continue;
    columns_.emplace(sorted_terms[c], static_cast<std::int32_t>(vocabulary_.size()));
    vocabulary_.push_back(std::move(sorted_terms[c]));
  }
  return kept == counts.cols ? counts : keep_columns(counts, keep);
}

namespace {

// One block of documents counted on its own: terms numbered in order of first appearance within
// the block, counts keyed by (group, term).
struct BlockCounts {
  std::unordered_map<std::string, std::int32_t> column_of;
  std::vector<std::string> terms;
  std::unordered_map<std::uint64_t, std::int64_t> cells;  // group << 32 | term -> count
};

constexpr std::size_t kDocumentsPerBlock = 1024;

}  // namespace

TermCounts CountVectorizer::fit_transform_grouped(std::span<const std::string> documents,
                                                  std::span<const std::size_t> group_of_document, std::size_t groups,
                                                  std::size_t threads) {
  if (group_of_document.size() != documents.size()) {
    throw UsageError(fmt::format("{} groups for {} documents", group_of_document.size(), documents.size()));
  }
  if (options_.ngram_max > 1) {  // n-grams span the joins: count the joined texts themselves
    std::vector<std::string> joined(groups);
    std::vector<bool> started(groups, false);
    for (std::size_t row = 0; row < documents.size(); ++row) {
      const std::size_t g = group_of_document[row];
      if (started[g]) joined[g] += ' ';
      started[g] = true;
      joined[g] += documents[row];
    }
    for (std::string& text : joined) {
      if (text.empty()) text = "emptydoc";
    }
    return fit_transform(joined);
  }

  const std::size_t blocks = (documents.size() + kDocumentsPerBlock - 1) / kDocumentsPerBlock;
  std::vector<BlockCounts> counted(blocks);
  std::vector<std::size_t> characters(groups, 0);
  for (std::size_t row = 0; row < documents.size(); ++row) {
    if (group_of_document[row] >= groups) throw UsageError(fmt::format("document {} is in group {} of {}", row, group_of_document[row], groups));
    characters[group_of_document[row]] += documents[row].size();
  }
  parallel_tasks(blocks, threads, [&](std::size_t b) {
    BlockCounts& block = counted[b];
    std::vector<std::string> terms;
    const std::size_t end = std::min(documents.size(), (b + 1) * kDocumentsPerBlock);
    for (std::size_t row = b * kDocumentsPerBlock; row < end; ++row) {
      terms.clear();
      analyze(documents[row], terms);
      const std::uint64_t group = static_cast<std::uint64_t>(group_of_document[row]) << 32;
      for (std::string& term : terms) {
        auto [it, inserted] = block.column_of.try_emplace(std::move(term), static_cast<std::int32_t>(block.terms.size()));
        if (inserted) block.terms.push_back(it->first);
        ++block.cells[group | static_cast<std::uint32_t>(it->second)];
      }
    }
  });

  // Merge the blocks in order: one column per distinct term, one row per group.
  std::unordered_map<std::string, std::int32_t> column_of;
  std::vector<std::string> terms_by_column;
  std::vector<std::vector<std::pair<std::int32_t, std::int64_t>>> rows(groups);
  for (BlockCounts& block : counted) {
    std::vector<std::int32_t> global(block.terms.size());
    for (std::size_t t = 0; t < block.terms.size(); ++t) {
      auto [it, inserted] = column_of.try_emplace(block.terms[t], static_cast<std::int32_t>(terms_by_column.size()));
      if (inserted) terms_by_column.push_back(block.terms[t]);
      global[t] = it->second;
    }
    for (const auto& [key, count] : block.cells) {
      rows[key >> 32].emplace_back(global[static_cast<std::uint32_t>(key)], count);
    }
    block = BlockCounts();
  }
  std::vector<std::string> emptydoc;
  for (std::size_t g = 0; g < groups; ++g) {
    if (characters[g] > 0) continue;  // BERTopic's joined text is "" -> "emptydoc"
    emptydoc.clear();
    analyze("emptydoc", emptydoc);
    for (std::string& term : emptydoc) {
      auto [it, inserted] = column_of.try_emplace(std::move(term), static_cast<std::int32_t>(terms_by_column.size()));
      if (inserted) terms_by_column.push_back(it->first);
      rows[g].emplace_back(it->second, 1);
    }
  }
  TermCounts counts;
  for (auto& row : rows) append_row(row, counts);
  return finish_fit(std::move(counts), std::move(terms_by_column), groups);
}

TermCounts CountVectorizer::transform(std::span<const std::string> documents) const {
  TermCounts counts;
  counts.cols = vocabulary_.size();
  std::vector<std::string> terms;
  std::vector<std::pair<std::int32_t, std::int64_t>> cells;
  for (const std::string& doc : documents) {
    terms.clear();
    cells.clear();
    analyze(doc, terms);
    for (const std::string& term : terms) {
      if (const auto it = columns_.find(term); it != columns_.end()) cells.emplace_back(it->second, 1);
    }
    append_row(cells, counts);
  }
  return counts;
}

CountVectorizer CountVectorizer::with_vocabulary(VectorizerOptions options, std::vector<std::string> vocabulary,
                                                 std::shared_ptr<const Analyzer> analyzer) {
  CountVectorizer v(std::move(options), std::move(analyzer));
  v.vocabulary_ = std::move(vocabulary);
  for (std::size_t c = 0; c < v.vocabulary_.size(); ++c) {
    if (!v.columns_.emplace(v.vocabulary_[c], static_cast<std::int32_t>(c)).second) {
      throw InputError(fmt::format("vocabulary: '{}' appears twice", v.vocabulary_[c]));
    }
  }
  return v;
}

std::optional<std::int32_t> CountVectorizer::column_of(const std::string& term) const {
  const auto it = columns_.find(term);
  if (it == columns_.end()) return std::nullopt;
  return it->second;
}

}  // namespace topica
