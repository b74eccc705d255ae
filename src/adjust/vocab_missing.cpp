#include "topica/vocab_missing.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_map>

#include "topica/analyzer.hpp"
#include "topica/parallel.hpp"

namespace topica {
namespace {

using Counts = std::unordered_map<std::string, std::uint64_t>;

// Documents are read in batches of about this much text, each counted on every thread. The
// Korean lexicon and the auto language come from the first batch: enough text to learn the
// corpus's frequent nouns, without holding the whole corpus in memory.
constexpr std::size_t kBatchBytes = 8u << 20;
constexpr std::size_t kDocumentsPerBlock = 256;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

void count_pieces(std::string_view text, Counts& counts) {
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    const std::size_t begin = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i > begin) ++counts[std::string(text.substr(begin, i - begin))];
  }
}

void merge_into(Counts& into, Counts& from) {
  for (auto& [key, n] : from) into[key] += n;
  from.clear();
}

/// Whitespace-separated pieces of a batch of documents, counted in parallel.
void count_batch(const std::vector<std::string>& docs, std::size_t threads, Counts& total) {
  const std::size_t blocks = (docs.size() + kDocumentsPerBlock - 1) / kDocumentsPerBlock;
  std::vector<Counts> partial(blocks);
  parallel_blocks(docs.size(), kDocumentsPerBlock, threads, [&](std::size_t begin, std::size_t end) {
    Counts& counts = partial[begin / kDocumentsPerBlock];
    for (std::size_t d = begin; d < end; ++d) count_pieces(docs[d], counts);
  });
  for (Counts& c : partial) merge_into(total, c);
}

/// Analyzes each distinct piece once and adds its words, times the piece's count.
Counts analyze_pieces(const Counts& pieces, const Analyzer& analyzer, std::size_t threads) {
  std::vector<const std::pair<const std::string, std::uint64_t>*> items;
  items.reserve(pieces.size());
  for (const auto& item : pieces) items.push_back(&item);
  constexpr std::size_t kPiecesPerBlock = 4096;
  const std::size_t blocks = (items.size() + kPiecesPerBlock - 1) / kPiecesPerBlock;
  std::vector<Counts> partial(blocks);
  parallel_blocks(items.size(), kPiecesPerBlock, threads, [&](std::size_t begin, std::size_t end) {
    Counts& counts = partial[begin / kPiecesPerBlock];
    std::vector<std::string> words;
    for (std::size_t i = begin; i < end; ++i) {
      words.clear();
      analyzer.tokenize(items[i]->first, words);
      for (std::string& w : words) counts[std::move(w)] += items[i]->second;
    }
  });
  Counts words;
  for (Counts& c : partial) merge_into(words, c);
  return words;
}

}  // namespace

std::vector<WordCount> count_corpus_words(const CorpusOptions& corpus, const WordCountOptions& options) {
  const std::size_t threads = resolve_threads(options.threads);
  std::unique_ptr<CorpusReader> reader = open_corpus(corpus);
  Counts pieces;
  std::vector<std::string> batch, sample;
  std::size_t bytes = 0;
  bool sampled = false;
  Document doc;
  const auto flush = [&] {
    if (!sampled) sample = batch, sampled = true;
    count_batch(batch, threads, pieces);
    batch.clear();
    bytes = 0;
  };
  while (reader->next(doc)) {
    bytes += doc.text.size();
    batch.push_back(std::move(doc.text));
    if (bytes >= kBatchBytes) flush();
  }
  if (!batch.empty() || !sampled) flush();

  const AnalyzerSettings settings = choose_analyzer(options.language, sample, options.user_words);
  sample.clear();
  sample.shrink_to_fit();
  const Counts words = analyze_pieces(pieces, *make_analyzer(settings), threads);

  std::vector<WordCount> out;
  out.reserve(words.size());
  for (const auto& [word, count] : words) out.push_back({word, count});
  std::sort(out.begin(), out.end(), [](const WordCount& a, const WordCount& b) {
    return a.count != b.count ? a.count > b.count : a.word < b.word;
  });
  return out;
}

bool is_single_token(const Tokenizer& tokenizer, std::string_view word) {
  const Encoding e = tokenizer.encode(word, false);
  return e.size() == 1 && !tokenizer.is_special(e.ids[0]);
}

std::vector<MissingWord> find_missing_words(std::span<const WordCount> counts, const Tokenizer& tokenizer,
                                            std::uint64_t min_count, std::size_t threads) {
  std::vector<const WordCount*> kept;
  for (const WordCount& c : counts) {
    if (c.count >= min_count) kept.push_back(&c);
  }
  const std::size_t n = kept.size();
  std::vector<std::optional<MissingWord>> found(n);
  parallel_blocks(n, 1024, threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      Encoding e = tokenizer.encode(kept[i]->word, false);
      if (e.size() == 1 && !tokenizer.is_special(e.ids[0])) continue;
      found[i] = MissingWord{kept[i]->word, kept[i]->count, std::move(e.tokens)};
    }
  });
  std::vector<MissingWord> out;
  for (auto& m : found) {
    if (m) out.push_back(std::move(*m));
  }
  return out;
}

}  // namespace topica
