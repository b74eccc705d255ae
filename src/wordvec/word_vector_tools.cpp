#include "topica/word_vector_tools.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topica/vector_ops.hpp"

namespace topica {
namespace {

std::vector<float> unit(std::vector<float> v) {
  double norm = 0;
  for (float x : v) norm += static_cast<double>(x) * x;
  norm = std::sqrt(norm);
  if (norm > 0) {
    for (float& x : v) x = static_cast<float>(x / norm);
  }
  return v;
}

void check_dimension(const std::vector<float>& v, std::size_t dim) {
  if (v.size() != dim) throw UsageError(fmt::format("a query vector has {} values where the word vectors have {}", v.size(), dim));
}

}  // namespace

WordVectorIndex::WordVectorIndex(const WordVectors& vectors)
    : vectors_(&vectors), unit_(vectors.vectors.rows, vectors.vectors.cols) {
  for (std::size_t r = 0; r < unit_.rows; ++r) {
    const std::vector<float> u = unit(std::vector<float>(vectors.vectors.row(r), vectors.vectors.row(r) + unit_.cols));
    std::copy(u.begin(), u.end(), unit_.row(r));
  }
}

std::vector<WordHit> WordVectorIndex::most_similar(const std::vector<std::vector<float>>& positive,
                                                   const std::vector<std::vector<float>>& negative, std::size_t top,
                                                   const std::vector<std::size_t>& exclude, std::size_t restrict_vocab) const {
  const std::size_t dim = unit_.cols;
  if (positive.empty() && negative.empty()) throw UsageError("most_similar needs at least one positive or negative word");
  std::vector<double> mean(dim, 0.0);
  for (const auto* group : {&positive, &negative}) {
    const double sign = group == &positive ? 1.0 : -1.0;
    for (const std::vector<float>& v : *group) {
      check_dimension(v, dim);
      const std::vector<float> u = unit(v);
      for (std::size_t j = 0; j < dim; ++j) mean[j] += sign * u[j];
    }
  }
  std::vector<float> query(dim);
  for (std::size_t j = 0; j < dim; ++j) query[j] = static_cast<float>(mean[j] / static_cast<double>(positive.size() + negative.size()));
  query = unit(std::move(query));

  const std::size_t rows = restrict_vocab == 0 ? unit_.rows : std::min(restrict_vocab, unit_.rows);
  std::vector<std::pair<float, std::size_t>> scored;
  scored.reserve(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    if (std::find(exclude.begin(), exclude.end(), r) != exclude.end()) continue;
    scored.emplace_back(dot(unit_.row(r), query.data(), dim), r);
  }
  const std::size_t keep = std::min(top, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep), scored.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
  std::vector<WordHit> hits;
  for (std::size_t i = 0; i < keep; ++i) hits.push_back({scored[i].second, vectors_->words[scored[i].second], scored[i].first});
  return hits;
}

double cosine_similarity(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) throw UsageError(fmt::format("vectors of {} and {} values", a.size(), b.size()));
  double ab = 0, aa = 0, bb = 0;
  for (std::size_t j = 0; j < a.size(); ++j) {
    ab += static_cast<double>(a[j]) * b[j];
    aa += static_cast<double>(a[j]) * a[j];
    bb += static_cast<double>(b[j]) * b[j];
  }
  return aa == 0 || bb == 0 ? 0.0 : ab / std::sqrt(aa * bb);
}

std::size_t doesnt_match(const std::vector<std::vector<float>>& vectors) {
  if (vectors.size() < 2) throw UsageError("doesnt_match needs at least two words");
  const std::size_t dim = vectors[0].size();
  std::vector<std::vector<float>> units;
  std::vector<float> mean(dim, 0.0f);
  for (const auto& v : vectors) {
    check_dimension(v, dim);
    units.push_back(unit(v));
    for (std::size_t j = 0; j < dim; ++j) mean[j] += units.back()[j];
  }
  for (float& x : mean) x /= static_cast<float>(vectors.size());
  mean = unit(std::move(mean));
  std::size_t worst = 0;
  double lowest = 0;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const double d = dot(units[i].data(), mean.data(), dim);
    if (i == 0 || d < lowest) {
      lowest = d;
      worst = i;
    }
  }
  return worst;
}

WordVectorSource WordVectorSource::load(const std::string& path, VectorFileFormat format) {
  if (format == VectorFileFormat::Auto && FastTextModel::is_model_file(path)) {
    FastTextModel model = FastTextModel::load(path);
    WordVectorSource source(model.word_vectors());
    source.model_ = std::move(model);
    source.path_ = path;
    return source;
  }
  WordVectorSource source(read_word_vectors(path, format));
  source.path_ = path;
  return source;
}

std::vector<float> WordVectorSource::vector(const std::string& word) const {
  if (auto row = vectors_.find(word)) {
    return std::vector<float>(vectors_.vectors.row(*row), vectors_.vectors.row(*row) + vectors_.dimension());
  }
  if (model_) {
    std::vector<float> v = model_->word_vector(word);
    if (!v.empty()) return v;
  }
  throw UsageError(fmt::format("unknown word '{}': not in {}{}", word, path_.empty() ? "the vectors" : path_,
                               model_ ? " and it has no character n-grams" : ""));
}

std::optional<std::vector<std::uint64_t>> WordVectorSource::counts() const {
  if (!model_) return std::nullopt;
  return model_->counts();
}

}  // namespace topica
