#include "topica/corpus_stats.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <cmath>

#include "core/utf8.hpp"

namespace topica {

void LengthHistogram::add(std::uint64_t length) {
  if (length < kDense) {
    ++dense_[length];
  } else {
    ++sparse_[length];
  }
  ++count_;
  sum_ += length;
}

double LengthHistogram::mean() const { return count_ == 0 ? 0.0 : static_cast<double>(sum_ / count_); }

std::uint64_t LengthHistogram::value_at_rank(std::uint64_t rank) const {
  std::uint64_t seen = 0;
  for (std::uint64_t length = 0; length < kDense; ++length) {
    seen += dense_[length];
    if (seen > rank) return length;
  }
  for (const auto& [length, n] : sparse_) {
    seen += n;
    if (seen > rank) return length;
  }
  return 0;  // unreachable for rank < count_
}

double LengthHistogram::percentile(double q) const {
  if (count_ == 0) return 0.0;
  const double position = q / 100.0 * static_cast<double>(count_ - 1);
  const auto lower = static_cast<std::uint64_t>(std::floor(position));
  const auto upper = static_cast<std::uint64_t>(std::ceil(position));
  const double low = static_cast<double>(value_at_rank(lower));
  if (upper == lower) return low;
  const double high = static_cast<double>(value_at_rank(upper));
  return low + (high - low) * (position - static_cast<double>(lower));
}

namespace {

// Python's str.isspace(): Unicode White_Space plus the ASCII information separators 0x1C-0x1F.
bool is_space(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  return u_isUWhiteSpace(static_cast<UChar32>(c));
}

}  // namespace

void CorpusStatsBuilder::add(std::size_t row, std::string_view text) {
  CorpusStats& s = stats_;
  std::uint64_t characters = 0, tokens = 0;
  bool in_token = false;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = utf8::next(text, i);
    ++characters;
    const bool space = is_space(c);
    if (!space && !in_token) ++tokens;
    in_token = !space;
    if (c < 0x80) {  // ASCII fast path: only A-Z and a-z are letters
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        ++s.letters;
        ++s.latin_letters;
      }
      continue;
    }
    if (!u_isUAlphabetic(static_cast<UChar32>(c))) continue;
    ++s.letters;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
    if (script == USCRIPT_HANGUL) {
      ++s.hangul_letters;
    } else if (script == USCRIPT_LATIN) {
      ++s.latin_letters;
    } else {
      ++s.other_letters;
    }
  }
  ++s.documents;
  if (tokens == 0) {
    ++s.empty_documents;
    if (s.first_empty_rows.size() < 10) s.first_empty_rows.push_back(row);
  }
  s.bytes += text.size();
  s.characters += characters;
  s.whitespace_tokens += tokens;
  s.characters_per_document.add(characters);
  s.tokens_per_document.add(tokens);
}

CorpusStats compute_corpus_stats(CorpusReader& reader, bool count_classes) {
  CorpusStatsBuilder builder;
  Document doc;
  while (reader.next(doc)) {
    builder.add(doc.row, doc.text);
    if (count_classes) builder.add_class(doc.label);
  }
  return builder.stats();
}

}  // namespace topica
