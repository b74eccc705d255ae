// GloVe's text format, as glove.c writes it: "word v1 v2 ... vd" per line, no header line.
#include <fmt/format.h>

#include "topica/atomic_file.hpp"
#include "topica/glove.hpp"

namespace topica {

void write_glove_text(const WordVectors& vectors, const std::string& path) {
  AtomicFile file(path);
  fmt::memory_buffer line;
  for (std::size_t r = 0; r < vectors.size(); ++r) {
    line.clear();
    fmt::format_to(std::back_inserter(line), "{}", vectors.words[r]);
    const float* row = vectors.vectors.row(r);
    // {} prints the shortest text that reads back as the same float.
    for (std::size_t k = 0; k < vectors.dimension(); ++k) fmt::format_to(std::back_inserter(line), " {}", row[k]);
    line.push_back('\n');
    file.write(line.data(), line.size());
  }
  file.commit();
}

}  // namespace topica
