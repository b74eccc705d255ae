// HF `Unigram` model (sentencepiece unigram, e.g. T5): every piece has a log-probability score and
// a word is cut by Viterbi into the pieces with the highest total score. A character no piece
// starts with becomes the unknown piece, scored 10 below the lowest piece, and runs of unknown
// pieces are fused into one token that keeps the surface text. Internal to libtopica.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tokenizers/components.hpp"

namespace topica::tokenizers {

class Unigram final : public Model {
 public:
  /// `pieces` in id order. InputError naming `source` for an empty vocabulary or an unk_id
  /// outside it.
  Unigram(std::vector<std::pair<std::string, double>> pieces, std::optional<std::int32_t> unk_id, bool byte_fallback,
          const std::string& source);

  void tokenize(const NormalizedText& word, std::vector<Token>& out) const override;
  std::optional<std::int32_t> token_to_id(std::string_view token) const override;
  std::optional<std::string> id_to_token(std::int32_t id) const override;
  std::size_t vocab_size() const override { return pieces_.size(); }

  /// The pieces (as byte lengths) that start `text`, shortest first, with their ids.
  std::vector<std::pair<std::size_t, std::int32_t>> prefixes(std::string_view text) const;

 private:
  /// The pieces of `text` (UTF-8) as the crate's optimized Viterbi picks them, unknown runs fused.
  std::vector<std::pair<std::size_t, std::size_t>> viterbi(std::string_view text) const;

  std::vector<std::pair<std::string, double>> pieces_;
  /// A later duplicate piece wins, as in the crate's HashMap.
  std::unordered_map<std::string, std::int32_t> ids_;
  /// Byte trie of the pieces: (node << 8 | byte) → child node; node → id when a piece ends there.
  std::unordered_map<std::uint64_t, std::uint32_t> children_;
  std::unordered_map<std::uint32_t, std::int32_t> ends_;
  std::optional<std::int32_t> unk_id_;
  bool byte_fallback_ = false;
  double unk_score_ = 0;
  std::string source_;
};

}  // namespace topica::tokenizers
