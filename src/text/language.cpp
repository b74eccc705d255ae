// Choosing the analyzer for a corpus: --language auto|ko|en|none.
#include <fstream>

#include <fmt/format.h>

#include "core/utf8.hpp"
#include "text/concept_analyzer.hpp"
#include "topica/analyzer.hpp"
#include "topica/error.hpp"
#include "topica/korean_analyzer.hpp"
#include "topica/text_normalizer.hpp"

namespace topica {
namespace {

enum class Script { Hangul, Spaceless, Other };

Script script_of(char32_t c) {
  if ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F)) return Script::Hangul;
  if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
      (c >= 0x0E00 && c <= 0x0EFF) || (c >= 0x1000 && c <= 0x109F) || (c >= 0x1780 && c <= 0x17FF) ||
      (c >= 0x20000 && c <= 0x2FFFF)) {
    return Script::Spaceless;
  }
  return Script::Other;
}

}  // namespace

// The script share of the corpus's letters, over at most the first ~4 MB: enough to decide,
// and a 100 MB corpus is not read twice.
std::string detect_language(const std::vector<std::string>& documents) {
  std::size_t counts[3] = {0, 0, 0}, bytes = 0;
  for (const std::string& doc : documents) {
    const std::string valid = utf8::find_invalid(doc) == std::string::npos ? doc : utf8::replace_invalid(doc);
    for (std::size_t i = 0; i < valid.size();) {
      const char32_t c = utf8::next(valid, i);
      if (is_word_character(c) || (c >= 0x3130 && c <= 0x318F)) ++counts[static_cast<int>(script_of(c))];
    }
    if ((bytes += doc.size()) > (4u << 20)) break;
  }
  const double letters = static_cast<double>(counts[0] + counts[1] + counts[2]);
  if (letters == 0) return "none";
  if (counts[0] / letters >= 0.3) return "ko";
  if (counts[1] / letters >= 0.3) return "icu";
  return "none";
}

namespace {

std::shared_ptr<const Analyzer> make_word_analyzer(const AnalyzerSettings& settings, bool lowercase) {
  if (settings.language == "none") return std::make_shared<RegexWordAnalyzer>(lowercase);
  if (settings.language == "icu") return std::make_shared<IcuWordAnalyzer>();
  if (settings.language == "ko") return std::make_shared<KoreanAnalyzer>(settings.lexicon, settings.user_words);
  throw InputError(fmt::format("analyzer language '{}': expected none, ko or icu", settings.language));
}

}  // namespace

std::shared_ptr<const Analyzer> make_analyzer(const AnalyzerSettings& settings, bool lowercase) {
  std::shared_ptr<const Analyzer> words = make_word_analyzer(settings, lowercase);
  if (settings.concepts.empty()) return words;
  // Every analyzer but scikit-learn's without lowercasing gives lowercase words.
  return std::make_shared<ConceptAnalyzer>(std::move(words), settings.concepts, lowercase || settings.language != "none");
}

AnalyzerSettings choose_analyzer(const std::string& language, const std::vector<std::string>& documents,
                                 std::vector<std::string> user_words) {
  AnalyzerSettings s;
  if (language == "auto") {
    s.language = detect_language(documents);
  } else if (language == "ko") {
    s.language = "ko";
  } else if (language != "en" && language != "none") {
    throw UsageError(fmt::format("--language '{}': expected auto, ko, en or none", language));
  }
  if (s.language == "ko") {
    s.lexicon = learn_korean_lexicon(documents);
    s.user_words = std::move(user_words);
  }
  return s;
}

std::vector<std::string> read_word_list(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open", path));
  std::vector<std::string> words;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (const auto bad = utf8::find_invalid(line); bad != std::string::npos) {
      throw InputError(fmt::format("{}: line {}: not UTF-8 (byte {})", path, number, bad + 1));
    }
    std::string word = normalize_text(line);
    if (word.empty() || word.front() == '#') continue;
    if (word.find(' ') != std::string::npos) throw InputError(fmt::format("{}: line {}: '{}' is more than one word", path, number, word));
    words.push_back(lowercase(word));
  }
  return words;
}

}  // namespace topica
