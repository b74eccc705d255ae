// Which topics a chart shows and what it calls them: BERTopic's top_n_topics / topics /
// custom_labels, shared by every kind.
#include <algorithm>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "viz/figures.hpp"

namespace topica::viz {

std::vector<const Topic*> real_topics(const TopicModel& model) {
  std::vector<const Topic*> topics;
  for (const Topic& t : model.topics) {
    if (t.id != -1) topics.push_back(&t);
  }
  if (topics.empty()) throw UsageError("the model has no topics besides the outliers: nothing to chart");
  std::sort(topics.begin(), topics.end(), [](const Topic* a, const Topic* b) { return a->id < b->id; });
  return topics;
}

std::vector<const Topic*> chosen_topics(const TopicModel& model, const ChartOptions& options,
                                        std::size_t default_top_n) {
  std::vector<const Topic*> all = real_topics(model);
  if (!options.topics.empty()) {
    std::vector<const Topic*> listed;
    for (int id : options.topics) {
      const auto it = std::find_if(all.begin(), all.end(), [id](const Topic* t) { return t->id == id; });
      if (it == all.end()) throw UsageError(fmt::format("--topics: the model has no topic {}", id));
      if (std::find(listed.begin(), listed.end(), *it) == listed.end()) listed.push_back(*it);
    }
    return listed;
  }
  // BERTopic's get_topic_freq order: by size, largest first.
  std::stable_sort(all.begin(), all.end(), [](const Topic* a, const Topic* b) { return a->size > b->size; });
  const std::size_t n = options.top_n_topics.value_or(default_top_n);
  if (n > 0 && n < all.size()) all.resize(n);
  return all;
}

std::string topic_title(const Topic& topic, const ChartOptions& options) {
  if (options.custom_labels && !topic.label.empty()) return topic.label;
  std::string name = std::to_string(topic.id);
  for (std::size_t i = 0; i < topic.words.size() && i < 3; ++i) name += "_" + topic.words[i].word;
  return name;
}

Json base_layout(const ChartOptions& options, const std::string& default_title, int width, int height) {
  const std::string title = options.title.empty() ? default_title : options.title;
  return Json{{"title", {{"text", "<b>" + title + "</b>"}, {"x", 0.5}, {"xanchor", "center"}, {"yanchor", "top"},
                         {"font", {{"size", 22}, {"color", "Black"}}}}},
              {"width", options.width.value_or(width)},
              {"height", options.height.value_or(height)},
              {"hoverlabel", {{"bgcolor", "white"}, {"font", {{"size", 16}, {"family", "Rockwell"}}}}},
              {"plot_bgcolor", "white"},
              {"paper_bgcolor", "white"}};
}

}  // namespace topica::viz

namespace topica::viz {

Matrix<float> topic_vectors(const TopicModel& model, const std::vector<const Topic*>& topics, bool* from_ctfidf) {
  const bool embeddings = model.topic_embeddings.rows == model.topics.size() && model.topic_embeddings.cols > 0;
  if (from_ctfidf) *from_ctfidf = !embeddings;
  const std::size_t cols = embeddings ? model.topic_embeddings.cols : model.ctfidf_matrix.cols;
  Matrix<float> rows(topics.size(), cols);
  for (std::size_t i = 0; i < topics.size(); ++i) {
    const auto index = static_cast<std::size_t>(topics[i] - model.topics.data());
    if (embeddings) {
      std::copy_n(model.topic_embeddings.row(index), cols, rows.row(i));
      continue;
    }
    if (index >= model.ctfidf_matrix.rows) throw InputError("ctfidf.safetensors: fewer rows than topics");
    const auto& m = model.ctfidf_matrix;
    for (auto k = m.indptr[index]; k < m.indptr[index + 1]; ++k) rows(i, static_cast<std::size_t>(m.indices[k])) = static_cast<float>(m.values[k]);
  }
  return rows;
}

}  // namespace topica::viz
