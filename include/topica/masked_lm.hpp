// Fill-mask with a masked-language-model checkpoint (BertForMaskedLM, RobertaForMaskedLM,
// XLMRobertaForMaskedLM saved as safetensors): what transformers' fill-mask pipeline gives, the
// most likely tokens for each mask token of a text, with their softmax probabilities.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "topica/encoder.hpp"
#include "topica/matrix.hpp"

namespace topica {

/// One candidate for one mask.
struct MaskFill {
  std::int32_t id = 0;
  std::string token;     ///< the vocabulary string ("##ing", "Ġcapital")
  double probability = 0;
  /// The input text with this mask replaced by the token's text (WordPiece "##" and the byte-level
  /// / sentencepiece space markers undone); the other masks are left in place.
  std::string sequence;
};

/// The candidates for the mask token at `position` (its index in the encoding), best first.
struct MaskPredictions {
  std::size_t position = 0;
  std::vector<MaskFill> top;
};

class MaskedLanguageModel {
 public:
  /// Loads a model folder as SentenceEncoder::load does, plus the masked-LM head. Throws
  /// InputError naming model.safetensors when it holds no head, and naming the tokenizer when it
  /// has no mask token ([MASK] or <mask>).
  static MaskedLanguageModel load(const std::filesystem::path& folder);

  /// Every mask token of `text` (after truncation to the model's length) with its `top_k` most
  /// likely tokens. Throws InputError when the text holds no mask token.
  std::vector<MaskPredictions> fill(std::string_view text, std::size_t top_k = 5, std::size_t threads = 0) const;

  /// The head's logits (one row of vocab_size per mask token of `text`, in order).
  Matrix<float> mask_logits(std::string_view text, std::size_t threads = 0) const;

  const std::string& mask_token() const;
  std::int32_t mask_id() const;
  const SentenceEncoder& encoder() const;

  struct Model;  ///< internal: the encoder, the head and the mask token

 private:
  explicit MaskedLanguageModel(std::shared_ptr<const Model> model);
  std::shared_ptr<const Model> model_;
};

}  // namespace topica
