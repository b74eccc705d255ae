#include "topica/model_store.hpp"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "topica/atomic_file.hpp"
#include "topica/error.hpp"
#include "topica/safetensors.hpp"
#include "topica/table_writer.hpp"
#include "topica/version.hpp"

namespace topica {
namespace {
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr const char* kFormat = "topica-topic-model";

Json frequency_json(const DocumentFrequency& df) {
  return df.proportion ? Json(df.value) : Json(static_cast<std::int64_t>(df.value));
}

DocumentFrequency frequency_from(const Json& j) {
  return j.is_number_integer() ? DocumentFrequency::count(j.get<double>()) : DocumentFrequency::share(j.get<double>());
}

Json options_json(const TopicOptions& o) {
  const auto& v = o.vectorizer;
  Json stop;
  if (v.stop_words.empty()) {
    stop = "none";
  } else if (v.stop_words == english_stop_words()) {
    stop = "english";
  } else {
    std::vector<std::string> words(v.stop_words.begin(), v.stop_words.end());
    std::sort(words.begin(), words.end());
    stop = words;
  }
  return Json{{"vectorizer",
               {{"ngram_range", {v.ngram_min, v.ngram_max}},
                {"min_df", frequency_json(v.min_df)},
                {"max_df", frequency_json(v.max_df)},
                {"max_features", v.max_features ? Json(*v.max_features) : Json(nullptr)},
                {"stop_words", stop},
                {"lowercase", v.lowercase}}},
              {"ctfidf", {{"bm25_weighting", o.ctfidf.bm25_weighting}, {"reduce_frequent_words", o.ctfidf.reduce_frequent_words}}},
              {"top_n_words", o.top_n_words},
              {"representative_docs", o.representative_docs},
              {"representative_sample", o.representative_sample},
              {"seed", o.seed}};
}

TopicOptions options_from(const Json& j) {
  TopicOptions o;
  const Json& v = j.at("vectorizer");
  o.vectorizer.ngram_min = v.at("ngram_range").at(0);
  o.vectorizer.ngram_max = v.at("ngram_range").at(1);
  o.vectorizer.min_df = frequency_from(v.at("min_df"));
  o.vectorizer.max_df = frequency_from(v.at("max_df"));
  if (!v.at("max_features").is_null()) o.vectorizer.max_features = v.at("max_features").get<std::size_t>();
  const Json& stop = v.at("stop_words");
  if (stop == "english") {
    o.vectorizer.stop_words = english_stop_words();
  } else if (stop.is_array()) {
    for (const auto& w : stop) o.vectorizer.stop_words.insert(w.get<std::string>());
  }
  o.vectorizer.lowercase = v.at("lowercase");
  o.ctfidf.bm25_weighting = j.at("ctfidf").at("bm25_weighting");
  o.ctfidf.reduce_frequent_words = j.at("ctfidf").at("reduce_frequent_words");
  o.top_n_words = j.at("top_n_words");
  o.representative_docs = j.at("representative_docs");
  o.representative_sample = j.at("representative_sample");
  o.seed = j.at("seed");
  return o;
}

Json topics_json(const TopicModel& m) {
  Json topics = Json::array();
  for (const Topic& t : m.topics) {
    Json words = Json::array();
    for (const auto& w : t.words) words.push_back({w.word, w.score});
    topics.push_back({{"id", t.id},
                      {"size", t.size},
                      {"name", t.name},
                      {"label", t.label},
                      {"words", words},
                      {"representative_rows", t.representative_rows},
                      {"representative_docs", t.representative_docs}});
  }
  return topics;
}

std::string representation(const Topic& t) {
  std::string out;
  for (const auto& w : t.words) {
    if (!out.empty()) out += ", ";
    out += w.word;
  }
  return out;
}

void write_files(const TopicModel& m, const ModelProvenance& p, const fs::path& dir) {
  Json config{{"format", kFormat},
              {"format_version", kTopicModelFormatVersion},
              {"topica_version", version()},
              {"documents", m.assignments.size()},
              {"topics", m.topics.size()},
              {"embedder", p.embedder},
              {"options", options_json(m.options)},
              {"pipeline", p.settings_json.empty() ? Json::object() : Json::parse(p.settings_json)}};
  write_file_atomically((dir / "config.json").string(), config.dump(2) + "\n");
  write_file_atomically((dir / "topics.json").string(), topics_json(m).dump(2) + "\n");

  CsvWriter table((dir / "topics.csv").string(), {"Topic", "Count", "Name", "Representation"});
  for (const Topic& t : m.topics) table.row({std::to_string(t.id), std::to_string(t.size), t.label.empty() ? t.name : t.label, representation(t)});
  table.commit();

  CsvWriter docs((dir / "documents.csv").string(), {"row", "topic", "probability"});
  for (std::size_t i = 0; i < m.assignments.size(); ++i) {
    docs.row({std::to_string(i), std::to_string(m.assignments[i]),
              m.probabilities.empty() ? std::string() : fmt::format("{:.9g}", m.probabilities[i])  /* round-trips a float */});
  }
  docs.commit();

  if (m.topic_embeddings.rows > 0) {
    SafetensorsWriter w;
    w.add("topic_embeddings", {m.topic_embeddings.rows, m.topic_embeddings.cols}, std::span<const float>(m.topic_embeddings.values));
    w.write((dir / "topic_embeddings.safetensors").string());
  }
  SafetensorsWriter c;
  const auto& x = m.ctfidf_matrix;
  c.add("data", {x.nnz()}, std::span<const double>(x.values));
  c.add("indices", {x.indices.size()}, std::span<const std::int32_t>(x.indices));
  c.add("indptr", {x.indptr.size()}, std::span<const std::int64_t>(x.indptr));
  const std::vector<std::int64_t> shape{static_cast<std::int64_t>(x.rows), static_cast<std::int64_t>(x.cols)};
  c.add("shape", {2}, std::span<const std::int64_t>(shape));
  c.add("idf", {m.ctfidf.idf().size()}, std::span<const double>(m.ctfidf.idf()));
  c.write((dir / "ctfidf.safetensors").string());

  std::string vocabulary;
  for (const std::string& term : m.vectorizer.vocabulary()) (vocabulary += term) += '\n';
  write_file_atomically((dir / "vocabulary.txt").string(), vocabulary);
}

bool is_topica_model(const fs::path& dir) {
  std::ifstream in(dir / "config.json");
  if (!in) return false;
  const auto j = Json::parse(in, nullptr, false);
  return j.is_object() && j.value("format", "") == kFormat;
}

}  // namespace

void save_topic_model(const TopicModel& model, const ModelProvenance& provenance, const std::string& dir) {
  const fs::path target = fs::absolute(dir).lexically_normal();
  std::error_code ec;
  const bool exists = fs::exists(target, ec);
  if (exists && !fs::is_directory(target)) throw UsageError(fmt::format("{}: exists and is not a folder", dir));
  if (exists && !fs::is_empty(target) && !is_topica_model(target)) {
    throw UsageError(fmt::format("{}: exists and is not a topica model folder; choose another --out", dir));
  }
  fs::create_directories(target.parent_path(), ec);
  std::string staging = (target.parent_path() / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  if (::mkdtemp(staging.data()) == nullptr) throw Error(fmt::format("{}: cannot create a folder beside it", dir));
  try {
    write_files(model, provenance, staging);
    if (exists) {
      const fs::path old = target.parent_path() / ("." + target.filename().string() + ".old");
      fs::remove_all(old);
      fs::rename(target, old);
      fs::rename(staging, target);
      fs::remove_all(old);
    } else {
      fs::rename(staging, target);
    }
  } catch (...) {
    fs::remove_all(staging, ec);
    throw;
  }
}

namespace {

Json read_json(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw InputError(fmt::format("{}: missing (not a topica model folder?)", path.string()));
  try {
    return Json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(fmt::format("{}: not valid JSON ({})", path.string(), e.what()));
  }
}

}  // namespace

TopicModel load_topic_model(const std::string& dir, ModelProvenance* provenance) {
  const fs::path root(dir);
  if (!fs::is_directory(root)) throw Error(fmt::format("{}: no such model folder", dir));
  const Json config = read_json(root / "config.json");
  const std::string config_path = (root / "config.json").string();
  if (config.value("format", "") != kFormat) throw InputError(fmt::format("{}: not a topica topic model", config_path));
  if (config.value("format_version", 0) != kTopicModelFormatVersion) {
    throw InputError(fmt::format("{}: format_version {} is not supported (this topica reads {})", config_path,
                                 config.value("format_version", 0), kTopicModelFormatVersion));
  }
  try {
    TopicModel m;
    m.options = options_from(config.at("options"));
    if (provenance != nullptr) {
      provenance->embedder = config.value("embedder", "");
      provenance->settings_json = config.contains("pipeline") ? config["pipeline"].dump() : "";
    }
    std::vector<std::string> vocabulary;
    std::ifstream vocab(root / "vocabulary.txt");
    if (!vocab) throw InputError(fmt::format("{}: missing", (root / "vocabulary.txt").string()));
    for (std::string line; std::getline(vocab, line);) vocabulary.push_back(line);
    m.vectorizer = CountVectorizer::with_vocabulary(m.options.vectorizer, std::move(vocabulary));

    const SafetensorsFile c((root / "ctfidf.safetensors").string());
    m.ctfidf = ClassTfidf(m.options.ctfidf, c.read_double("idf"));
    const auto shape = c.read_int("shape");
    m.ctfidf_matrix.rows = static_cast<std::size_t>(shape.at(0));
    m.ctfidf_matrix.cols = static_cast<std::size_t>(shape.at(1));
    m.ctfidf_matrix.indptr = c.read_int("indptr");
    for (std::int64_t i : c.read_int("indices")) m.ctfidf_matrix.indices.push_back(static_cast<std::int32_t>(i));
    m.ctfidf_matrix.values = c.read_double("data");

    for (const auto& t : read_json(root / "topics.json")) {
      Topic topic{.id = t.at("id"), .size = t.at("size"), .name = t.at("name"), .label = t.value("label", "")};
      for (const auto& w : t.at("words")) topic.words.push_back({w.at(0).get<std::string>(), w.at(1).get<double>()});
      topic.representative_rows = t.at("representative_rows").get<std::vector<std::size_t>>();
      topic.representative_docs = t.at("representative_docs").get<std::vector<std::string>>();
      m.topics.push_back(std::move(topic));
    }
    if (fs::exists(root / "topic_embeddings.safetensors")) {
      const SafetensorsFile e((root / "topic_embeddings.safetensors").string());
      const TensorInfo& info = e.tensor("topic_embeddings");
      if (info.shape.size() != 2 || info.shape[0] != m.topics.size()) {
        throw InputError(fmt::format("{}: topic_embeddings has the wrong shape", e.path()));
      }
      m.topic_embeddings = Matrix<float>(info.shape[0], info.shape[1]);
      m.topic_embeddings.values = e.read_float("topic_embeddings");
    }
    std::ifstream docs(root / "documents.csv");
    std::string line;
    std::getline(docs, line);  // header
    while (std::getline(docs, line)) {
      std::istringstream fields(line);
      std::string row, topic, probability;
      std::getline(fields, row, ',');
      std::getline(fields, topic, ',');
      std::getline(fields, probability, ',');
      m.assignments.push_back(std::stoi(topic));
      if (!probability.empty()) m.probabilities.push_back(std::stof(probability));
    }
    if (m.assignments.size() != config.at("documents").get<std::size_t>()) {
      throw InputError(fmt::format("{}: {} rows where config.json says {}", (root / "documents.csv").string(),
                                   m.assignments.size(), config.at("documents").get<std::size_t>()));
    }
    return m;
  } catch (const nlohmann::json::exception& e) {
    throw InputError(fmt::format("{}: malformed model ({})", dir, e.what()));
  } catch (const std::invalid_argument&) {
    throw InputError(fmt::format("{}: documents.csv holds a value that is not a number", dir));
  }
}

}  // namespace topica
