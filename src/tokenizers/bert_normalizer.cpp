#include "tokenizers/bert_normalizer.hpp"

#include <algorithm>

#include "tokenizers/unicode_classes.hpp"

namespace topica::tokenizers {
namespace {

// Each step maps every character to zero or more characters that keep its origin.
template <typename Step>
void map_characters(NormalizedText& text, Step step) {
  NormalizedText out;
  out.chars.reserve(text.size());
  out.origin.reserve(text.size());
  std::u32string produced;
  for (std::size_t i = 0; i < text.size(); ++i) {
    produced.clear();
    step(text.chars[i], produced);
    for (char32_t c : produced) out.push(c, text.origin[i]);
  }
  text = std::move(out);
}

// NFD puts runs of combining marks in canonical order; a stable sort by combining class over
// each run of non-starters does that, and each mark keeps its own origin.
void reorder_marks(NormalizedText& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (combining_class(text.chars[i]) == 0) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && combining_class(text.chars[end]) != 0) ++end;
    if (end - i > 1) {
      std::vector<std::pair<char32_t, Span>> run;
      for (std::size_t k = i; k < end; ++k) run.emplace_back(text.chars[k], text.origin[k]);
      std::stable_sort(run.begin(), run.end(),
                       [](const auto& a, const auto& b) { return combining_class(a.first) < combining_class(b.first); });
      for (std::size_t k = i; k < end; ++k) std::tie(text.chars[k], text.origin[k]) = run[k - i];
    }
    i = end;
  }
}

}  // namespace

void BertNormalizer::normalize(NormalizedText& text) const {
  // The crate's order: clean, CJK, strip accents, lowercase.
  if (options_.clean_text) {
    map_characters(text, [](char32_t c, std::u32string& out) {
      if (c == 0 || c == 0xFFFD || is_bert_control(c)) return;
      out.push_back(is_bert_whitespace(c) ? U' ' : c);
    });
  }
  if (options_.handle_chinese_chars) {
    map_characters(text, [](char32_t c, std::u32string& out) {
      if (!is_chinese_char(c)) {
        out.push_back(c);
        return;
      }
      out.push_back(U' ');
      out.push_back(c);
      out.push_back(U' ');
    });
  }
  if (options_.strip_accents.value_or(options_.lowercase)) {
    map_characters(text, [](char32_t c, std::u32string& out) { append_nfd(c, out); });
    reorder_marks(text);
    map_characters(text, [](char32_t c, std::u32string& out) {
      if (!is_nonspacing_mark(c)) out.push_back(c);
    });
  }
  if (options_.lowercase) {
    map_characters(text, [](char32_t c, std::u32string& out) { append_lowercase(c, out); });
  }
}

}  // namespace topica::tokenizers
