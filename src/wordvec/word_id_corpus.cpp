// Interning a token stream: each distinct token gets a provisional id as it is first seen, so
// the corpus is held as 4 bytes a token; the vocabulary is then ordered by count and the ids
// remapped, dropping words below min_count.
#include <algorithm>
#include <limits>
#include <numeric>
#include <unordered_map>

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topica/glove.hpp"

namespace topica {

WordIdCorpus build_word_id_corpus(const TokenSource& source, std::size_t min_count) {
  std::unordered_map<std::string, std::uint32_t> first_seen;
  std::vector<std::string> seen_words;
  std::vector<std::uint64_t> seen_counts;
  WordIdCorpus corpus;
  std::vector<std::string> tokens;
  while (source(tokens)) {
    for (std::string& token : tokens) {
      auto [it, added] = first_seen.try_emplace(std::move(token), static_cast<std::uint32_t>(seen_words.size()));
      if (added) {
        if (seen_words.size() == std::numeric_limits<std::uint32_t>::max()) throw InputError("more than 2^32 distinct words");
        seen_words.push_back(it->first);
        seen_counts.push_back(0);
      }
      ++seen_counts[it->second];
      corpus.ids.push_back(it->second);
    }
    corpus.document_ends.push_back(corpus.ids.size());
    tokens.clear();
  }
  first_seen.clear();

  std::vector<std::uint32_t> order(seen_words.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return seen_counts[a] != seen_counts[b] ? seen_counts[a] > seen_counts[b] : seen_words[a] < seen_words[b];
  });
  constexpr std::uint32_t kDropped = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> row_of(seen_words.size(), kDropped);
  for (std::uint32_t seen : order) {
    if (seen_counts[seen] < std::max<std::size_t>(min_count, 1)) break;
    row_of[seen] = static_cast<std::uint32_t>(corpus.words.size());
    corpus.words.push_back(std::move(seen_words[seen]));
    corpus.counts.push_back(seen_counts[seen]);
  }

  // Remap in place, closing the gaps the dropped tokens leave inside each document.
  std::size_t kept = 0, begin = 0;
  for (std::size_t& end : corpus.document_ends) {
    for (std::size_t i = begin; i < end; ++i) {
      if (row_of[corpus.ids[i]] != kDropped) corpus.ids[kept++] = row_of[corpus.ids[i]];
    }
    begin = end;
    end = kept;
  }
  corpus.ids.resize(kept);
  corpus.ids.shrink_to_fit();
  return corpus;
}

}  // namespace topica
