// The Huffman tree of hierarchical softmax (word2vec.c's CreateBinaryTree): frequent words get
// short paths. Word w's path is its inner nodes from the root down, each with the bit (0 or 1)
// of the branch taken; inner nodes are numbered 0..V-2 and index the output matrix.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace topica::wordvec {

class HuffmanTree {
 public:
  HuffmanTree() = default;
  /// `counts` sorted from most to least frequent, as a TrainingCorpus's.
  explicit HuffmanTree(const std::vector<std::uint64_t>& counts);

  std::span<const std::uint32_t> points(std::uint32_t word) const {
    return {points_.data() + offsets_[word], offsets_[word + 1] - offsets_[word]};
  }
  std::span<const std::uint8_t> codes(std::uint32_t word) const {
    return {codes_.data() + offsets_[word], offsets_[word + 1] - offsets_[word]};
  }
  std::size_t inner_nodes() const { return inner_nodes_; }

 private:
  std::vector<std::size_t> offsets_;
  std::vector<std::uint32_t> points_;
  std::vector<std::uint8_t> codes_;
  std::size_t inner_nodes_ = 0;
};

}  // namespace topica::wordvec
