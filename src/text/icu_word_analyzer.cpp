#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <memory>

#include <fmt/format.h>

#include "core/utf8.hpp"
#include "topica/analyzer.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

// One break iterator per thread: creating one loads ICU's dictionaries' state, and an
// iterator is not safe to share between threads.
icu::BreakIterator& word_breaker() {
  thread_local std::unique_ptr<icu::BreakIterator> breaker = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !b) throw Error(fmt::format("ICU word break iterator unavailable ({})", u_errorName(status)));
    return b;
  }();
  return *breaker;
}

}  // namespace

void IcuWordAnalyzer::tokenize(std::string_view document, std::vector<std::string>& tokens) const {
  const std::string valid = utf8::find_invalid(document) == std::string_view::npos ? std::string(document) : utf8::replace_invalid(document);
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(valid);
  icu::BreakIterator& breaker = word_breaker();
  breaker.setText(text);
  int32_t start = breaker.first();
  for (int32_t end = breaker.next(); end != icu::BreakIterator::DONE; start = end, end = breaker.next()) {
    // Rule status UBRK_WORD_NONE (0..99) marks spaces and punctuation.
    if (breaker.getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
    std::string word;
    text.tempSubStringBetween(start, end).toUTF8String(word);
    tokens.push_back(lowercase(word));
  }
}

}  // namespace topica
