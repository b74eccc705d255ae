// Korean word segmentation: every eojeol (a space-separated word) is split into its content part
// and its particle or ending (로봇을 → 로봇, 서울에서 → 서울), predicates reduced to their stem
// (말했다 → 말하, 발표했다 → 발표, 밝혔다 → 밝히). No dictionary: built-in lists of particles and
// endings, combined with noun scores learned from the corpus itself in the manner of soynlp's
// L-tokenizer, so that names never seen before (데니스, 아르테미스) stay whole.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "topica/analyzer.hpp"

namespace topica {

/// Noun scores of eojeol prefixes L learned from a corpus: among the eojeols starting with L
/// (L + 하다 / 되다 forms left out), the share that are L alone or L followed by a known particle,
/// for prefixes seen at least twice in that role and with at least two different right sides
/// (branching), and a share of at least one half; a one-syllable L needs only to stand alone
/// twice. L = X + 이 (or another one-syllable particle) is dropped when X is a noun and every form
/// of L is also X + a particle (남편이, 남편이나, 남편이랑: 이나, 이랑 are particles of 남편).
std::map<std::string, float> learn_korean_lexicon(std::span<const std::string> documents);

/// `documents` through a KoreanAnalyzer whose lexicon is learned from them, read once: the pass
/// that counts eojeols for the lexicon also keeps the documents as sequences of them, and each
/// distinct one is analysed once. on_document gets each document's words, space-separated, in
/// order: the same words as learn_korean_lexicon + KoreanAnalyzer::tokenize.
void segment_korean(std::span<const std::string> documents, std::span<const std::string> user_words,
                    const std::function<void(std::string_view words)>& on_document);

class KoreanAnalyzer final : public Analyzer {
 public:
  KoreanAnalyzer(const std::map<std::string, float>& lexicon, std::span<const std::string> user_words);

  /// NFC, then per eojeol: Hangul runs through content(), other letters and digits lowercased
  /// (two characters or more, as scikit-learn), Chinese / Japanese / Thai through ICU.
  void tokenize(std::string_view document, std::vector<std::string>& tokens) const override;

  /// The content part of one all-Hangul eojeol (NFC): its noun, its predicate's stem, or the
  /// eojeol itself; empty when it is a particle alone.
  std::string content(std::string_view eojeol) const;

  /// The words of one run of `tokenize`'s: a Hangul run (an eojeol, or its suffix after a Latin
  /// or digit run) or a run of other letters and digits.
  void tokenize_run(std::string_view run, bool hangul, std::vector<std::string>& tokens) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  float score(std::string_view left) const;
  std::unordered_map<std::string, float, Hash, std::equal_to<>> lexicon_;
  std::unordered_set<std::string, Hash, std::equal_to<>> user_words_;
  std::size_t longest_user_word_ = 0;
  std::uint64_t id_;  ///< tells this analyzer's entries in the per-thread content cache from others'

  IcuWordAnalyzer icu_;
};

}  // namespace topica
