#include "tokenizers/added_vocabulary.hpp"

#include <algorithm>

#include "tokenizers/unicode_classes.hpp"

namespace topica::tokenizers {

void AddedVocabulary::add(const AddedToken& token, const Normalizer* normalizer) {
  // A later entry with the same content replaces the earlier one, as in the crate.
  const auto same = std::find_if(tokens_.begin(), tokens_.end(), [&](const AddedToken& t) { return t.content == token.content; });
  if (same != tokens_.end()) {
    *same = token;
  } else {
    tokens_.push_back(token);
  }
  rebuild(normalizer);
}

void AddedVocabulary::rebuild(const Normalizer* normalizer) {
  raw_.clear();
  normalized_.clear();
  for (std::size_t index = 0; index < tokens_.size(); ++index) {
    const AddedToken& token = tokens_[index];
    if (token.content.empty()) continue;
    Pattern pattern{decode_utf8(token.content), index};
    Patterns* into = &raw_;
    if (token.normalized) {
      into = &normalized_;
      if (normalizer != nullptr) {
        NormalizedText text = NormalizedText::from_original(pattern.text, {0, static_cast<std::uint32_t>(pattern.text.size())});
        normalizer->normalize(text);
        pattern.text = text.chars;
      }
      if (pattern.text.empty()) continue;
    }
    (*into)[pattern.text.front()].push_back(std::move(pattern));
  }
  for (Patterns* patterns : {&raw_, &normalized_}) {
    for (auto& [first, list] : *patterns) {
      std::stable_sort(list.begin(), list.end(), [](const Pattern& a, const Pattern& b) { return a.text.size() > b.text.size(); });
    }
  }
}

std::vector<Piece> AddedVocabulary::split(const Patterns& patterns, const std::u32string& text, Span range) const {
  std::vector<Piece> pieces;
  std::uint32_t done = range.begin;  // everything before this is already in `pieces`
  std::uint32_t i = range.begin;
  while (i < range.end) {
    const auto candidates = patterns.find(text[i]);
    const Pattern* match = nullptr;
    if (candidates != patterns.end()) {
      for (const Pattern& p : candidates->second) {
        if (p.text.size() <= range.end - i && std::equal(p.text.begin(), p.text.end(), text.begin() + i)) {
          match = &p;
          break;
        }
      }
    }
    if (match == nullptr) {
      ++i;
      continue;
    }
    std::uint32_t start = i;
    std::uint32_t stop = i + static_cast<std::uint32_t>(match->text.size());
    i = stop;  // the automaton resumes after a match even when the match is then refused
    const AddedToken& token = tokens_[match->token];
    if (token.single_word) {
      const bool word_before = start > range.begin && is_word_char(text[start - 1]);
      const bool word_after = stop < range.end && is_word_char(text[stop]);
      if (word_before || word_after) continue;
    }
    if (token.lstrip) {
      while (start > done && is_white_space(text[start - 1])) --start;
    }
    if (token.rstrip) {
      while (stop < range.end && is_white_space(text[stop])) ++stop;
      i = stop;
    }
    if (done < start) pieces.push_back({{done, start}, std::nullopt});
    pieces.push_back({{start, stop}, token.id});
    done = stop;
  }
  if (done < range.end) pieces.push_back({{done, range.end}, std::nullopt});
  return pieces;
}

std::optional<std::int32_t> AddedVocabulary::token_to_id(std::string_view content) const {
  for (const AddedToken& token : tokens_) {
    if (token.content == content) return token.id;
  }
  return std::nullopt;
}

std::optional<std::string> AddedVocabulary::id_to_token(std::int32_t id) const {
  for (const AddedToken& token : tokens_) {
    if (token.id == id) return token.content;
  }
  return std::nullopt;
}

}  // namespace topica::tokenizers
