// TensorFlow's Embedding Projector (projector.tensorflow.org, "Load"): rows of vectors with a
// metadata table, written as a folder of
//   tensors.tsv             one row per point, tab-separated float32 values ("%.9g": round-trips)
//   metadata.tsv            a header row, then one row per point (tabs/newlines in a field become
//                           spaces; fields are cut at 500 characters)
//   projector_config.json   the projector's config: embeddings[0].tensorPath, metadataPath,
//                           tensorShape [rows, dims], tensorName
// The folder is written beside its final name and renamed into place.
#pragma once

#include <string>
#include <vector>

#include "topica/matrix.hpp"
#include "topica/saved_model.hpp"

namespace topica {

/// A metadata table: column names and one row of fields per vector.
struct ProjectorMetadata {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

/// Writes `vectors` and `metadata` (one row per vector) as a projector folder `out`, named
/// `name` in the config. Throws InputError when the row counts differ or a value is not finite,
/// UsageError when `out` is a non-empty folder that is not a projector export.
void write_projector(const Matrix<float>& vectors, const ProjectorMetadata& metadata, const std::string& name,
                     const std::string& out);

/// The metadata of documents: columns text, topic, label (the topic's label, else its name);
/// with no `topics`: text, row (the projector reads a header only above two or more columns).
ProjectorMetadata document_metadata(const std::vector<std::string>& texts, const std::vector<int>& topics,
                                    const TopicModel* model);

/// One metadata field: tabs, CR and LF as spaces, cut at 500 characters (UTF-8 safe).
std::string projector_field(const std::string& text);

}  // namespace topica
