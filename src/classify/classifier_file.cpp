// The classifier's file: a magic line with the format version, a one-line JSON header, then the
// two weight matrices as raw little-endian float32. The header says how many weights follow, so
// a truncated or padded file is caught before any weight is read.
#include <bit>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "topica/atomic_file.hpp"
#include "topica/error.hpp"
#include "topica/text_classifier.hpp"

namespace topica {
namespace {

static_assert(std::endian::native == std::endian::little, "the classifier file stores little-endian floats");

constexpr const char* kMagic = "topica-classifier";
constexpr int kVersion = 1;

void read_matrix(std::istream& in, Matrix<float>& m) {
  in.read(reinterpret_cast<char*>(m.values.data()), static_cast<std::streamsize>(m.values.size() * sizeof(float)));
}

}  // namespace

void TextClassifier::save(const std::string& path) const {
  const nlohmann::json header{
      {"dimension", output_.cols},
      {"word_ngrams", word_ngrams_},
      {"buckets", buckets_},
      {"labels", labels_},
      {"words", words_},
      {"analyzer", {{"language", analyzer.language}, {"user_words", analyzer.user_words}, {"lexicon", analyzer.lexicon}}}};
  AtomicFile file(path);
  file.write(fmt::format("{} {}\n", kMagic, kVersion));
  file.write(header.dump() + "\n");
  file.write(input_.values.data(), input_.values.size() * sizeof(float));
  file.write(output_.values.data(), output_.values.size() * sizeof(float));
  file.commit();
}

TextClassifier TextClassifier::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open the classifier model", path));
  std::string magic, header_line;
  std::getline(in, magic);
  if (magic.rfind(kMagic, 0) != 0) throw InputError(fmt::format("{}: not a topica classifier model", path));
  if (magic != fmt::format("{} {}", kMagic, kVersion)) {
    throw InputError(fmt::format("{}: unsupported classifier format '{}' (this build reads version {})", path, magic, kVersion));
  }
  std::getline(in, header_line);
  if (!in || in.eof()) throw InputError(fmt::format("{}: truncated classifier header", path));
  TextClassifier model;
  std::size_t dimension = 0;
  try {
    const nlohmann::json header = nlohmann::json::parse(header_line);
    dimension = header.at("dimension").get<std::size_t>();
    model.word_ngrams_ = header.at("word_ngrams").get<std::size_t>();
    model.buckets_ = header.at("buckets").get<std::size_t>();
    model.labels_ = header.at("labels").get<std::vector<std::string>>();
    model.words_ = header.at("words").get<std::vector<std::string>>();
    const nlohmann::json& a = header.at("analyzer");
    model.analyzer.language = a.at("language").get<std::string>();
    model.analyzer.user_words = a.at("user_words").get<std::vector<std::string>>();
    model.analyzer.lexicon = a.at("lexicon").get<std::map<std::string, float>>();
  } catch (const nlohmann::json::exception& e) {
    throw InputError(fmt::format("{}: malformed classifier header ({})", path, e.what()));
  }
  if (dimension == 0 || model.labels_.size() < 2 || model.words_.empty() || model.word_ngrams_ == 0) {
    throw InputError(fmt::format("{}: malformed classifier header (dimension, labels, words or word_ngrams)", path));
  }
  model.input_ = Matrix<float>(model.words_.size() + model.buckets_, dimension);
  model.output_ = Matrix<float>(model.labels_.size(), dimension);
  const std::uintmax_t expected = (model.input_.values.size() + model.output_.values.size()) * sizeof(float);
  const std::uintmax_t weights = std::filesystem::file_size(path) - static_cast<std::uintmax_t>(in.tellg());
  if (weights != expected) {
    throw InputError(fmt::format("{}: {}: the header calls for {} bytes of weights, the file holds {}", path,
                                 weights < expected ? "truncated" : "trailing bytes", expected, weights));
  }
  read_matrix(in, model.input_);
  read_matrix(in, model.output_);
  if (!in) throw InputError(fmt::format("{}: read error in the weights", path));
  model.index_words();
  return model;
}

}  // namespace topica
