// Hugging Face tokenizers, read from a model's `tokenizer.json` (or a bare BERT `vocab.txt`),
// giving the ids, type ids, tokens and offsets that the Rust `tokenizers` crate (0.22) gives for
// `Tokenizer::encode_char_offsets(input, add_special_tokens)`: added tokens are split off the raw
// text, the rest is normalized, pre-tokenized and run through the model, then truncated, wrapped
// in the post-processor's special tokens and padded. Supported pieces: WordPiece with
// BertNormalizer / BertPreTokenizer and TemplateProcessing / BertProcessing (the BERT family:
// bert-base, MiniLM, KR-BERT), byte-level BPE with the ByteLevel pre-tokenizer and
// RobertaProcessing (RoBERTa), and sentencepiece-style Unigram with the Precompiled charsmap
// normalizer, WhitespaceSplit / Metaspace pre-tokenizers (alone or in a Sequence) and
// TemplateProcessing (T5). Anything else in a tokenizer.json is refused at load, naming the
// field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace topica {

/// One encoded input, as the HF `Encoding`: one entry per token in every vector.
struct Encoding {
  std::vector<std::int32_t> ids;
  std::vector<std::int32_t> type_ids;           ///< 0 for the first sequence, 1 for the second
  std::vector<std::string> tokens;              ///< vocabulary strings ("##ing", "[CLS]")
  /// [begin, end) in Unicode code points of the token's own input text (not bytes, not UTF-16
  /// units); special tokens and padding have [0, 0].
  std::vector<std::pair<std::size_t, std::size_t>> offsets;
  std::vector<std::int32_t> attention_mask;     ///< 0 on padding
  std::vector<std::int32_t> special_tokens_mask;  ///< 1 on the post-processor's tokens and padding
  /// Which input each token came from: 0, 1, or -1 for special tokens and padding.
  std::vector<std::int32_t> sequence_ids;

  std::size_t size() const { return ids.size(); }
};

/// HF `TruncationParams` with stride 0 (no overflowing pieces are kept). Where the crate reports
/// an error (OnlySecond without a second sequence, or a chosen sequence too short to take the
/// whole cut), this cuts what it can instead, so one odd input does not stop a batch.
struct TruncationOptions {
  enum class Strategy { LongestFirst, OnlyFirst, OnlySecond };
  enum class Direction { Right, Left };
  std::size_t max_length = 512;                 ///< counts the special tokens, as HF does
  Strategy strategy = Strategy::LongestFirst;   ///< HF default
  Direction direction = Direction::Right;       ///< HF default
};

/// HF `PaddingParams`.
struct PaddingOptions {
  enum class Direction { Right, Left };
  /// Pad every encoding to this length; unset: to the longest in the batch (HF BatchLongest).
  std::optional<std::size_t> fixed_length;
  Direction direction = Direction::Right;
  std::size_t pad_to_multiple_of = 0;           ///< 0: no rounding
  std::int32_t pad_id = 0;
  std::int32_t pad_type_id = 0;
  std::string pad_token = "[PAD]";
};

class Tokenizer {
 public:
  /// Loads `path`: a `tokenizer.json`, a `vocab.txt` (BERT defaults; `do_lower_case` and the
  /// special token names come from a `tokenizer_config.json` beside it when there is one), or a
  /// model folder holding one of them (tokenizer.json preferred). The truncation and padding
  /// sections of tokenizer.json are honoured. Throws InputError naming the file and the field
  /// for a missing file, malformed JSON or an unsupported component.
  static Tokenizer load(const std::filesystem::path& path);
  /// Parses tokenizer.json text; `source` names it in error messages.
  static Tokenizer from_json(std::string_view json, const std::string& source);

  /// Encodes one text (UTF-8; ill-formed bytes are read as U+FFFD, one per maximal ill-formed
  /// subsequence, and offsets count those replacement characters).
  /// @param add_special_tokens false leaves out the post-processor's [CLS]/[SEP].
  Encoding encode(std::string_view text, bool add_special_tokens = true) const;
  /// Encodes a pair (`[CLS] A [SEP] B [SEP]` for BERT, type ids 0 then 1). Offsets of each token
  /// are relative to its own text.
  Encoding encode_pair(std::string_view first, std::string_view second, bool add_special_tokens = true) const;
  /// Encodes each text; with padding set, BatchLongest pads to the longest in this batch.
  std::vector<Encoding> encode_batch(std::span<const std::string> texts, bool add_special_tokens = true) const;

  /// Truncates encodings to `max_length` tokens, special tokens included (HF enable_truncation).
  void set_truncation(std::size_t max_length) { set_truncation(TruncationOptions{max_length}); }
  void set_truncation(std::optional<TruncationOptions> options) { truncation_ = options; }
  void set_padding(std::optional<PaddingOptions> options) { padding_ = std::move(options); }
  const std::optional<TruncationOptions>& truncation() const { return truncation_; }
  const std::optional<PaddingOptions>& padding() const { return padding_; }

  /// The id of a vocabulary or added token.
  std::optional<std::int32_t> token_to_id(std::string_view token) const;
  /// The token of an id, or nullopt when no token has it.
  std::optional<std::string> id_to_token(std::int32_t id) const;
  /// The number of ids: vocabulary plus added tokens outside it.
  std::size_t vocab_size() const;
  /// Whether `id` is an added token marked special ([CLS], [UNK], <mask>, ...).
  bool is_special(std::int32_t id) const;

  /// The pipeline itself (internal; shared between copies, which are cheap).
  struct Pipeline;

 private:
  explicit Tokenizer(std::shared_ptr<const Pipeline> pipeline);
  Encoding finish(Encoding first, std::optional<Encoding> second, bool add_special_tokens) const;

  std::shared_ptr<const Pipeline> pipeline_;
  std::optional<TruncationOptions> truncation_;
  std::optional<PaddingOptions> padding_;
};

}  // namespace topica
