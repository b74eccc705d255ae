// Analyzers turn a document into the tokens a vectorizer counts. The default is scikit-learn's
// CountVectorizer analyzer; language-specific ones (Korean particles, ICU word segmentation)
// implement the same interface and plug into the vectorizer.
#pragma once

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

/// Python's str.lower() of UTF-8 text.
std::string lowercase(std::string_view text);

/// Whether Python's re module counts the code point as \w (str patterns).
bool is_word_character(char32_t c);

/// scikit-learn's English stop-word list (ENGLISH_STOP_WORDS).
const std::unordered_set<std::string>& english_stop_words();

}  // namespace topica
