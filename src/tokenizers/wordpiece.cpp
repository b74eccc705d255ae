#include "tokenizers/wordpiece.hpp"

#include "tokenizers/unicode_classes.hpp"
#include "topica/error.hpp"

namespace topica::tokenizers {

WordPiece::WordPiece(std::unordered_map<std::string, std::int32_t> vocab, WordPieceOptions options,
                     const std::string& source)
    : vocab_(std::move(vocab)), options_(std::move(options)) {
  const auto unk = vocab_.find(options_.unk_token);
  if (unk == vocab_.end()) {
    throw InputError(source + ": model.unk_token: \"" + options_.unk_token + "\" is not in the vocabulary");
  }
  unk_id_ = unk->second;
  for (const auto& [token, id] : vocab_) tokens_.emplace(id, token);
}

void WordPiece::tokenize(const NormalizedText& word, std::vector<Token>& out) const {
  const Token unknown{unk_id_, options_.unk_token, word.original({0, static_cast<std::uint32_t>(word.size())})};
  if (word.size() > options_.max_input_chars_per_word) {
    out.push_back(unknown);
    return;
  }
  // The word in UTF-8 with the byte position of each character, so candidates are substrings.
  std::string utf8;
  std::vector<std::size_t> at;
  for (char32_t c : word.chars) {
    at.push_back(utf8.size());
    append_utf8(c, utf8);
  }
  at.push_back(utf8.size());

  const std::size_t first = out.size();
  std::string candidate;
  std::size_t start = 0;
  const std::size_t n = word.size();
  while (start < n) {
    // The longest vocabulary piece starting at `start`.
    std::size_t end = n;
    const std::int32_t* found = nullptr;
    for (; end > start; --end) {
      candidate.clear();
      if (start > 0) candidate = options_.continuing_subword_prefix;
      candidate.append(utf8, at[start], at[end] - at[start]);
      const auto it = vocab_.find(candidate);
      if (it != vocab_.end()) {
        found = &it->second;
        break;
      }
    }
    if (found == nullptr) {
      // Any uncovered rest makes the whole word unknown.
      out.resize(first);
      out.push_back(unknown);
      return;
    }
    out.push_back({*found, candidate, word.original({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)})});
    start = end;
  }
}

std::optional<std::int32_t> WordPiece::token_to_id(std::string_view token) const {
  const auto it = vocab_.find(std::string(token));
  if (it == vocab_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> WordPiece::id_to_token(std::int32_t id) const {
  const auto it = tokens_.find(id);
  if (it == tokens_.end()) return std::nullopt;
  return it->second;
}

}  // namespace topica::tokenizers
