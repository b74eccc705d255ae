// HF `BPE` model: a word starts as one symbol per character and the adjacent pair with the
// lowest merge rank is merged until no listed pair is left (ties: the leftmost first). Used with
// the ByteLevel pre-tokenizer for GPT-2 / RoBERTa, where every byte is in the vocabulary.
// Internal to libtopica.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tokenizers/components.hpp"

namespace topica::tokenizers {

class Bpe final : public Model {
 public:
  /// `merges` in rank order; each pair and its concatenation must be in `vocab` (InputError
  /// naming `source` otherwise).
  Bpe(std::unordered_map<std::string, std::int32_t> vocab, const std::vector<std::pair<std::string, std::string>>& merges,
      std::optional<std::string> unk_token, const std::string& source);

  void tokenize(const NormalizedText& word, std::vector<Token>& out) const override;
  std::optional<std::int32_t> token_to_id(std::string_view token) const override;
  std::optional<std::string> id_to_token(std::int32_t id) const override;
  std::size_t vocab_size() const override { return vocab_.size(); }

 private:
  struct Merge {
    std::size_t rank;
    std::int32_t id;  ///< the merged symbol
  };
  std::unordered_map<std::string, std::int32_t> vocab_;
  std::unordered_map<std::int32_t, std::string> tokens_;
  /// Keyed by the pair's ids, first << 32 | second.
  std::unordered_map<std::uint64_t, Merge> merges_;
  std::optional<std::int32_t> unk_id_;
};

}  // namespace topica::tokenizers
