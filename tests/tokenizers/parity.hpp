// Parity checks against ../shared/reference/tokenizers: fixtures written by the Hugging Face
// `tokenizers` crate 0.22.2 (see that folder's README.md), compared field by field.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "support/test_support.hpp"
#include "topica/tokenizer.hpp"

namespace topica::test {

using Offsets = std::vector<std::pair<std::size_t, std::size_t>>;
using nlohmann::json;
namespace fs = std::filesystem;

inline std::optional<fs::path> reference_dir() {
  const auto shared = shared_dir();
  if (!shared) return std::nullopt;
  const fs::path dir = *shared / "reference" / "tokenizers";
  if (!fs::is_directory(dir)) return std::nullopt;
  return dir;
}

inline std::vector<json> read_records(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<json> records;
  std::string line;
  // Records end at \n only; the texts inside keep their raw CR and other breaks.
  while (std::getline(in, line)) {
    if (!line.empty()) records.push_back(json::parse(line));
  }
  return records;
}

// The fixture's null (a special token) is topica's -1; single-sequence files have no field.
inline std::vector<std::int32_t> sequence_ids_of(const json& record) {
  std::vector<std::int32_t> out;
  if (!record.contains("sequence_ids")) return out;
  for (const json& id : record.at("sequence_ids")) out.push_back(id.is_null() ? -1 : id.get<std::int32_t>());
  return out;
}

inline Offsets offsets_of(const json& record) {
  Offsets out;
  for (const json& o : record.at("offsets")) out.emplace_back(o[0].get<std::size_t>(), o[1].get<std::size_t>());
  return out;
}

// Compares one field and describes the first difference.
template <typename T>
inline bool same(const std::string& field, const T& got, const json& record, std::string& why) {
  if (!record.contains(field)) return true;
  const T want = record.at(field).get<T>();
  if (got == want) return true;
  why = field + " differ: got " + json(got).dump() + " want " + json(want).dump();
  return false;
}

struct ParityCase {
  std::string model;    // folder under models/ (or a vocab.txt path relative to it)
  std::string fixture;  // file under fixtures/
  std::size_t truncate = 0;
};

// Encodes every record and returns how many match in every field, reporting the first failures.
inline std::size_t matching_records(const Tokenizer& tokenizer, const std::vector<json>& records, bool pairs) {
  std::size_t matched = 0, reported = 0;
  for (const json& record : records) {
    const Encoding e = pairs ? tokenizer.encode_pair(record.at("text_a").get<std::string>(), record.at("text_b").get<std::string>())
                             : tokenizer.encode(record.at("text").get<std::string>());
    std::string why;
    const bool ok = same("ids", e.ids, record, why) && same("tokens", e.tokens, record, why) &&
                    same("type_ids", e.type_ids, record, why) && same("attention_mask", e.attention_mask, record, why) &&
                    same("special_tokens_mask", e.special_tokens_mask, record, why) &&
                    (!record.contains("sequence_ids") || sequence_ids_of(record) == e.sequence_ids || (why = "sequence_ids differ: got " + json(e.sequence_ids).dump(), false)) &&
                    (offsets_of(record) == e.offsets || (why = "offsets differ: got " + json(e.offsets).dump(), false));
    if (ok) {
      ++matched;
    } else if (reported++ < 5) {
      ADD_FAILURE() << (pairs ? "pair " + record.at("pair").dump() : "line " + record.at("line").dump()) << ": " << why
                    << "\n  text: " << (pairs ? record.at("text_a").dump() + " | " + record.at("text_b").dump() : record.at("text").dump());
    }
  }
  return matched;
}

}  // namespace topica::test
