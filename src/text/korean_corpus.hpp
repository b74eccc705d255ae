// One read of a corpus for the Korean analyzer: its distinct runs (eojeols and other words),
// counted, and each document as the sequence of its runs. The lexicon is learned from the
// counts and each distinct eojeol is analysed once: Korean corpora repeat eojeols heavily.
// Internal to libtopica.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace topica::korean {

struct EojeolCount {
  std::string_view eojeol;
  std::size_t count;
};

class CorpusRuns {
 public:
  struct Run {
    std::string_view text;
    bool hangul;
    std::size_t count;
  };

  /// Reads `documents` once (normalizing those that are not NFC); `keep_documents` also keeps
  /// each document's sequence of runs for document().
  CorpusRuns(std::span<const std::string> documents, bool keep_documents);

  /// The Hangul runs short enough to analyse, with their counts: what the lexicon learns from.
  std::vector<EojeolCount> eojeols() const;

  std::size_t size() const { return runs_.size(); }
  const Run& run(std::size_t id) const { return runs_[id]; }
  /// Document i's runs in order, each as id * 2 + after_word (see for_each_run).
  std::span<const std::uint32_t> document(std::size_t i) const {
    return std::span(sequence_).subspan(starts_[i], starts_[i + 1] - starts_[i]);
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // Node-based: the keys do not move, so runs_ views them.
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> ids_;
  std::vector<Run> runs_;
  std::vector<std::uint32_t> sequence_;
  std::vector<std::size_t> starts_{0};
};

/// learn_korean_lexicon from a corpus's distinct eojeols and their counts.
std::map<std::string, float> learn_lexicon(std::span<const EojeolCount> eojeols);

}  // namespace topica::korean
