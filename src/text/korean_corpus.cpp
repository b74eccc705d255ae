#include "text/korean_corpus.hpp"

#include <limits>

#include "text/hangul_runs.hpp"
#include "text/korean_morphemes.hpp"
#include "topica/error.hpp"

namespace topica::korean {

CorpusRuns::CorpusRuns(std::span<const std::string> documents, bool keep_documents) {
  std::string normalized;
  for (const std::string& doc : documents) {
    for_each_run(ready_text(doc, normalized), [&](std::string_view run, bool hangul, bool after_word) {
      // Looked up by view: most runs repeat, and a key is only built for a new one.
      auto it = ids_.find(run);
      if (it == ids_.end()) {
        if (runs_.size() >= std::numeric_limits<std::uint32_t>::max() / 2) throw InputError("corpus: more than 2^31 distinct words");
        it = ids_.emplace(std::string(run), static_cast<std::uint32_t>(runs_.size())).first;
        runs_.push_back({it->first, hangul, 0});
      }
      ++runs_[it->second].count;
      if (keep_documents) sequence_.push_back(it->second * 2 + (after_word ? 1 : 0));
    });
    if (keep_documents) starts_.push_back(sequence_.size());
  }
}

std::vector<EojeolCount> CorpusRuns::eojeols() const {
  std::vector<EojeolCount> counts;
  for (const Run& r : runs_) {
    if (r.hangul && r.text.size() <= kLongestAnalysed * kSyllableBytes) counts.push_back({r.text, r.count});
  }
  return counts;
}

}  // namespace topica::korean
