#include "topica/bertopic_export.hpp"

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "topica/atomic_file.hpp"
#include "topica/error.hpp"
#include "topica/safetensors.hpp"

namespace topica {
namespace {
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// BERTopic's own default, used when the model came from --labels (no clustering ran).
constexpr std::size_t kBertopicMinTopicSize = 10;

std::size_t min_topic_size(const ModelProvenance& p) {
  if (p.settings_json.empty()) return kBertopicMinTopicSize;
  const Json settings = Json::parse(p.settings_json, nullptr, false);
  if (!settings.is_object() || !settings.contains("hdbscan")) return kBertopicMinTopicSize;
  return settings["hdbscan"].value("min_cluster_size", kBertopicMinTopicSize);
}

// BERTopic.get_params() without the sub-models, as BERTopic's save_config writes it. "language"
// is "multilingual" because topica keeps every script: BERTopic's "english" would strip all
// non-ASCII characters before counting, which is not what this model did.
// A setting saved by fit (guided or zero-shot topics), or null.
Json fit_setting(const ModelProvenance& p, const char* key) {
  const Json settings = p.settings_json.empty() ? Json() : Json::parse(p.settings_json, nullptr, false);
  return settings.is_object() && settings.contains(key) ? settings[key] : Json();
}

Json config_json(const TopicModel& m, const ModelProvenance& p) {
  const auto& v = m.options.vectorizer;
  const Json zero_shot = fit_setting(p, "zero_shot");
  return Json{{"calculate_probabilities", !m.probabilities.empty()},
              {"language", "multilingual"},
              {"low_memory", false},
              {"min_topic_size", min_topic_size(p)},
              {"n_gram_range", {v.ngram_min, v.ngram_max}},
              {"nr_topics", nullptr},
              {"seed_topic_list", fit_setting(p, "seed_topics")},
              {"top_n_words", m.options.top_n_words},
              {"verbose", false},
              {"zeroshot_min_similarity", zero_shot.is_object() ? zero_shot.value("min_similarity", 0.7) : 0.7},
              {"zeroshot_topic_list", zero_shot.is_object() ? zero_shot.value("names", Json()) : Json()}};
}

Json bertopic_topics_json(const TopicModel& m) {
  Json representations = Json::object(), sizes = Json::object(), labels = Json::object();
  Json mapper = Json::array(), custom = Json::array(), aspects = Json::object();
  bool any_custom = false;
  for (const Topic& t : m.topics) {
    const std::string key = std::to_string(t.id);
    Json words = Json::array();
    for (const TopicWord& w : t.words) words.push_back({w.word, w.score});
    representations[key] = std::move(words);
    sizes[key] = t.size;
    labels[key] = t.name;
    // BERTopic maps cluster ids to topic ids through its rows [original, ..., final]; topica's
    // topic ids are already final, so each row maps a topic to itself.
    mapper.push_back({t.id, t.id, t.id});
    any_custom = any_custom || !t.label.empty();
    custom.push_back(t.label.empty() ? t.name : t.label);  // set_topic_labels keeps unset names
    // topic_aspects_: {aspect: {topic: [[word, score], ...]}}, as BERTopic's save_topics writes it.
    for (const auto& [name, aspect_words] : t.aspects) {
      Json list = Json::array();
      for (const TopicWord& w : aspect_words) list.push_back({w.word, w.score});
      aspects[name][key] = std::move(list);
    }
  }
  return Json{{"topic_representations", std::move(representations)},
              {"topics", m.assignments},
              {"topic_sizes", std::move(sizes)},
              {"topic_mapper", std::move(mapper)},
              {"topic_labels", std::move(labels)},
              {"custom_labels", any_custom ? std::move(custom) : Json(nullptr)},
              {"_outliers", m.index_of(-1) ? 1 : 0},
              {"topic_aspects", std::move(aspects)}};
}

Json frequency_json(const DocumentFrequency& df) {
  return df.proportion ? Json(df.value) : Json(static_cast<std::int64_t>(df.value));
}

Json stop_words_json(const VectorizerOptions& v) {
  if (v.stop_words.empty()) return nullptr;
  if (v.stop_words == english_stop_words()) return "english";
  std::vector<std::string> words(v.stop_words.begin(), v.stop_words.end());
  std::sort(words.begin(), words.end());
  return words;
}

// CountVectorizer.get_params() as BERTopic's save_ctfidf_config writes it, and the vocabulary.
Json ctfidf_config_json(const TopicModel& m) {
  const auto& v = m.options.vectorizer;
  Json params{{"analyzer", "word"},
              {"binary", false},
              {"decode_error", "strict"},
              {"encoding", "utf-8"},
              {"input", "content"},
              {"lowercase", v.lowercase},
              {"max_df", frequency_json(v.max_df)},
              {"max_features", v.max_features ? Json(*v.max_features) : Json(nullptr)},
              {"min_df", frequency_json(v.min_df)},
              {"ngram_range", {v.ngram_min, v.ngram_max}},
              {"stop_words", stop_words_json(v)},
              {"strip_accents", nullptr},
              {"token_pattern", "(?u)\\b\\w\\w+\\b"},
              {"vocabulary", nullptr}};
  Json vocab = Json::object();
  const auto& terms = m.vectorizer.vocabulary();
  for (std::size_t i = 0; i < terms.size(); ++i) vocab[terms[i]] = i;
  return Json{{"ctfidf_model",
               {{"bm25_weighting", m.options.ctfidf.bm25_weighting},
                {"reduce_frequent_words", m.options.ctfidf.reduce_frequent_words}}},
              {"vectorizer_model", {{"params", std::move(params)}, {"vocab", std::move(vocab)}}}};
}

// scipy's CSR of this size has int32 indices, and BERTopic's file stores them so.
void write_ctfidf(const TopicModel& m, const fs::path& path) {
  const auto& x = m.ctfidf_matrix;
  if (x.nnz() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    throw Error(fmt::format("{}: {} c-TF-IDF entries do not fit BERTopic's int32 indptr", path.string(), x.nnz()));
  }
  const std::vector<std::int32_t> indptr(x.indptr.begin(), x.indptr.end());
  const std::vector<std::int64_t> shape{static_cast<std::int64_t>(x.rows), static_cast<std::int64_t>(x.cols)};
  SafetensorsWriter w;
  w.add("data", {x.nnz()}, std::span<const double>(x.values));
  w.add("diag", {m.ctfidf.idf().size()}, std::span<const double>(m.ctfidf.idf()));
  w.add("indices", {x.indices.size()}, std::span<const std::int32_t>(x.indices));
  w.add("indptr", {indptr.size()}, std::span<const std::int32_t>(indptr));
  w.add("shape", {2}, std::span<const std::int64_t>(shape));
  w.write(path.string());
}

void write_bertopic_files(const TopicModel& m, const ModelProvenance& p, const fs::path& dir) {
  write_file_atomically((dir / "config.json").string(), config_json(m, p).dump(2) + "\n");
  write_file_atomically((dir / "topics.json").string(), bertopic_topics_json(m).dump(2) + "\n");
  // BERTopic skips the file when the model has no topic embeddings.
  if (m.topic_embeddings.rows > 0) {
    SafetensorsWriter e;
    e.add("topic_embeddings", {m.topic_embeddings.rows, m.topic_embeddings.cols},
          std::span<const float>(m.topic_embeddings.values));
    e.write((dir / "topic_embeddings.safetensors").string());
  }
  write_ctfidf(m, dir / "ctfidf.safetensors");
  write_file_atomically((dir / "ctfidf_config.json").string(), ctfidf_config_json(m).dump(2) + "\n");
}

// Only a previous export may be replaced: never delete files this function did not write.
bool holds_only_export_files(const fs::path& dir) {
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (std::find(std::begin(kBertopicFiles), std::end(kBertopicFiles), name) == std::end(kBertopicFiles)) return false;
  }
  return true;
}

}  // namespace

void export_bertopic(const TopicModel& model, const ModelProvenance& provenance, const std::string& dir) {
  write_folder_atomically(
      dir, [&](const std::string& folder) { write_bertopic_files(model, provenance, folder); },
      [](const std::string& existing) { return holds_only_export_files(existing); },
      fmt::format("{}: exists and holds files other than a BERTopic export; choose another --out", dir));
}

}  // namespace topica
