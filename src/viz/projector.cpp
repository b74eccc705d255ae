// The Embedding Projector export (topica/projector.hpp).
#include "topica/projector.hpp"

#include <cmath>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "topica/atomic_file.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

constexpr std::size_t kFieldCharacters = 500;

std::string tensors_tsv(const Matrix<float>& vectors) {
  std::string out;
  out.reserve(vectors.rows * vectors.cols * 12);
  for (std::size_t i = 0; i < vectors.rows; ++i) {
    for (std::size_t j = 0; j < vectors.cols; ++j) {
      const float v = vectors(i, j);
      if (!std::isfinite(v)) throw InputError(fmt::format("embeddings: row {} column {} is not a finite number", i, j));
      // %.9g: nine significant digits read back as the same float32.
      fmt::format_to(std::back_inserter(out), "{}{:.9g}", j ? "\t" : "", v);
    }
    out += '\n';
  }
  return out;
}

std::string metadata_tsv(const ProjectorMetadata& metadata) {
  std::string out;
  const auto line = [&out](const std::vector<std::string>& fields) {
    for (std::size_t j = 0; j < fields.size(); ++j) out += (j ? "\t" : "") + projector_field(fields[j]);
    out += '\n';
  };
  // The projector reads a header line only above two or more columns; one column is all labels.
  if (metadata.columns.size() > 1) line(metadata.columns);
  for (const auto& row : metadata.rows) line(row);
  return out;
}

bool is_projector_folder(const std::string& dir) {
  return std::filesystem::exists(std::filesystem::path(dir) / "projector_config.json");
}

}  // namespace

std::string projector_field(const std::string& text) {
  std::string out;
  std::size_t chars = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && chars++ == kFieldCharacters) break;
    out += c == '\t' || c == '\n' || c == '\r' ? ' ' : c;
  }
  return out;
}

ProjectorMetadata document_metadata(const std::vector<std::string>& texts, const std::vector<int>& topics,
                                    const TopicModel* model) {
  ProjectorMetadata m;
  // The projector takes the first line as a header only when there are two or more columns, so
  // documents without topics get their row number beside the text.
  m.columns = topics.empty() ? std::vector<std::string>{"text", "row"} : std::vector<std::string>{"text", "topic", "label"};
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (topics.empty()) {
      m.rows.push_back({texts[i], std::to_string(i)});
      continue;
    }
    std::string label;
    if (model) {
      if (const auto index = model->index_of(topics[i])) {
        const Topic& t = model->topics[*index];
        label = t.label.empty() ? t.name : t.label;
      }
    }
    m.rows.push_back({texts[i], std::to_string(topics[i]), label});
  }
  return m;
}

void write_projector(const Matrix<float>& vectors, const ProjectorMetadata& metadata, const std::string& name,
                     const std::string& out) {
  if (vectors.rows != metadata.rows.size()) {
    throw InputError(fmt::format("{} vectors but {} metadata rows: they must match row for row", vectors.rows,
                                 metadata.rows.size()));
  }
  if (vectors.rows == 0 || vectors.cols == 0) throw InputError("no vectors to export");
  for (std::size_t i = 0; i < metadata.rows.size(); ++i) {
    if (metadata.rows[i].size() != metadata.columns.size()) {
      throw InputError(fmt::format("metadata row {}: {} fields for {} columns", i, metadata.rows[i].size(), metadata.columns.size()));
    }
  }
  const std::string tensors = tensors_tsv(vectors), meta = metadata_tsv(metadata);
  nlohmann::ordered_json config = {
      {"embeddings",
       {{{"tensorName", name}, {"tensorShape", {vectors.rows, vectors.cols}}, {"tensorPath", "tensors.tsv"},
         {"metadataPath", "metadata.tsv"}}}}};
  write_folder_atomically(
      out,
      [&](const std::string& folder) {
        write_file_atomically(folder + "/tensors.tsv", tensors);
        write_file_atomically(folder + "/metadata.tsv", meta);
        write_file_atomically(folder + "/projector_config.json", config.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
      },
      is_projector_folder, out + ": exists and is not a projector export; choose another --out");
}

}  // namespace topica
