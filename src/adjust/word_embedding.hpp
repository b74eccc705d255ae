// One vector per word from a transformer: the inputs of a synonym group's combined vector
// (adjust) and of nearest-neighbour suggestions. Internal to libtopica.
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "topica/encoder.hpp"
#include "topica/matrix.hpp"

namespace topica::adjust {

/// Per word: the mean of the last hidden state over its sub-tokens, the word encoded alone with
/// its special tokens ([CLS] 대일 ##밴드 [SEP] -> mean of the rows of 대일 and ##밴드). Throws
/// InputError naming the word when it gives no token but special ones.
Matrix<float> contextual_word_embeddings(const SentenceEncoder& encoder, std::span<const std::string> words,
                                         std::size_t threads);

/// Per word: the mean of the rows of `table` (vocab x width) of its sub-tokens, as
/// tokenizer.encode(word, add_special_tokens=False) gives them ([UNK] included). Throws InputError naming the word when it gives no token.
Matrix<float> input_word_embeddings(const Tokenizer& tokenizer, std::span<const float> table, std::size_t width,
                                    std::span<const std::string> words);

}  // namespace topica::adjust
