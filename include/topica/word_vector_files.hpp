// Word-vector files as word2vec, gensim, fastText and GloVe write them:
//   word2vec text (.txt, fastText's .vec): a header line "N D", then per word "word v1 ... vD";
//   word2vec binary (.bin): the header line, then per word "word " + D little-endian float32 and a
//     newline (word2vec.c writes it, gensim does not; both are read);
//   GloVe text: "word v1 ... vD" lines with no header.
// Reads check everything and throw an InputError naming the file and line (or row) at the first
// problem; writes go through AtomicFile, so a failed write leaves no partial file.
#pragma once

#include <optional>
#include <string>

#include "topica/word_vectors.hpp"

namespace topica {

enum class VectorFileFormat { Auto, Word2VecText, Word2VecBinary, GloveText };

/// "auto", "text" (word2vec text, = .vec), "binary" (word2vec binary), "glove".
std::optional<VectorFileFormat> parse_vector_file_format(const std::string& name);
const char* vector_file_format_name(VectorFileFormat format);

/// The format of an existing file, from its first lines: a header "N D" of two integers marks
/// word2vec (text when the next line holds a word and D numbers, binary otherwise), anything else
/// is GloVe text. Throws InputError for an empty or unreadable file.
VectorFileFormat detect_vector_file_format(const std::string& path);

/// Reads the vectors of `path` (indexed). Throws InputError naming the file and line or row for a
/// header whose word count or dimension does not match the rows, rows of mixed dimension, a
/// binary file cut in the middle of a row, or a value that is not a number.
WordVectors read_word_vectors(const std::string& path, VectorFileFormat format = VectorFileFormat::Auto);

/// Writes `vectors` in `format` (Auto: word2vec text). Text values are the shortest decimals that
/// read back as the same float32. Throws UsageError for a word containing whitespace (no reader
/// could split it back), Error when the file cannot be written.
void write_word_vectors(const std::string& path, const WordVectors& vectors, VectorFileFormat format);

}  // namespace topica
