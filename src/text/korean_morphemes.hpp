// Built-in Korean function morphemes and the few nouns that look like noun + particle.
// Internal to libtopica; KoreanAnalyzer combines them with statistics learned from the corpus.
#pragma once

#include <string_view>

namespace topica::korean {

/// Hangul syllables are three UTF-8 bytes each: syllable i of an all-Hangul string is at 3 i.
inline constexpr std::size_t kSyllableBytes = 3;

/// Eojeols longer than this, in syllables, are not words (URLs, runs of laughter): kept whole,
/// unanalysed, so a 100,000-syllable line costs no more than reading it.
inline constexpr std::size_t kLongestAnalysed = 40;

/// Particles (josa), their common combinations, the copula's endings and plural 들 + particle,
/// as they follow a noun: 을, 에서, 에서는, 이었다, 들에게 ...
bool is_particle(std::string_view suffix);
/// The longest particle, in syllables.
inline constexpr std::size_t kLongestParticle = 4;

/// Endings after a predicate stem (했|다, 하|는, 됐|으며, 합|니다 ...), "" included.
bool is_ending(std::string_view suffix);
inline constexpr std::size_t kLongestEnding = 3;

/// Particles that, after a two-syllable word, split it even without corpus evidence: few
/// nouns end in them (마을, 가을 and the like are listed as particle-like nouns).
inline bool splits_two_syllables(std::string_view particle) {
  return particle == "을" || particle == "를" || particle == "에" || particle == "은" || particle == "과" || particle == "와";
}

/// Whether `particle` may follow `left` by Korean's allomorph rules: 을 이 은 과 으로 and 이다 forms
/// after a final consonant, 를 가 는 와 였 예 after a vowel, 로 after a vowel or ㄹ.
bool attaches(std::string_view left, std::string_view particle);

/// One-syllable nouns common enough to split without corpus evidence (집이 → 집, 돈을 → 돈);
/// other one-syllable prefixes need the corpus or the user dictionary.
bool is_one_syllable_noun(std::string_view syllable);

/// Two-syllable nouns whose last syllable is also a particle (결과, 합의, 증가, 회의): a
/// compound ending in one (정상회의) is not split there without corpus evidence.
bool is_particle_like_noun(std::string_view two_syllables);

/// Endings after a consonant-final stem that no noun takes: 다, 다고, 지만, 아서, 어요, 으며 ...
bool is_consonant_ending(std::string_view suffix);
/// Endings that also follow nouns as particles or syllables (고, 은, 게, 기): read as endings
/// only after a final no Sino-Korean syllable has (좋은, 넓고, 싶게).
bool is_native_stem_ending(std::string_view suffix);
/// Syllables before 웠 that make a regular 우 stem (배웠다 → 배우), not an ㅂ irregular one.
bool is_u_stem(std::string_view syllable);

/// Nouns X of one syllable that form function-like 하다 verbs kept as X하 (위해 → 위하).
bool is_light_verb_root(std::string_view syllable);

}  // namespace topica::korean
