// FastTextModel: looking words up through their n-grams, and the model file.
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "topica/atomic_file.hpp"
#include "topica/error.hpp"
#include "topica/fasttext_model.hpp"

namespace topica {
namespace {

constexpr char kMagic[8] = {'T', 'O', 'P', 'I', 'C', 'A', 'F', 'T'};
constexpr std::uint32_t kVersion = 1;
constexpr std::uint64_t kMaxRows = std::uint64_t{1} << 32;  // row ids are 32-bit

template <typename T>
void put(AtomicFile& out, T value) {
  out.write(&value, sizeof value);  // little-endian hosts only, as the .npy writer
}

class ModelReader {
 public:
  explicit ModelReader(const std::string& path) : path_(path), in_(path, std::ios::binary) {
    if (!in_) throw Error(fmt::format("{}: cannot open", path));
  }
  void read(void* data, std::size_t size, const char* what) {
    in_.read(static_cast<char*>(data), static_cast<std::streamsize>(size));
    if (static_cast<std::size_t>(in_.gcount()) != size) {
      throw InputError(fmt::format("{}: truncated FastText model (while reading {})", path_, what));
    }
  }
  template <typename T>
  T get(const char* what) {
    T value;
    read(&value, sizeof value, what);
    return value;
  }
  bool at_end() { return in_.peek() == std::char_traits<char>::eof(); }

 private:
  std::string path_;
  std::ifstream in_;
};

}  // namespace

FastTextModel::FastTextModel(std::vector<std::string> words, std::vector<std::uint64_t> counts, Matrix<float> input,
                             std::size_t minn, std::size_t maxn, std::size_t bucket)
    : words_(std::move(words)), counts_(std::move(counts)), input_(std::move(input)), minn_(minn), maxn_(maxn), bucket_(bucket) {
  index_.words = words_;
  index_.reindex();
}

std::vector<std::uint32_t> FastTextModel::subword_rows(std::string_view word) const {
  std::vector<std::uint32_t> rows;
  if (auto id = index_.find(word)) rows.push_back(static_cast<std::uint32_t>(*id));
  for (std::uint32_t b : subword_buckets(word, minn_, maxn_, bucket_)) rows.push_back(static_cast<std::uint32_t>(words_.size() + b));
  return rows;
}

std::vector<float> FastTextModel::word_vector(std::string_view word) const {
  const std::vector<std::uint32_t> rows = subword_rows(word);
  if (rows.empty()) return {};
  std::vector<float> v(dimension(), 0.0f);
  for (std::uint32_t r : rows) {
    const float* row = input_.row(r);
    for (std::size_t j = 0; j < v.size(); ++j) v[j] += row[j];
  }
  for (float& x : v) x /= static_cast<float>(rows.size());
  return v;
}

WordVectors FastTextModel::word_vectors() const {
  WordVectors result;
  result.words = words_;
  result.vectors = Matrix<float>(words_.size(), dimension());
  for (std::size_t w = 0; w < words_.size(); ++w) {
    const std::vector<float> v = word_vector(words_[w]);
    std::copy(v.begin(), v.end(), result.vectors.row(w));
  }
  result.reindex();
  return result;
}

void FastTextModel::save(const std::string& path) const {
  AtomicFile out(path);
  out.write(kMagic, sizeof kMagic);
  put<std::uint32_t>(out, kVersion);
  put<std::uint32_t>(out, static_cast<std::uint32_t>(dimension()));
  put<std::uint32_t>(out, static_cast<std::uint32_t>(minn_));
  put<std::uint32_t>(out, static_cast<std::uint32_t>(maxn_));
  put<std::uint64_t>(out, bucket_);
  put<std::uint64_t>(out, words_.size());
  for (std::size_t w = 0; w < words_.size(); ++w) {
    put<std::uint32_t>(out, static_cast<std::uint32_t>(words_[w].size()));
    out.write(words_[w]);
    put<std::uint64_t>(out, counts_[w]);
  }
  out.write(input_.values.data(), input_.values.size() * sizeof(float));
  out.commit();
}

bool FastTextModel::is_model_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[sizeof kMagic] = {};
  in.read(magic, sizeof magic);
  return in.gcount() == sizeof magic && std::memcmp(magic, kMagic, sizeof kMagic) == 0;
}

FastTextModel FastTextModel::load(const std::string& path) {
  ModelReader in(path);
  char magic[sizeof kMagic];
  in.read(magic, sizeof magic, "the magic");
  if (std::memcmp(magic, kMagic, sizeof kMagic) != 0) throw InputError(fmt::format("{}: not a topica FastText model", path));
  const auto version = in.get<std::uint32_t>("the version");
  if (version != kVersion) throw InputError(fmt::format("{}: FastText model version {} (this topica reads {})", path, version, kVersion));
  const auto dim = in.get<std::uint32_t>("the dimension");
  const auto minn = in.get<std::uint32_t>("minn");
  const auto maxn = in.get<std::uint32_t>("maxn");
  const auto bucket = in.get<std::uint64_t>("the bucket count");
  const auto count = in.get<std::uint64_t>("the word count");
  if (dim == 0 || minn > maxn || count + bucket >= kMaxRows) {
    throw InputError(fmt::format("{}: impossible FastText header (dim {}, minn {}, maxn {}, {} words, {} buckets)", path, dim,
                                 minn, maxn, count, bucket));
  }
  std::vector<std::string> words;
  std::vector<std::uint64_t> counts;
  for (std::uint64_t w = 0; w < count; ++w) {
    const auto length = in.get<std::uint32_t>("a word");
    if (length > (1u << 20)) throw InputError(fmt::format("{}: word {} is {} bytes long", path, w, length));
    std::string word(length, '\0');
    in.read(word.data(), length, "a word");
    words.push_back(std::move(word));
    counts.push_back(in.get<std::uint64_t>("a word count"));
  }
  Matrix<float> input(count + bucket, dim);
  in.read(input.values.data(), input.values.size() * sizeof(float), "the vectors");
  if (!in.at_end()) throw InputError(fmt::format("{}: unexpected bytes after the FastText vectors", path));
  return FastTextModel(std::move(words), std::move(counts), std::move(input), minn, maxn, bucket);
}

}  // namespace topica
