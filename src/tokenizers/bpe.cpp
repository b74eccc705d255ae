#include "tokenizers/bpe.hpp"

#include "tokenizers/unicode_classes.hpp"
#include "topica/error.hpp"

namespace topica::tokenizers {
namespace {

std::uint64_t pair_key(std::int32_t first, std::int32_t second) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(first)) << 32) | static_cast<std::uint32_t>(second);
}

}  // namespace

Bpe::Bpe(std::unordered_map<std::string, std::int32_t> vocab, const std::vector<std::pair<std::string, std::string>>& merges,
         std::optional<std::string> unk_token, const std::string& source)
    : vocab_(std::move(vocab)) {
  for (const auto& [token, id] : vocab_) tokens_.emplace(id, token);
  if (unk_token) {
    const auto it = vocab_.find(*unk_token);
    if (it == vocab_.end()) throw InputError(source + ": model.unk_token: \"" + *unk_token + "\" is not in the vocabulary");
    unk_id_ = it->second;
  }
  for (std::size_t rank = 0; rank < merges.size(); ++rank) {
    const auto& [a, b] = merges[rank];
    const auto ia = vocab_.find(a), ib = vocab_.find(b), merged = vocab_.find(a + b);
    if (ia == vocab_.end() || ib == vocab_.end() || merged == vocab_.end()) {
      throw InputError(source + ": model.merges[" + std::to_string(rank) + "]: \"" + a + " " + b + "\" is not in the vocabulary");
    }
    merges_.emplace(pair_key(ia->second, ib->second), Merge{rank, merged->second});
  }
}

void Bpe::tokenize(const NormalizedText& word, std::vector<Token>& out) const {
  struct Symbol {
    std::int32_t id;
    std::uint32_t begin, end;  // characters of `word`
  };
  std::vector<Symbol> symbols;
  std::string text;
  for (std::uint32_t i = 0; i < word.size(); ++i) {
    text.clear();
    append_utf8(word.chars[i], text);
    const auto it = vocab_.find(text);
    if (it != vocab_.end()) {
      symbols.push_back({it->second, i, i + 1});
    } else if (unk_id_) {
      symbols.push_back({*unk_id_, i, i + 1});
    }
    // Without an unknown token the crate drops a character it cannot represent.
  }
  // Words are short (a pre-tokenized piece), so a scan per merge is cheaper than a heap.
  while (symbols.size() > 1) {
    std::size_t best = symbols.size();
    const Merge* best_merge = nullptr;
    for (std::size_t i = 0; i + 1 < symbols.size(); ++i) {
      const auto it = merges_.find(pair_key(symbols[i].id, symbols[i + 1].id));
      if (it != merges_.end() && (best_merge == nullptr || it->second.rank < best_merge->rank)) {
        best = i;
        best_merge = &it->second;
      }
    }
    if (best_merge == nullptr) break;
    symbols[best] = {best_merge->id, symbols[best].begin, symbols[best + 1].end};
    symbols.erase(symbols.begin() + static_cast<std::ptrdiff_t>(best) + 1);
  }
  for (const Symbol& s : symbols) out.push_back({s.id, tokens_.at(s.id), word.original({s.begin, s.end})});
}

std::optional<std::int32_t> Bpe::token_to_id(std::string_view token) const {
  const auto it = vocab_.find(std::string(token));
  if (it == vocab_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Bpe::id_to_token(std::int32_t id) const {
  const auto it = tokens_.find(id);
  if (it == tokens_.end()) return std::nullopt;
  return it->second;
}

}  // namespace topica::tokenizers
