#include "topica/korean_analyzer.hpp"

#include <algorithm>
#include <atomic>
#include <unordered_map>

#include "core/utf8.hpp"
#include "text/hangul_runs.hpp"
#include "text/korean_corpus.hpp"
#include "text/korean_morphemes.hpp"

namespace topica {
namespace {

using korean::kLongestAnalysed;
using korean::kSyllableBytes;

std::size_t syllables(std::string_view w) { return w.size() / kSyllableBytes; }
std::string_view first(std::string_view w, std::size_t n) { return w.substr(0, n * kSyllableBytes); }
std::string_view from(std::string_view w, std::size_t n) { return w.substr(n * kSyllableBytes); }

// A syllable as its jamo indices: initial (19), vowel (21), final (28, 0 = none).
struct Jamo {
  int initial, vowel, final;
};
Jamo decompose(std::string_view syllable) {
  std::size_t i = 0;
  const int index = static_cast<int>(utf8::next(syllable, i)) - 0xAC00;
  return {index / 588, (index % 588) / 28, index % 28};
}
std::string compose(Jamo j) {
  const char32_t c = static_cast<char32_t>(0xAC00 + j.initial * 588 + j.vowel * 28 + j.final);
  return {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)), static_cast<char>(0x80 | (c & 0x3F))};
}

constexpr int kIeung = 11, kHieut = 18;        // initials ㅇ, ㅎ
constexpr int kRieul = 5;                      // initial ㄹ
constexpr int kFinalN = 4, kFinalL = 8, kFinalB = 17, kFinalSs = 20;  // finals ㄴ, ㄹ, ㅂ, ㅆ
enum Vowel { A = 0, Ae = 1, Eo = 4, Yeo = 6, O = 8, Wa = 9, Wae = 10, Oe = 11, U = 13, Wo = 14, I = 20 };

// 하다 / 되다 forms: the syllable that carries the verb and the endings that may follow it.
bool is_ha_syllable(std::string_view s) {
  return s == "하" || s == "한" || s == "할" || s == "합" || s == "해" || s == "했" || s == "되" || s == "된" || s == "될" ||
         s == "됩" || s == "돼" || s == "됐";
}
// 합 / 됩 only before 니다 (합니다, 됩니까): 종합, 통합, 연합 are nouns.
bool fits(std::string_view verb, std::string_view tail) {
  if (verb == "합" || verb == "됩") return tail == "니다" || tail == "니까";
  return true;
}
bool is_doe(std::string_view s) { return s == "되" || s == "된" || s == "될" || s == "됨" || s == "됩" || s == "돼" || s == "됐"; }

// The stem of a past-tense syllable: 혔 → 히, 했 → 하, 됐 → 되, 봤 → 보, 줬 → 주, 섰 → 서.
std::string uncontract_past(Jamo j) {
  j.final = 0;
  if (j.vowel == Yeo) j.vowel = I;
  else if (j.vowel == Wo) j.vowel = U;
  else if (j.vowel == Wa) j.vowel = O;
  else if (j.vowel == Wae) j.vowel = Oe;
  else if (j.vowel == Ae && j.initial == kHieut) j.vowel = A;
  return compose(j);
}

// The predicate's stem, or empty when `w` is not a predicate form recognised reliably.
std::string predicate_stem(std::string_view w) {
  const std::size_t n = syllables(w);
  // X + 하다 / 되다 forms: 발표했다 → 발표, 말했다 → 말하, 위해 → 위하, 하는 → 하.
  for (std::size_t p = n >= 1 + korean::kLongestEnding ? n - 1 - korean::kLongestEnding : 0; p < n; ++p) {
    const std::string_view verb = w.substr(p * kSyllableBytes, kSyllableBytes), tail = from(w, p + 1);
    if (!is_ha_syllable(verb) || !korean::is_ending(tail) || !fits(verb, tail)) continue;
    const std::string_view root = first(w, p);
    // 해 / 돼 / 한 ... with nothing after them end many nouns (올해, 피해, 제한): only roots of
    // two syllables or more, or the few function-like ones (위해, 대한), are verbs there; 하 / 되
    // end a word only in compounds (연하, 이하).
    if (tail.empty() && (verb == "하" || verb == "되")) continue;
    if (tail.empty() && syllables(root) < 2 && !korean::is_light_verb_root(root)) continue;
    if (syllables(root) >= 2) return std::string(root);
    return std::string(root) + (is_doe(verb) ? "되" : "하");
  }
  if (n < 2) return {};
  // Past tense: 밝혔다 → 밝히, 먹었다 → 먹, 나섰으며 → 나서.
  for (std::size_t p = n >= 1 + korean::kLongestEnding ? n - 1 - korean::kLongestEnding : 0; p + 1 < n; ++p) {
    const std::string_view tail = from(w, p + 1);
    if (tail.empty() || !korean::is_ending(tail)) continue;
    const Jamo j = decompose(w.substr(p * kSyllableBytes, kSyllableBytes));
    if (j.final != kFinalSs || (j.initial == kIeung && j.vowel == I)) continue;  // 있 is a stem
    if (w.substr(p * kSyllableBytes, kSyllableBytes) == "겠") {                  // future / guess: 넘어서겠다
      if (p == 0) continue;
      return std::string(first(w, p));
    }
    if (j.initial == kIeung && (j.vowel == Eo || j.vowel == A || j.vowel == Yeo)) {
      if (p == 0) continue;
      // 었 / 았 after the stem; 였 after a consonant is 이 + 었 (끓였다 → 끓이).
      if (j.vowel == Yeo && decompose(w.substr((p - 1) * kSyllableBytes, kSyllableBytes)).final != 0) {
        return std::string(first(w, p)) + "이";
      }
      return std::string(first(w, p));
    }
    if (p >= 1) {
      Jamo prev = decompose(w.substr((p - 1) * kSyllableBytes, kSyllableBytes));
      // 르 irregular: 올랐다 → 오르, 불렀다 → 부르 (the ㄹ moves onto the syllable before).
      if (j.initial == kRieul && (j.vowel == A || j.vowel == Eo) && prev.final == kFinalL) {
        prev.final = 0;
        return std::string(first(w, p - 1)) + compose(prev) + "르";
      }
      // ㅂ irregular: 아쉬웠다 → 아쉽, 어려웠다 → 어렵; 배웠다, 외웠다 are 우 stems.
      if (j.initial == kIeung && j.vowel == Wo && prev.final == 0 &&
          !korean::is_u_stem(w.substr((p - 1) * kSyllableBytes, kSyllableBytes))) {
        prev.final = kFinalB;
        return std::string(first(w, p - 1)) + compose(prev);
      }
    }
    return std::string(first(w, p)) + uncontract_past(j);
  }
  // Present -ㄴ다 / -는다 and formal -ㅂ니다 / -습니다: 간다 → 가, 먹는다 → 먹, 갑니다 → 가.
  const std::string_view last2 = from(w, n - 2);
  const std::string_view before = first(w, n - 2);
  if (last2 == "니다" && n >= 3) {
    const std::string_view s = w.substr((n - 3) * kSyllableBytes, kSyllableBytes);
    if (s == "습") return n >= 4 ? std::string(first(w, n - 3)) : std::string();
    Jamo j = decompose(s);
    if (j.final == kFinalB) {
      j.final = 0;
      return std::string(first(w, n - 3)) + compose(j);
    }
    return {};
  }
  // -다고, -다는, -다며 quote what -다 ends.
  const std::string_view last = from(w, n - 1);
  const std::string_view plain = (last == "고" || last == "는" || last == "며") && from(w, n - 2).substr(0, kSyllableBytes) == "다"
                                     ? first(w, n - 1) : w;
  const std::size_t m = syllables(plain);
  if (m >= 3 && from(plain, m - 2) == "는다") return std::string(first(plain, m - 2));
  if (m >= 2 && from(plain, m - 1) == "다") {
    Jamo j = decompose(plain.substr((m - 2) * kSyllableBytes, kSyllableBytes));
    if (j.final == kFinalN) {
      j.final = 0;
      return std::string(first(plain, m - 2)) + compose(j);
    }
  }
  // A stem ending in a consonant: nouns never take 다 after one (they take 이다), and finals
  // outside Sino-Korean's ㄱ ㄴ ㄹ ㅁ ㅂ ㅇ (좋, 넓, 늦, 싶, 않) end predicate stems only.
  for (std::size_t p = n > 4 ? n - 4 : 0; p + 1 < n; ++p) {
    const int final = decompose(w.substr(p * kSyllableBytes, kSyllableBytes)).final;
    if (final == 0 || final == kFinalSs) continue;
    const std::string_view tail = from(w, p + 1);
    const bool sino = final == 1 || final == kFinalN || final == kFinalL || final == 16 || final == kFinalB || final == 21;
    if (korean::is_consonant_ending(tail) || (!sino && korean::is_native_stem_ending(tail))) return std::string(first(w, p + 1));
  }
  // 있 / 없 / 같 / 않 + ending: 있는 → 있, 재미있다 → 재미있, 같은 → 같.
  for (std::size_t p = 0; p + 1 < n; ++p) {
    const std::string_view s = w.substr(p * kSyllableBytes, kSyllableBytes), tail = from(w, p + 1);
    if ((s == "있" || s == "없" || s == "같" || s == "않") && (korean::is_ending(tail) || tail == "은")) {
      return std::string(first(w, p + 1));
    }
  }
  return {};
}

// Whether `left` may stand as a noun before a particle of `r` syllables without corpus evidence.
bool plausible_noun(std::string_view w, std::size_t l) {
  if (l == 0) return false;
  const std::size_t n = syllables(w);
  if (l == 1) {
    // 으로, 으로는 follow a noun ending in a consonant: 폭으로 → 폭.
    return korean::is_one_syllable_noun(first(w, 1)) || (n == 2 && korean::splits_two_syllables(from(w, 1))) ||
           from(w, 1).substr(0, kSyllableBytes) == "으";
  }
  // 정상회의 is not 정상회 + 의.
  return n - l != 1 || !korean::is_particle_like_noun(w.substr((l - 1) * kSyllableBytes, 2 * kSyllableBytes));
}

bool needs_icu(std::string_view run) {
  for (std::size_t i = 0; i < run.size();) {
    const char32_t c = utf8::next(run, i);
    if ((c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x0E00 && c <= 0x0EFF) ||
        (c >= 0x1000 && c <= 0x109F) || (c >= 0x1780 && c <= 0x17FF) || (c >= 0x20000 && c <= 0x2FFFF)) {
      return true;
    }
  }
  return false;
}

// Whether `right` is a 하다 / 되다 verb's syllable and ending (했다, 하는, 된): after L it shows L
// is a noun (생각했다), so it counts neither for nor against L as a noun.
bool is_light_verb_tail(std::string_view right) {
  if (right.size() < kSyllableBytes) return false;
  const std::string_view verb = right.substr(0, kSyllableBytes), tail = right.substr(kSyllableBytes);
  return is_ha_syllable(verb) && korean::is_ending(tail) && fits(verb, tail);
}

}  // namespace

std::map<std::string, float> learn_korean_lexicon(std::span<const std::string> documents) {
  return korean::learn_lexicon(korean::CorpusRuns(documents, false).eojeols());
}

std::map<std::string, float> korean::learn_lexicon(std::span<const EojeolCount> eojeols) {
  // Candidates L: prefixes followed by a particle or nothing. For each, the eojeols starting
  // with L (all of them), those that are L + particle or L alone, those that are L + 하다 /
  // 되다, and whether more than one right side was seen (L's branching).
  struct Counts {
    std::size_t prefix = 0, noun = 0, alone = 0, verb = 0, unexplained = 0;
    std::string_view right;
    bool branches = false, noun_like = false;
  };
  std::unordered_map<std::string_view, Counts> candidates;
  for (const auto& [w, count] : eojeols) {
    const std::size_t n = syllables(w);
    for (std::size_t l = n > kLongestParticle ? n - kLongestParticle : 1; l <= n; ++l) {
      const std::string_view right = from(w, l);
      if (!right.empty() && !(is_particle(right) && attaches(first(w, l), right))) {
        if (is_light_verb_tail(right)) candidates[first(w, l)].verb += count;
        continue;
      }
      Counts& c = candidates[first(w, l)];
      if (right.empty()) c.alone += count;
      c.noun += count;
      if (c.noun == count) c.right = right;
      else if (c.right != right) c.branches = true;
    }
  }
  for (const auto& [w, count] : eojeols) {
    for (std::size_t l = 1; l <= syllables(w); ++l) {
      if (const auto it = candidates.find(first(w, l)); it != candidates.end()) it->second.prefix += count;
    }
  }
  const auto share = [](const Counts& c) { return static_cast<float>(c.noun) / static_cast<float>(c.prefix - c.verb); };
  // A noun's share of the eojeols it starts. One syllable starts countless other words (대 →
  // 대통령, 대한): standing alone in the corpus (3대, 4패), with a particle too (대보다, 패로), is
  // evidence enough there. Its share stays low, so a longer word seen with particles of its own
  // (대가를, 대가는) still wins in content().
  for (auto& [left, c] : candidates) {
    c.noun_like = c.branches && c.noun >= 2 &&
                  (share(c) >= 0.5f || (syllables(left) == 1 && c.alone >= 2));
  }
  // X + 이 is seen alone and before 나, 랑, 다 (남편이, 남편이나, 남편이랑) because 이나, 이랑, 이다
  // are particles of X: a candidate X + p whose every form is also noun X + particle has no
  // evidence of its own and is not a word (어린이가 is not 어린 + 이가, so 어린이 stays).
  const auto explains = [&](std::string_view l, std::string_view right) {
    const std::size_t n = syllables(l);
    if (n < 2) return false;
    const std::string_view x = first(l, n - 1), p = from(l, n - 1);
    const std::string tail = std::string(p) + std::string(right);
    if (!is_particle(tail) || !attaches(x, tail)) return false;
    const auto it = candidates.find(x);
    return (it != candidates.end() && it->second.noun_like) || is_one_syllable_noun(x);
  };
  for (const auto& [w, count] : eojeols) {
    const std::size_t n = syllables(w);
    for (std::size_t l = n > kLongestParticle ? n - kLongestParticle : 1; l <= n; ++l) {
      const std::string_view right = from(w, l);
      if (!right.empty() && !(is_particle(right) && attaches(first(w, l), right))) continue;
      Counts& c = candidates.at(first(w, l));
      if (c.noun_like && !explains(first(w, l), right)) c.unexplained += count;
    }
  }
  std::map<std::string, float> lexicon;
  for (const auto& [left, c] : candidates) {
    if (c.noun_like && c.unexplained > 0) lexicon.emplace(left, share(c));
  }
  return lexicon;
}

KoreanAnalyzer::KoreanAnalyzer(const std::map<std::string, float>& lexicon, std::span<const std::string> user_words)
    : lexicon_(lexicon.begin(), lexicon.end()) {
  static std::atomic<std::uint64_t> next_id{1};
  id_ = next_id++;
  for (const std::string& w : user_words) {
    user_words_.insert(w);
    longest_user_word_ = std::max(longest_user_word_, w.size());
  }
}

float KoreanAnalyzer::score(std::string_view left) const {
  const auto it = lexicon_.find(left);
  return it == lexicon_.end() ? 0.0f : it->second;
}

std::string KoreanAnalyzer::content(std::string_view w) const {
  const std::size_t n = syllables(w);
  if (n == 0 || n > kLongestAnalysed) return std::string(w);
  const std::size_t shortest = n > korean::kLongestParticle ? n - korean::kLongestParticle : 1;
  // The user dictionary first: a listed word, or a listed prefix before a particle.
  if (!user_words_.empty()) {
    for (std::size_t l = n; l >= shortest; --l) {
      const std::string_view right = from(w, l);
      if ((right.empty() || korean::is_particle(right)) && user_words_.contains(first(w, l))) return std::string(first(w, l));
    }
  }
  // The corpus's evidence: the split whose left part is most noun-like (longer on a tie).
  std::size_t best = 0;
  float best_score = 0;
  for (std::size_t l = n; l >= shortest; --l) {
    const std::string_view right = from(w, l);
    if (!right.empty() && !(korean::is_particle(right) && korean::attaches(first(w, l), right))) continue;
    if (const float s = score(first(w, l)); s > best_score) best_score = s, best = l;
  }
  if (best > 0) {
    // 주민들 / 고객님 seen with particles: the plural and the honorific are not the noun.
    const std::string_view left = first(w, best);
    if (best >= 3 && (from(left, best - 1) == "들" || from(left, best - 1) == "님")) return std::string(first(w, best - 1));
    return std::string(left);
  }
  // The built-in lists: a long particle, a predicate's ending, a one-syllable particle.
  for (std::size_t l = shortest; l + 2 <= n; ++l) {
    const std::string_view right = from(w, l);
    if (korean::is_particle(right) && korean::attaches(first(w, l), right) && plausible_noun(w, l)) return std::string(first(w, l));
  }
  if (std::string stem = predicate_stem(w); !stem.empty()) return stem;
  if (n >= 2 && korean::is_particle(from(w, n - 1)) && korean::attaches(first(w, n - 1), from(w, n - 1)) && plausible_noun(w, n - 1)) {
    return std::string(first(w, n - 1));
  }
  return std::string(w);
}

void KoreanAnalyzer::tokenize_run(std::string_view run, bool hangul, std::vector<std::string>& tokens) const {
  if (hangul) {
    if (std::string word = content(run); !word.empty()) tokens.push_back(std::move(word));
  } else if (needs_icu(run)) {
    icu_.tokenize(run, tokens);
  } else {
    std::size_t i = 0, characters = 0;
    while (i < run.size()) utf8::next(run, i), ++characters;
    if (characters >= 2) tokens.push_back(lowercase(run));
  }
}

void KoreanAnalyzer::tokenize(std::string_view document, std::vector<std::string>& tokens) const {
  std::string normalized;
  korean::for_each_run(korean::ready_text(document, normalized), [&](std::string_view run, bool hangul, bool after_word) {
    if (!hangul) return tokenize_run(run, false, tokens);
    if (after_word && korean::is_particle(run)) return;  // AI가, 3명이
    // Most eojeols repeat: each thread remembers the content of those it has analysed.
    struct Cache {
      std::uint64_t owner = 0;
      std::unordered_map<std::string, std::string, Hash, std::equal_to<>> contents;
    };
    thread_local Cache cache;
    if (cache.owner != id_ || cache.contents.size() > (1u << 20)) {
      cache.contents.clear();
      cache.owner = id_;
    }
    auto it = cache.contents.find(run);
    if (it == cache.contents.end()) it = cache.contents.emplace(std::string(run), content(run)).first;
    if (!it->second.empty()) tokens.push_back(it->second);
  });
}

void segment_korean(std::span<const std::string> documents, std::span<const std::string> user_words,
                    const std::function<void(std::string_view words)>& on_document) {
  // One read: the runs counted for the lexicon are the documents' runs, each analysed once.
  const korean::CorpusRuns corpus(documents, true);
  const KoreanAnalyzer analyzer(korean::learn_lexicon(corpus.eojeols()), user_words);
  std::vector<std::string> words_of(corpus.size());
  std::vector<bool> particle(corpus.size());  // a Hangul run that is a particle alone
  std::vector<std::string> tokens;
  for (std::size_t id = 0; id < corpus.size(); ++id) {
    const korean::CorpusRuns::Run& run = corpus.run(id);
    tokens.clear();
    analyzer.tokenize_run(run.text, run.hangul, tokens);
    for (const std::string& t : tokens) (words_of[id] += words_of[id].empty() ? "" : " ") += t;
    particle[id] = run.hangul && korean::is_particle(run.text);
  }
  std::string line;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    line.clear();
    for (const std::uint32_t entry : corpus.document(i)) {
      const std::uint32_t id = entry / 2;
      if (words_of[id].empty() || (entry % 2 == 1 && particle[id])) continue;  // AI가, 3명이
      (line += line.empty() ? "" : " ") += words_of[id];
    }
    on_document(line);
  }
}

}  // namespace topica
