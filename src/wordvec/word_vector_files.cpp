#include "topica/word_vector_files.hpp"

#include <charconv>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

#include <fmt/format.h>

#include "topica/atomic_file.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open", path));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw InputError(fmt::format("{}: cannot read", path));
  return bytes;
}

// A cursor over the lines of a text file; "\r\n" ends a line too (the eval sets use it).
class Lines {
 public:
  explicit Lines(std::string_view text, std::size_t from = 0) : text_(text), at_(from) {}
  bool next(std::string_view& line) {
    if (at_ >= text_.size()) return false;
    std::size_t end = text_.find('\n', at_);
    if (end == std::string_view::npos) end = text_.size();
    line = text_.substr(at_, end - at_);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    at_ = end + 1;
    ++number_;
    return true;
  }
  std::size_t number() const { return number_; }
  std::size_t offset() const { return at_; }

 private:
  std::string_view text_;
  std::size_t at_;
  std::size_t number_ = 0;
};

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i == line.size()) break;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

bool parse_float(std::string_view field, float& value) {
  const char* end = field.data() + field.size();
  auto [ptr, ec] = std::from_chars(field.data(), end, value);
  return ec == std::errc() && ptr == end;
}

template <typename T>
bool parse_count(std::string_view field, T& value) {
  const char* end = field.data() + field.size();
  auto [ptr, ec] = std::from_chars(field.data(), end, value);
  return ec == std::errc() && ptr == end;
}

struct Header {
  std::size_t words = 0, dim = 0;
};

std::optional<Header> parse_header(std::string_view line) {
  const auto fields = split_fields(line);
  Header h;
  if (fields.size() != 2 || !parse_count(fields[0], h.words) || !parse_count(fields[1], h.dim)) return std::nullopt;
  return h;
}

// One "word v1 .. vD" line into row `row` of `out`; D is known.
void parse_text_row(const std::string& path, std::size_t line_number, std::string_view line, std::size_t dim, WordVectors& out,
                    const char* dim_source) {
  const auto fields = split_fields(line);
  if (fields.empty()) throw InputError(fmt::format("{}: line {}: empty line", path, line_number));
  if (fields.size() != dim + 1) {
    throw InputError(fmt::format("{}: line {}: {} values for '{}' where {} has {}", path, line_number, fields.size() - 1,
                                 fields[0], dim_source, dim));
  }
  out.words.emplace_back(fields[0]);
  const std::size_t row = out.words.size() - 1;
  if (out.vectors.values.size() < (row + 1) * dim) out.vectors.values.resize(std::max((row + 1) * dim, 2 * out.vectors.values.size()));
  float* v = out.vectors.values.data() + row * dim;
  for (std::size_t j = 0; j < dim; ++j) {
    if (!parse_float(fields[j + 1], v[j])) {
      throw InputError(fmt::format("{}: line {}: value {} of '{}' is not a number: '{}'", path, line_number, j + 1, fields[0],
                                   fields[j + 1]));
    }
  }
}

void finish(WordVectors& out, std::size_t dim) {
  out.vectors.rows = out.words.size();
  out.vectors.cols = dim;
  out.vectors.values.resize(out.words.size() * dim);
  out.reindex();
}

WordVectors read_word2vec_text(const std::string& path, std::string_view text) {
  Lines lines(text);
  std::string_view line;
  lines.next(line);
  const auto header = parse_header(line);
  if (!header) throw InputError(fmt::format("{}: line 1: expected a header 'WORDS DIMENSION', got '{}'", path, line.substr(0, 60)));
  if (header->dim == 0 && header->words > 0) throw InputError(fmt::format("{}: line 1: dimension 0", path));
  WordVectors out;
  out.vectors.values.reserve(std::min<std::size_t>(header->words, 1 << 24) * header->dim);
  while (lines.next(line)) {
    if (line.find_first_not_of(" \t") == std::string_view::npos && lines.offset() >= text.size()) break;  // final blank line
    if (out.words.size() == header->words) {
      throw InputError(fmt::format("{}: line {}: more rows than the {} words the header announces", path, lines.number(),
                                   header->words));
    }
    parse_text_row(path, lines.number(), line, header->dim, out, "the header");
  }
  if (out.words.size() != header->words) {
    throw InputError(fmt::format("{}: the header announces {} words but the file has {}", path, header->words, out.words.size()));
  }
  finish(out, header->dim);
  return out;
}

WordVectors read_glove_text(const std::string& path, std::string_view text) {
  Lines lines(text);
  std::string_view line;
  WordVectors out;
  std::size_t dim = 0;
  while (lines.next(line)) {
    if (line.find_first_not_of(" \t") == std::string_view::npos && lines.offset() >= text.size()) break;
    if (dim == 0) {
      const auto fields = split_fields(line);
      if (fields.size() < 2) throw InputError(fmt::format("{}: line {}: expected a word and its values", path, lines.number()));
      dim = fields.size() - 1;
    }
    parse_text_row(path, lines.number(), line, dim, out, "line 1");
  }
  if (out.words.empty()) throw InputError(fmt::format("{}: no vectors", path));
  finish(out, dim);
  return out;
}

WordVectors read_word2vec_binary(const std::string& path, std::string_view bytes) {
  const std::size_t header_end = bytes.find('\n');
  const auto header = parse_header(bytes.substr(0, header_end));
  if (header_end == std::string_view::npos || !header) {
    throw InputError(fmt::format("{}: line 1: expected a header 'WORDS DIMENSION'", path));
  }
  const std::size_t dim = header->dim, row_bytes = dim * sizeof(float);
  WordVectors out;
  out.words.reserve(header->words);
  out.vectors.values.resize(header->words * dim);
  std::size_t at = header_end + 1;
  for (std::size_t row = 0; row < header->words; ++row) {
    while (at < bytes.size() && (bytes[at] == '\n' || bytes[at] == '\r')) ++at;  // word2vec.c's newline after a row
    const std::size_t space = bytes.find(' ', at);
    if (at >= bytes.size() || space == std::string_view::npos) {
      throw InputError(fmt::format("{}: row {}: the file ends before the {} words the header announces", path, row + 1,
                                   header->words));
    }
    out.words.emplace_back(bytes.substr(at, space - at));
    at = space + 1;
    if (bytes.size() - at < row_bytes) {
      throw InputError(fmt::format("{}: row {} ('{}'): truncated: {} of {} bytes", path, row + 1, out.words.back(),
                                   bytes.size() - at, row_bytes));
    }
    std::memcpy(out.vectors.values.data() + row * dim, bytes.data() + at, row_bytes);  // little-endian hosts
    at += row_bytes;
  }
  if (bytes.substr(at).find_first_not_of("\r\n") != std::string_view::npos) {
    throw InputError(fmt::format("{}: data after the {} words the header announces", path, header->words));
  }
  finish(out, dim);
  return out;
}

VectorFileFormat detect(std::string_view text) {
  Lines lines(text);
  std::string_view first, second;
  lines.next(first);
  const auto header = parse_header(first);
  if (!header) return VectorFileFormat::GloveText;
  if (!lines.next(second)) return VectorFileFormat::Word2VecText;
  const auto fields = split_fields(second);
  float value;
  const bool text_row = fields.size() == header->dim + 1 &&
                        std::all_of(fields.begin() + 1, fields.end(), [&](std::string_view f) { return parse_float(f, value); });
  return text_row ? VectorFileFormat::Word2VecText : VectorFileFormat::Word2VecBinary;
}

void check_word(const WordVectors& vectors, std::size_t w) {
  const std::string& word = vectors.words[w];
  if (word.empty() || word.find_first_of(" \t\n\r") != std::string::npos) {
    throw UsageError(fmt::format("word {} ('{}') is empty or contains whitespace: it cannot be written to a vector file", w, word));
  }
}

}  // namespace

std::optional<VectorFileFormat> parse_vector_file_format(const std::string& name) {
  if (name == "auto") return VectorFileFormat::Auto;
  if (name == "text" || name == "vec" || name == "word2vec") return VectorFileFormat::Word2VecText;
  if (name == "binary" || name == "bin") return VectorFileFormat::Word2VecBinary;
  if (name == "glove") return VectorFileFormat::GloveText;
  return std::nullopt;
}

const char* vector_file_format_name(VectorFileFormat format) {
  switch (format) {
    case VectorFileFormat::Auto: return "auto";
    case VectorFileFormat::Word2VecText: return "text";
    case VectorFileFormat::Word2VecBinary: return "binary";
    case VectorFileFormat::GloveText: return "glove";
  }
  return "auto";
}

VectorFileFormat detect_vector_file_format(const std::string& path) {
  const std::string bytes = slurp(path);
  if (bytes.empty()) throw InputError(fmt::format("{}: empty file", path));
  return detect(bytes);
}

WordVectors read_word_vectors(const std::string& path, VectorFileFormat format) {
  const std::string bytes = slurp(path);
  if (bytes.empty()) throw InputError(fmt::format("{}: empty file", path));
  if (format == VectorFileFormat::Auto) format = detect(bytes);
  switch (format) {
    case VectorFileFormat::Word2VecBinary: return read_word2vec_binary(path, bytes);
    case VectorFileFormat::GloveText: return read_glove_text(path, bytes);
    default: return read_word2vec_text(path, bytes);
  }
}

void write_word_vectors(const std::string& path, const WordVectors& vectors, VectorFileFormat format) {
  if (vectors.vectors.rows != vectors.words.size()) throw Error("word vectors: the words and rows do not match");
  for (std::size_t w = 0; w < vectors.size(); ++w) check_word(vectors, w);
  const std::size_t dim = vectors.dimension();
  AtomicFile out(path);
  if (format != VectorFileFormat::GloveText) out.write(fmt::format("{} {}\n", vectors.size(), dim));
  fmt::memory_buffer line;
  for (std::size_t w = 0; w < vectors.size(); ++w) {
    line.clear();
    const float* v = vectors.vectors.row(w);
    if (format == VectorFileFormat::Word2VecBinary) {
      fmt::format_to(std::back_inserter(line), "{} ", vectors.words[w]);
      line.append(reinterpret_cast<const char*>(v), reinterpret_cast<const char*>(v + dim));  // little-endian hosts
    } else {
      fmt::format_to(std::back_inserter(line), "{}", vectors.words[w]);
      for (std::size_t j = 0; j < dim; ++j) fmt::format_to(std::back_inserter(line), " {}", v[j]);  // shortest round trip
    }
    line.push_back('\n');
    out.write(line.data(), line.size());
  }
  out.commit();
}

}  // namespace topica
