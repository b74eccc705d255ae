#include "topica/topics_per_class.hpp"

#include <map>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topica/parallel.hpp"
#include "topics/slice_ctfidf.hpp"

namespace topica {

std::vector<TopicSliceRow> topics_per_class(const TopicModel& model, std::span<const std::string> documents,
                                            std::span<const std::string> classes, const PerClassOptions& options) {
  check_corpus_matches(model, documents.size());
  if (classes.size() != documents.size()) throw UsageError("one class per document is needed");
  std::map<std::string, std::vector<std::size_t>> members;
  for (std::size_t row = 0; row < classes.size(); ++row) {
    if (classes[row].empty()) throw UsageError(fmt::format("row {}: the class is empty", row));
    members[classes[row]].push_back(row);
  }
  if (members.size() < 2) {
    throw UsageError(fmt::format("the class column holds one class ('{}'): topics per class need at least two",
                                 members.empty() ? "" : members.begin()->first));
  }
  const std::vector<std::pair<std::string, std::vector<std::size_t>>> slices(members.begin(), members.end());
  std::vector<std::vector<TopicSliceRow>> tables(slices.size());
  parallel_tasks(slices.size(), options.threads, [&](std::size_t s) {
    SliceCtfidf slice = slice_ctfidf(model, documents, slices[s].second);
    if (options.global_tuning) {
      for (std::size_t t = 0; t < slice.topics.size(); ++t) {
        slice.rows[t] = average(global_row(model, slice.topics[t]), l1_normalized(std::move(slice.rows[t])));
      }
    }
    tables[s] = slice_table(model, slice, slices[s].first, options.top_n_words);
  });
  std::vector<TopicSliceRow> rows;
  for (auto& table : tables) rows.insert(rows.end(), table.begin(), table.end());
  return rows;
}

}  // namespace topica
