# Generates korean_stop_words.cpp from src/text/korean_stop_words.txt (one word per line, #
# comments), so the list stays a plain file users can read and extend.
# Usage: cmake -DSOURCE=<korean_stop_words.txt> -DOUTPUT=<file.cpp> -P korean_stop_words.cmake
file(STRINGS "${SOURCE}" lines ENCODING UTF-8)
set(body "")
foreach(line IN LISTS lines)
  string(STRIP "${line}" word)
  if(word STREQUAL "" OR word MATCHES "^#")
    continue()
  endif()
  if(word MATCHES "[\"\\\\ ]")
    message(FATAL_ERROR "${SOURCE}: '${word}' is not a single word")
  endif()
  string(APPEND body "    \"${word}\",\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated at build time from ${SOURCE}; do not edit.
#include \"text/stop_words.hpp\"

namespace topica::detail {
const std::vector<std::string_view>& korean_stop_word_list() {
  static const std::vector<std::string_view> words{
${body}  };
  return words;
}
}  // namespace topica::detail
")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
