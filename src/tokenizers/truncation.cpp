#include "tokenizers/truncation.hpp"

#include <algorithm>

namespace topica::tokenizers {
namespace {

void truncate(Encoding& e, std::size_t length, TruncationOptions::Direction direction) {
  if (length >= e.size()) return;
  const auto cut = [&](auto& v) {
    if (direction == TruncationOptions::Direction::Right) {
      v.resize(length);
    } else {
      v.erase(v.begin(), v.end() - static_cast<std::ptrdiff_t>(length));
    }
  };
  cut(e.ids);
  cut(e.type_ids);
  cut(e.tokens);
  cut(e.offsets);
  cut(e.attention_mask);
  cut(e.special_tokens_mask);
  cut(e.sequence_ids);
}

}  // namespace

void truncate_encodings(Encoding& first, std::optional<Encoding>& second, std::size_t max_length,
                        const TruncationOptions& options) {
  const std::size_t total = first.size() + (second ? second->size() : 0);
  if (total <= max_length) return;
  using Strategy = TruncationOptions::Strategy;
  if (!second) {
    // OnlySecond with one sequence is an error in the crate; the only sequence is cut instead.
    truncate(first, max_length, options.direction);
    return;
  }
  if (options.strategy == Strategy::OnlyFirst || options.strategy == Strategy::OnlySecond) {
    Encoding& target = options.strategy == Strategy::OnlyFirst ? first : *second;
    const std::size_t other = total - target.size();
    truncate(target, max_length > other ? max_length - other : 0, options.direction);
    return;
  }
  // LongestFirst: n1 is the shorter sequence's length, n2 the longer's.
  std::size_t n1 = first.size(), n2 = second->size();
  const bool swapped = n1 > n2;
  if (swapped) std::swap(n1, n2);
  if (n1 > max_length) {
    n2 = n1;
  } else {
    n2 = std::max(n1, max_length - n1);
  }
  if (n1 + n2 > max_length) {
    n1 = max_length / 2;
    n2 = n1 + max_length % 2;
  }
  if (swapped) std::swap(n1, n2);
  truncate(first, n1, options.direction);
  truncate(*second, n2, options.direction);
}

void pad_encoding(Encoding& e, std::size_t length, const PaddingOptions& options) {
  if (options.pad_to_multiple_of > 0 && length % options.pad_to_multiple_of != 0) {
    length += options.pad_to_multiple_of - length % options.pad_to_multiple_of;
  }
  if (length <= e.size()) return;
  const std::size_t n = length - e.size();
  const auto pad = [&](auto& v, const auto& value) {
    if (options.direction == PaddingOptions::Direction::Right) {
      v.insert(v.end(), n, value);
    } else {
      v.insert(v.begin(), n, value);
    }
  };
  pad(e.ids, options.pad_id);
  pad(e.type_ids, options.pad_type_id);
  pad(e.tokens, options.pad_token);
  pad(e.offsets, std::pair<std::size_t, std::size_t>{0, 0});
  pad(e.attention_mask, 0);
  pad(e.special_tokens_mask, 1);
  pad(e.sequence_ids, -1);
}

}  // namespace topica::tokenizers
