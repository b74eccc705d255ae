#include "adjust/word_embedding.hpp"

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica::adjust {

Matrix<float> contextual_word_embeddings(const SentenceEncoder& encoder, std::span<const std::string> words,
                                         std::size_t threads) {
  const std::vector<Matrix<float>> hidden = encoder.token_embeddings(words, 32, threads);
  const std::size_t width = encoder.config().hidden_size;
  Matrix<float> out(words.size(), width);
  for (std::size_t w = 0; w < words.size(); ++w) {
    // token_embeddings encodes exactly as the tokenizer does, so the special-token mask lines up.
    const Encoding e = encoder.tokenizer().encode(words[w]);
    std::vector<double> sum(width, 0.0);
    std::size_t n = 0;
    for (std::size_t t = 0; t < e.size() && t < hidden[w].rows; ++t) {
      if (e.special_tokens_mask[t]) continue;
      for (std::size_t d = 0; d < width; ++d) sum[d] += hidden[w].row(t)[d];
      ++n;
    }
    if (n == 0) throw InputError(fmt::format("word '{}': the tokenizer gives no token for it", words[w]));
    for (std::size_t d = 0; d < width; ++d) out.row(w)[d] = static_cast<float>(sum[d] / static_cast<double>(n));
  }
  return out;
}

Matrix<float> input_word_embeddings(const Tokenizer& tokenizer, std::span<const float> table, std::size_t width,
                                    std::span<const std::string> words) {
  const std::size_t vocab = table.size() / width;
  Matrix<float> out(words.size(), width);
  for (std::size_t w = 0; w < words.size(); ++w) {
    const Encoding e = tokenizer.encode(words[w], false);
    if (e.size() == 0) throw InputError(fmt::format("word '{}': the tokenizer gives no token for it", words[w]));
    std::vector<double> sum(width, 0.0);
    for (std::int32_t id : e.ids) {
      if (id < 0 || static_cast<std::size_t>(id) >= vocab) {
        throw InputError(fmt::format("word '{}': token id {} is outside the embedding table ({} rows)", words[w], id, vocab));
      }
      for (std::size_t d = 0; d < width; ++d) sum[d] += table[static_cast<std::size_t>(id) * width + d];
    }
    for (std::size_t d = 0; d < width; ++d) out.row(w)[d] = static_cast<float>(sum[d] / static_cast<double>(e.size()));
  }
  return out;
}

}  // namespace topica::adjust
