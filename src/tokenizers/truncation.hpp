// HF truncation and padding of encodings (`truncate_encodings`, `pad_encodings`), stride 0.
// Internal to libtopica.
#pragma once

#include <optional>

#include "topica/tokenizer.hpp"

namespace topica::tokenizers {

/// Cuts `first` (and `second`) so that together they hold at most `max_length` tokens. With two
/// sequences, LongestFirst shortens the longer one first and splits evenly once both must shrink.
void truncate_encodings(Encoding& first, std::optional<Encoding>& second, std::size_t max_length,
                        const TruncationOptions& options);

/// Pads `encoding` to `length` tokens, rounded up to options.pad_to_multiple_of.
void pad_encoding(Encoding& encoding, std::size_t length, const PaddingOptions& options);

}  // namespace topica::tokenizers
