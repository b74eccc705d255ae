#include "cli/topic_table.hpp"

#include <fmt/format.h>

namespace topica::cli {

std::string topic_table(const TopicModel& model, std::size_t max_rows) {
  std::string out = fmt::format("{:>6}  {:>7}  {:<40}  {}\n", "Topic", "Count", "Name", "Representation");
  std::size_t shown = 0;
  for (const Topic& t : model.topics) {
    if (max_rows != 0 && shown++ == max_rows) {
      out += fmt::format("... {} more topics\n", model.topics.size() - max_rows);
      break;
    }
    std::string words;
    for (const auto& w : t.words) words += (words.empty() ? "" : ", ") + w.word;
    const std::string& name = t.label.empty() ? t.name : t.label;
    out += fmt::format("{:>6}  {:>7}  {:<40}  [{}]\n", t.id, t.size, name.size() > 40 ? name.substr(0, 37) + "..." : name, words);
  }
  return out;
}

}  // namespace topica::cli
