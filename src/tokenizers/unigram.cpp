#include "tokenizers/unigram.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "tokenizers/unicode_classes.hpp"
#include "topica/error.hpp"

namespace topica::tokenizers {
namespace {

constexpr double kUnknownPenalty = 10.0;  // sentencepiece's kUnkPenalty

std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  return 2;
}

}  // namespace

Unigram::Unigram(std::vector<std::pair<std::string, double>> pieces, std::optional<std::int32_t> unk_id, bool byte_fallback,
                 const std::string& source)
    : pieces_(std::move(pieces)), unk_id_(unk_id), byte_fallback_(byte_fallback), source_(source) {
  if (unk_id_) {
    if (pieces_.empty()) throw InputError(source + ": model.vocab: empty, but unk_id is set");
    if (*unk_id_ < 0 || static_cast<std::size_t>(*unk_id_) >= pieces_.size()) {
      throw InputError(source + ": model.unk_id: " + std::to_string(*unk_id_) + " is outside the " + std::to_string(pieces_.size()) + "-piece vocabulary");
    }
  }
  double min_score = std::numeric_limits<double>::infinity();
  std::uint32_t nodes = 1;
  for (std::size_t id = 0; id < pieces_.size(); ++id) {
    const auto& [piece, score] = pieces_[id];
    ids_[piece] = static_cast<std::int32_t>(id);
    min_score = std::min(min_score, score);
    std::uint32_t node = 0;
    for (char ch : piece) {
      const std::uint64_t key = static_cast<std::uint64_t>(node) << 8 | static_cast<unsigned char>(ch);
      const auto [it, inserted] = children_.emplace(key, nodes);
      if (inserted) ++nodes;
      node = it->second;
    }
    if (!piece.empty()) ends_[node] = ids_[piece];
  }
  unk_score_ = min_score - kUnknownPenalty;
}

std::vector<std::pair<std::size_t, std::int32_t>> Unigram::prefixes(std::string_view text) const {
  std::vector<std::pair<std::size_t, std::int32_t>> out;
  std::uint32_t node = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto it = children_.find(static_cast<std::uint64_t>(node) << 8 | static_cast<unsigned char>(text[i]));
    if (it == children_.end()) break;
    node = it->second;
    if (const auto end = ends_.find(node); end != ends_.end()) out.emplace_back(i + 1, end->second);
  }
  return out;
}

std::vector<std::pair<std::size_t, std::size_t>> Unigram::viterbi(std::string_view text) const {
  struct Node {
    std::int32_t id = 0;
    double score = 0;
    std::optional<std::size_t> starts_at;  ///< unset: nothing reaches this byte yet
  };
  std::vector<Node> best(text.size() + 1);
  // Candidates win only with a strictly higher score, so among equals the shortest piece
  // (found first) stays, as in the crate.
  const auto offer = [&](std::size_t start, std::size_t end, std::int32_t id, double score) {
    Node& node = best[end];
    const double total = score + best[start].score;
    if (!node.starts_at || total > node.score) node = {id, total, start};
  };
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t char_length = std::min(utf8_length(static_cast<unsigned char>(text[start])), text.size() - start);
    bool single_char_piece = false;
    for (const auto& [length, id] : prefixes(text.substr(start))) {
      offer(start, start + length, id, pieces_[static_cast<std::size_t>(id)].second);
      if (length == char_length) single_char_piece = true;
    }
    if (!single_char_piece) {
      if (!unk_id_) throw InputError(source_ + ": model.unk_id: unset, and \"" + std::string(text) + "\" has a character no piece covers");
      offer(start, start + char_length, *unk_id_, unk_score_);
    }
    start += char_length;
  }
  // Back from the end; consecutive unknown pieces become one span.
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  bool previous_unknown = false;
  for (std::size_t end = text.size(); end > 0;) {
    const Node& node = best[end];
    const std::size_t start = *node.starts_at;
    const bool unknown = unk_id_ && node.id == *unk_id_;
    if (unknown && previous_unknown) {
      spans.back().first = start;
    } else {
      spans.emplace_back(start, end);
    }
    previous_unknown = unknown;
    end = start;
  }
  std::reverse(spans.begin(), spans.end());
  return spans;
}

void Unigram::tokenize(const NormalizedText& word, std::vector<Token>& out) const {
  if (word.size() == 0) return;
  const std::string text = encode_utf8(word.chars);
  // Byte offset → character index, for the offsets.
  std::vector<std::uint32_t> char_at(text.size() + 1, 0);
  for (std::uint32_t i = 0, at = 0; i < word.size(); ++i) {
    char_at[at] = i;
    std::string bytes;
    append_utf8(word.chars[i], bytes);
    at += static_cast<std::uint32_t>(bytes.size());
    char_at[at] = i + 1;
  }
  for (const auto& [begin, end] : viterbi(text)) {
    std::string piece = text.substr(begin, end - begin);
    const Span offsets = word.original({char_at[begin], char_at[end]});
    // A fused unknown run that happens to be a piece gets that piece's id, as in the crate.
    if (const auto it = ids_.find(piece); it != ids_.end()) {
      out.push_back({it->second, std::move(piece), offsets});
      continue;
    }
    if (byte_fallback_) {
      std::vector<Token> bytes;
      for (char b : piece) {
        char name[8];
        std::snprintf(name, sizeof name, "<0x%02X>", static_cast<unsigned>(static_cast<unsigned char>(b)));
        const auto it = ids_.find(name);
        if (it == ids_.end()) break;
        bytes.push_back({it->second, name, offsets});
      }
      if (bytes.size() == piece.size()) {
        out.insert(out.end(), bytes.begin(), bytes.end());
        continue;
      }
    }
    if (!unk_id_) throw InputError(source_ + ": model.unk_id: unset, and \"" + piece + "\" is not a piece");
    out.push_back({*unk_id_, std::move(piece), offsets});
  }
}

std::optional<std::int32_t> Unigram::token_to_id(std::string_view token) const {
  const auto it = ids_.find(std::string(token));
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Unigram::id_to_token(std::int32_t id) const {
  if (id < 0 || static_cast<std::size_t>(id) >= pieces_.size()) return std::nullopt;
  return pieces_[static_cast<std::size_t>(id)].first;
}

}  // namespace topica::tokenizers
