// Topics seen through slices of their corpus — time bins (topics_over_time.hpp) or classes
// (topics_per_class.hpp): per slice and topic, the c-TF-IDF of that slice's documents of the
// topic, computed with the model's fitted vectorizer and idf, gives the topic's words there.
#pragma once

#include <cstddef>
#include <string>

namespace topica {

/// One row of BERTopic's topics_over_time / topics_per_class table.
struct TopicSliceRow {
  int topic = -1;
  std::string words;           ///< the slice's top words for the topic, joined with ", "
  std::size_t frequency = 0;   ///< the topic's documents in the slice
  std::string slice;           ///< the Timestamp (time) or the Class
};

}  // namespace topica
