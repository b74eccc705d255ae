// Synthetic topics for the pipeline tests: blobs of embeddings, each with its own words.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "topica/matrix.hpp"
#include "topica/random.hpp"

namespace topica::test {

constexpr std::size_t kBlobs = 4, kDim = 16;

struct BlobCorpus {
  std::vector<std::string> docs;
  Matrix<float> embeddings;
  std::vector<std::int64_t> blob;
};

// `per_blob` documents around each of kBlobs well-separated centres (centre b is 4 along the
// dimensions d with d % kBlobs == b); blob b's documents use the words "w<b>x<j>" so each topic
// has its own vocabulary.
inline BlobCorpus make_blob_corpus(std::size_t per_blob, std::uint64_t seed) {
  BlobCorpus c;
  Random random(seed);
  c.embeddings = Matrix<float>(per_blob * kBlobs, kDim);
  for (std::size_t i = 0; i < per_blob * kBlobs; ++i) {
    const std::size_t b = i % kBlobs;
    c.blob.push_back(static_cast<std::int64_t>(b));
    for (std::size_t d = 0; d < kDim; ++d) c.embeddings(i, d) = static_cast<float>((d % kBlobs == b ? 4.0 : 0.0) + random.normal() * 0.3);
    std::string text;
    for (int w = 0; w < 8; ++w) text += "w" + std::to_string(b) + "x" + std::to_string(random.below(12)) + " ";
    c.docs.push_back(text);
  }
  return c;
}

}  // namespace topica::test
