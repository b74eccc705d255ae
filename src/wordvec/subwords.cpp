// fastText's character n-grams and their hash (fastText src/dictionary.cc: hash, computeSubwords).
#include <string>

#include "topica/fasttext_model.hpp"

namespace topica {

std::uint32_t fasttext_hash(std::string_view text) {
  std::uint32_t h = 2166136261u;
  for (char c : text) {
    // fastText XORs the byte as a *signed* char widened to 32 bits, so bytes >= 0x80 (every
    // non-ASCII UTF-8 byte) flip the top 24 bits too; the buckets depend on it.
    h ^= static_cast<std::uint32_t>(static_cast<std::int32_t>(static_cast<std::int8_t>(c)));
    h *= 16777619u;
  }
  return h;
}

std::vector<std::uint32_t> subword_buckets(std::string_view word, std::size_t minn, std::size_t maxn, std::size_t bucket) {
  std::vector<std::uint32_t> buckets;
  if (maxn == 0 || bucket == 0) return buckets;
  const std::string marked = "<" + std::string(word) + ">";
  const auto continuation = [&](std::size_t i) { return (static_cast<unsigned char>(marked[i]) & 0xC0) == 0x80; };
  std::string ngram;
  for (std::size_t i = 0; i < marked.size(); ++i) {
    if (continuation(i)) continue;  // n-grams start on a character
    ngram.clear();
    for (std::size_t j = i, n = 1; j < marked.size() && n <= maxn; ++n) {
      ngram.push_back(marked[j++]);
      while (j < marked.size() && continuation(j)) ngram.push_back(marked[j++]);
      if (n >= minn && !(n == 1 && (i == 0 || j == marked.size()))) {
        buckets.push_back(static_cast<std::uint32_t>(fasttext_hash(ngram) % bucket));
      }
    }
  }
  return buckets;
}

}  // namespace topica
