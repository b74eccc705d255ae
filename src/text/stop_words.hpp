// Stop-word lists. Internal to libtopica.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace topica::detail {

/// scikit-learn's ENGLISH_STOP_WORDS (318 words), generated at build time from the installed
/// package (cmake/english_stop_words.cmake).
const std::vector<std::string_view>& english_stop_word_list();

/// topica's Korean stop words, generated at build time from src/text/korean_stop_words.txt
/// (cmake/korean_stop_words.cmake).
const std::vector<std::string_view>& korean_stop_word_list();

}  // namespace topica::detail
