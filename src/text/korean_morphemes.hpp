// Built-in Korean function morphemes and the few nouns that look like noun + particle.
// Internal to libtopica; KoreanAnalyzer combines them with statistics learned from the corpus.
#pragma once

#include <string_view>

namespace topica::korean {

/// Hangul syllables are three UTF-8 bytes each: syllable i of an all-Hangul string is at 3 i.
inline constexpr std::size_t kSyllableBytes = 3;

/// Particles (josa), their common combinations, the copula's endings and plural 들 + particle,
/// as they follow a noun: 을, 에서, 에서는, 이었다, 들에게 ...
bool is_particle(std::string_view suffix);
/// The longest particle, in syllables.
inline constexpr std::size_t kLongestParticle = 4;

/// Endings after a predicate stem (했|다, 하|는, 됐|으며, 합|니다 ...), "" included.
bool is_ending(std::string_view suffix);
inline constexpr std::size_t kLongestEnding = 3;

/// One-syllable nouns common enough to split without corpus evidence (집이 → 집, 돈을 → 돈);
/// other one-syllable prefixes need the corpus or the user dictionary.
bool is_one_syllable_noun(std::string_view syllable);

/// Two-syllable nouns whose last syllable is also a particle (결과, 합의, 증가, 회의): a
/// compound ending in one (정상회의) is not split there without corpus evidence.
bool is_particle_like_noun(std::string_view two_syllables);

/// Nouns X of one syllable that form function-like 하다 verbs kept as X하 (위해 → 위하).
bool is_light_verb_root(std::string_view syllable);

}  // namespace topica::korean
