#include "topica/word_vector_eval.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>

#include "topica/analyzer.hpp"
#include "topica/error.hpp"
#include "topica/word_vector_tools.hpp"

namespace topica {
namespace {

// gensim's ok_vocab: the first restrict_vocab words, folded; of two words folding alike the
// more frequent (lower row) wins.
std::unordered_map<std::string, std::size_t> restricted_vocabulary(const WordVectors& vectors, std::size_t restrict_vocab,
                                                                   bool case_insensitive) {
  const std::size_t rows = std::min(restrict_vocab, vectors.size());
  std::unordered_map<std::string, std::size_t> vocab;
  for (std::size_t r = rows; r-- > 0;) vocab[case_insensitive ? lowercase(vectors.words[r]) : vectors.words[r]] = r;
  return vocab;
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open", path));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<std::string> split_on(const std::string& line, const std::string& separators) {
  std::vector<std::string> fields;
  std::size_t at = 0;
  while (at <= line.size()) {
    const std::size_t end = std::min(line.find_first_of(separators, at), line.size());
    if (separators != "\t" && end == at) {  // runs of whitespace are one separator (str.split())
      ++at;
      continue;
    }
    fields.push_back(line.substr(at, end - at));
    at = end + 1;
  }
  return fields;
}

std::vector<double> ranks(const std::vector<double>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> rank(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
    const double average = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
    for (std::size_t k = i; k <= j; ++k) rank[order[k]] = average;
    i = j + 1;
  }
  return rank;
}

}  // namespace

double pearson_correlation(const std::vector<double>& a, const std::vector<double>& b) {
  const double n = static_cast<double>(a.size());
  const double ma = std::accumulate(a.begin(), a.end(), 0.0) / n, mb = std::accumulate(b.begin(), b.end(), 0.0) / n;
  double ab = 0, aa = 0, bb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) * (a[i] - ma);
    bb += (b[i] - mb) * (b[i] - mb);
  }
  return aa == 0 || bb == 0 ? 0.0 : ab / std::sqrt(aa * bb);
}

double spearman_correlation(const std::vector<double>& a, const std::vector<double>& b) {
  return pearson_correlation(ranks(a), ranks(b));
}

AnalogyResult evaluate_word_analogies(const WordVectors& vectors, const std::string& path, std::size_t restrict_vocab,
                                      bool case_insensitive) {
  const auto vocab = restricted_vocabulary(vectors, restrict_vocab, case_insensitive);
  const WordVectorIndex index(vectors);
  const std::vector<std::string> lines = read_lines(path);
  AnalogyResult result;
  AnalogySection section;
  bool in_section = false;
  const auto close_section = [&] {
    if (in_section && section.correct + section.incorrect > 0) result.sections.push_back(section);
  };
  const auto row_vector = [&](std::size_t row) {
    return std::vector<float>(vectors.vectors.row(row), vectors.vectors.row(row) + vectors.dimension());
  };
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const std::string& line = lines[l];
    if (line.empty()) continue;
    if (line.rfind(": ", 0) == 0) {
      close_section();
      section = AnalogySection{line.substr(2)};
      in_section = true;
      continue;
    }
    if (!in_section) throw InputError(fmt::format("{}: line {}: a question before the first ': section' line", path, l + 1));
    std::vector<std::string> words = split_on(line, " \t");
    if (words.size() != 4) throw InputError(fmt::format("{}: line {}: expected 4 words, got {}", path, l + 1, words.size()));
    if (case_insensitive) {
      for (std::string& w : words) w = lowercase(w);
    }
    std::size_t rows[4];
    bool known = true;
    for (int i = 0; i < 4; ++i) {
      const auto it = vocab.find(words[i]);
      if (it == vocab.end()) {
        known = false;
        break;
      }
      rows[i] = it->second;
    }
    if (!known) {
      ++result.skipped;
      continue;
    }
    // gensim: the top 5 of b - a + c, the first that is not a question word is the answer.
    const auto hits = index.most_similar({row_vector(rows[1]), row_vector(rows[2])}, {row_vector(rows[0])}, 5,
                                         {rows[0], rows[1], rows[2]}, restrict_vocab);
    std::string predicted;
    for (const WordHit& hit : hits) {
      predicted = case_insensitive ? lowercase(hit.word) : hit.word;
      if (vocab.count(predicted) != 0 && predicted != words[0] && predicted != words[1] && predicted != words[2]) break;
    }
    ++(predicted == words[3] ? section.correct : section.incorrect);
    ++(predicted == words[3] ? result.total.correct : result.total.incorrect);
  }
  close_section();
  return result;
}

WordPairResult evaluate_word_pairs(const WordVectors& vectors, const std::string& path, std::size_t restrict_vocab,
                                   bool case_insensitive) {
  const auto vocab = restricted_vocabulary(vectors, restrict_vocab, case_insensitive);
  const std::vector<std::string> lines = read_lines(path);
  std::vector<double> gold, model;
  WordPairResult result;
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const std::string& line = lines[l];
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields = split_on(line, "\t");
    if (fields.size() != 3) throw InputError(fmt::format("{}: line {}: expected word1 TAB word2 TAB score", path, l + 1));
    double score = 0;
    const auto [ptr, ec] = std::from_chars(fields[2].data(), fields[2].data() + fields[2].size(), score);
    if (ec != std::errc() || ptr != fields[2].data() + fields[2].size()) {
      throw InputError(fmt::format("{}: line {}: the score '{}' is not a number", path, l + 1, fields[2]));
    }
    if (case_insensitive) {
      fields[0] = lowercase(fields[0]);
      fields[1] = lowercase(fields[1]);
    }
    const auto a = vocab.find(fields[0]), b = vocab.find(fields[1]);
    if (a == vocab.end() || b == vocab.end()) {
      ++result.skipped;
      continue;
    }
    const auto row = [&](std::size_t r) {
      return std::vector<float>(vectors.vectors.row(r), vectors.vectors.row(r) + vectors.dimension());
    };
    gold.push_back(score);
    model.push_back(cosine_similarity(row(a->second), row(b->second)));
  }
  if (gold.size() < 2) throw UsageError(fmt::format("{}: fewer than two pairs have both words in the vocabulary", path));
  result.pairs = gold.size();
  result.spearman = spearman_correlation(gold, model);
  result.pearson = pearson_correlation(gold, model);
  return result;
}

}  // namespace topica
