// Analyzers turn a document into the tokens a vectorizer counts. The default is scikit-learn's
// CountVectorizer analyzer; language-specific ones (Korean particles, ICU word segmentation)
// implement the same interface and plug into the vectorizer.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace topica {

class Analyzer {
 public:
  virtual ~Analyzer() = default;
  /// Appends the tokens of `document` to `tokens`, in document order.
  virtual void tokenize(std::string_view document, std::vector<std::string>& tokens) const = 0;
};

/// scikit-learn's default word analyzer: Python's str.lower() (full Unicode lowercasing, final
/// sigma included) when `lowercase`, then the token pattern (?u)\b\w\w+\b — maximal runs of two
/// or more "word" characters, where a word character is a Unicode letter (L*), number (N*) or
/// '_', as in Python's re module. Letters of every script are kept (Hangul, accents).
class RegexWordAnalyzer final : public Analyzer {
 public:
  explicit RegexWordAnalyzer(bool lowercase = true) : lowercase_(lowercase) {}
  void tokenize(std::string_view document, std::vector<std::string>& tokens) const override;

 private:
  bool lowercase_;
};

/// Word segmentation by ICU's word break iterator (root locale): dictionary-based for Chinese,
/// Japanese and Thai, which have no spaces between words. Word segments (letters, numbers,
/// ideographs, kana) are kept, lowercased; punctuation and spaces are not.
class IcuWordAnalyzer final : public Analyzer {
 public:
  void tokenize(std::string_view document, std::vector<std::string>& tokens) const override;
};

/// Which analyzer a vectorizer uses, as saved in a model's options. `language` is resolved:
/// "none" (RegexWordAnalyzer, scikit-learn's), "ko" (KoreanAnalyzer) or "icu" (IcuWordAnalyzer).
struct AnalyzerSettings {
  std::string language = "none";
  std::vector<std::string> user_words;     ///< ko: --user-dict words, kept whole
  std::map<std::string, float> lexicon;    ///< ko: noun scores learned from the fitted corpus
  /// --synonyms: member word -> its concept; the analyzer's words are rewritten to their concept
  /// (after lowercasing, when the vectorizer lowercases), so all members count as one term.
  std::map<std::string, std::string> concepts;
  bool operator==(const AnalyzerSettings&) const = default;
};

/// The analyzer `settings` describe (wrapped to rewrite synonyms to their concept when
/// settings.concepts is not empty).
std::shared_ptr<const Analyzer> make_analyzer(const AnalyzerSettings& settings, bool lowercase = true);

/// Resolves a --language value (auto, ko, en, none) for `documents`: auto picks by script share
/// (Hangul: ko; Han, kana, Thai: icu; otherwise none, the plain analyzer); en is none. For ko,
/// learns the lexicon from `documents` and adds `user_words`. Throws UsageError for another value.
AnalyzerSettings choose_analyzer(const std::string& language, const std::vector<std::string>& documents,
                                 std::vector<std::string> user_words = {});

/// The analyzer language --language auto picks for `documents`: "ko", "icu" or "none".
std::string detect_language(const std::vector<std::string>& documents);

/// Words from a UTF-8 file, one per line (blank lines and lines starting with # skipped,
/// NFC-normalized). Throws InputError naming the file when it cannot be read or is not UTF-8.
std::vector<std::string> read_word_list(const std::string& path);

/// Python's str.lower() of UTF-8 text.
std::string lowercase(std::string_view text);

/// Whether Python's re module counts the code point as \w (str patterns).
bool is_word_character(char32_t c);

/// scikit-learn's English stop-word list (ENGLISH_STOP_WORDS).
const std::unordered_set<std::string>& english_stop_words();

/// topica's Korean stop words (src/text/korean_stop_words.txt): particles, endings, function
/// nouns and predicate stems, in the forms both analyzers produce.
const std::unordered_set<std::string>& korean_stop_words();

}  // namespace topica
