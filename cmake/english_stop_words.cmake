# Generates english_stop_words.cpp from scikit-learn's own list (Debian's python3-sklearn), so
# topica's "english" stop words are exactly CountVectorizer's without copying the list into
# this repository. Usage: cmake -DSOURCE=<_stop_words.py> -DOUTPUT=<file.cpp> -P english_stop_words.cmake
file(READ "${SOURCE}" text)
string(REGEX MATCHALL "\"[a-z]+\"" quoted "${text}")
list(LENGTH quoted count)
if(count LESS 300)
  message(FATAL_ERROR "${SOURCE}: expected scikit-learn's ~318 English stop words, found ${count}")
endif()
list(JOIN quoted ",\n    " body)
file(WRITE "${OUTPUT}.tmp" "// Generated at build time from ${SOURCE}; do not edit.
#include \"text/stop_words.hpp\"

namespace topica::detail {
const std::vector<std::string_view>& english_stop_word_list() {
  static const std::vector<std::string_view> words{
    ${body}};
  return words;
}
}  // namespace topica::detail
")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
