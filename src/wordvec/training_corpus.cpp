#include "topica/training_corpus.hpp"

#include <algorithm>
#include <numeric>

#include "topica/error.hpp"

namespace topica {

void TrainingCorpusBuilder::add_document(const std::vector<std::string>& tokens) {
  for (const std::string& token : tokens) {
    auto [it, inserted] = ids_.try_emplace(token, static_cast<std::uint32_t>(words_.size()));
    if (inserted) {
      if (words_.size() == UINT32_MAX) throw Error("the corpus has more than 4294967295 distinct words");
      words_.push_back(token);
      counts_.push_back(0);
    }
    ++counts_[it->second];
    tokens_.push_back(it->second);
  }
  ends_.push_back(tokens_.size());
}

TrainingCorpus TrainingCorpusBuilder::finish(std::size_t min_count) {
  std::vector<std::uint32_t> order(words_.size());
  std::iota(order.begin(), order.end(), 0u);
  // Stable: equal counts keep their order of first appearance, as gensim's sort does.
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return counts_[a] > counts_[b]; });
  constexpr std::uint32_t kDropped = UINT32_MAX;
  std::vector<std::uint32_t> new_id(words_.size(), kDropped);
  TrainingCorpus corpus;
  for (std::uint32_t old : order) {
    if (counts_[old] < min_count) continue;
    new_id[old] = static_cast<std::uint32_t>(corpus.words.size());
    corpus.words.push_back(std::move(words_[old]));
    corpus.counts.push_back(counts_[old]);
  }
  corpus.corpus_tokens = tokens_.size();
  corpus.document_ends.reserve(ends_.size());
  std::size_t from = 0;
  for (std::size_t end : ends_) {
    for (std::size_t t = from; t < end; ++t) {
      if (new_id[tokens_[t]] != kDropped) corpus.tokens.push_back(new_id[tokens_[t]]);
    }
    corpus.document_ends.push_back(corpus.tokens.size());
    from = end;
  }
  *this = TrainingCorpusBuilder();
  return corpus;
}

}  // namespace topica
