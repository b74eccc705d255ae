#include "topica/topics_over_time.hpp"

#include <map>

#include "topica/error.hpp"
#include "topica/parallel.hpp"
#include "topica/time_bins.hpp"
#include "topics/slice_ctfidf.hpp"

namespace topica {

std::vector<TopicSliceRow> topics_over_time(const TopicModel& model, std::span<const std::string> documents,
                                            const TimeColumn& times, const OverTimeOptions& options) {
  check_corpus_matches(model, documents.size());
  if (times.size() != documents.size()) throw UsageError("one timestamp per document is needed");
  const std::vector<TimeSlice> slices = slice_by_time(times, options.bins);

  // The bins' own c-TF-IDF is independent per bin; the tuning below is sequential in time.
  std::vector<SliceCtfidf> tuned(slices.size());
  parallel_tasks(slices.size(), options.threads,
                 [&](std::size_t s) { tuned[s] = slice_ctfidf(model, documents, slices[s].rows); });
  const bool normalize = options.global_tuning || options.evolution_tuning;
  std::map<int, SparseRow> previous;  // the previous bin's final rows by topic
  for (SliceCtfidf& slice : tuned) {
    std::map<int, SparseRow> current;
    for (std::size_t t = 0; t < slice.topics.size(); ++t) {
      const int topic = slice.topics[t];
      SparseRow row = normalize ? l1_normalized(std::move(slice.rows[t])) : std::move(slice.rows[t]);
      if (options.evolution_tuning && previous.contains(topic)) row = average(row, previous.at(topic));
      if (options.global_tuning) row = average(global_row(model, topic), row);
      slice.rows[t] = row;
      current.emplace(topic, std::move(row));
    }
    previous = std::move(current);
  }

  std::vector<std::vector<TopicSliceRow>> tables(slices.size());
  parallel_tasks(slices.size(), options.threads, [&](std::size_t s) {
    tables[s] = slice_table(model, tuned[s], slices[s].timestamp, options.top_n_words);
  });
  std::vector<TopicSliceRow> rows;
  for (auto& table : tables) rows.insert(rows.end(), table.begin(), table.end());
  return rows;
}

}  // namespace topica
