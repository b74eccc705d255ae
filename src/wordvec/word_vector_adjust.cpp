#include "topica/word_vector_adjust.hpp"

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica {

WordVectorAdjustment adjust_word_vectors(WordVectors& vectors, const std::vector<SynonymGroup>& groups,
                                         CombineMethod method, const std::string& source) {
  vectors.reindex();
  const std::size_t width = vectors.dimension();
  // Every group's vector comes from the original rows, so the order of groups does not matter.
  std::vector<std::vector<float>> combined;
  for (const SynonymGroup& group : groups) {
    std::vector<float> rows;
    std::vector<double> weights;
    for (std::size_t w = 0; w < group.words.size(); ++w) {
      if (const auto row = vectors.find(group.words[w])) {
        rows.insert(rows.end(), vectors.vectors.row(*row), vectors.vectors.row(*row) + width);
        weights.push_back(group.weights[w]);
      }
    }
    if (rows.empty()) {
      throw InputError(fmt::format("{}: line {}: group '{}': none of its words is in the vectors", source, group.line,
                                   group.name));
    }
    combined.push_back(combine_vectors(rows, width, weights, method));
  }
  WordVectorAdjustment report;
  report.groups = groups.size();
  std::vector<std::pair<std::string, std::size_t>> added;  // word, group
  for (std::size_t g = 0; g < groups.size(); ++g) {
    for (const std::string& word : groups[g].words) {
      if (const auto row = vectors.find(word)) {
        std::copy(combined[g].begin(), combined[g].end(), vectors.vectors.row(*row));
        ++report.words_set;
      } else {
        added.emplace_back(word, g);
      }
    }
  }
  if (!added.empty()) {
    vectors.vectors.values.resize((vectors.size() + added.size()) * width);
    for (const auto& [word, g] : added) {
      std::copy(combined[g].begin(), combined[g].end(), vectors.vectors.values.begin() + vectors.size() * width);
      vectors.words.push_back(word);
      vectors.vectors.rows = vectors.words.size();
    }
    vectors.reindex();
  }
  report.words_added = added.size();
  return report;
}

}  // namespace topica
