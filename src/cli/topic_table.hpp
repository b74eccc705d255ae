// The topic table every verb prints: Topic, Count, Name, Representation (get_topic_info's columns).
#pragma once

#include <string>

#include "topica/topic_model.hpp"

namespace topica::cli {

/// Aligned text, one topic per line; `max_rows` limits the rows shown (0: all).
std::string topic_table(const TopicModel& model, std::size_t max_rows = 0);

}  // namespace topica::cli
