// The reference corpus of scripts/make_topic_reduction_fixtures.py (12 topics of distinct sizes
// plus outliers, with scikit-learn's and scipy's answers), loaded as a saved model.
#pragma once

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "topica/saved_model.hpp"

namespace topica::test {

inline nlohmann::json topic_reduction_reference() {
  std::ifstream in(std::filesystem::path(TOPICA_SOURCE_DIR) / "tests/fixtures/topic_reduction/reference.json");
  return nlohmann::json::parse(in);
}

/// The corpus fitted as manual topics (build_topics on the reference labels), documents kept.
inline SavedModel reference_model(const nlohmann::json& ref) {
  SavedModel saved;
  saved.documents = ref.at("documents").get<std::vector<std::string>>();
  const auto rows = ref.at("embeddings").get<std::vector<std::vector<float>>>();
  saved.embeddings = Matrix<float>(rows.size(), rows.front().size());
  for (std::size_t i = 0; i < rows.size(); ++i) std::copy(rows[i].begin(), rows[i].end(), saved.embeddings.row(i));
  const auto labels = ref.at("labels").get<std::vector<int>>();
  saved.model = build_topics(saved.documents, labels, saved.embeddings, TopicOptions{});
  saved.model.probabilities.assign(labels.size(), 0.5f);
  saved.provenance.embedder = "precomputed: reference.json";
  return saved;
}

/// Whether two labellings group the items alike (label values aside).
inline bool same_partition(const std::vector<int>& a, const std::vector<int>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = 0; j < a.size(); ++j) {
      if ((a[i] == a[j]) != (b[i] == b[j])) return false;
    }
  }
  return true;
}

}  // namespace topica::test
