#include "topica/model_store.hpp"

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/options_json.hpp"
#include "topica/atomic_file.hpp"
#include "topica/error.hpp"
#include "topica/safetensors.hpp"
#include "topica/table_writer.hpp"
#include "topica/version.hpp"

namespace topica {
namespace {
namespace fs = std::filesystem;
using Json = store::Json;

constexpr const char* kFormat = "topica-topic-model";

Json options_json(const TopicOptions& o) {
  return Json{{"vectorizer", store::vectorizer_json(o.vectorizer)},
              {"ctfidf", {{"bm25_weighting", o.ctfidf.bm25_weighting}, {"reduce_frequent_words", o.ctfidf.reduce_frequent_words}}},
              {"top_n_words", o.top_n_words},
              {"representative_docs", o.representative_docs},
              {"representative_sample", o.representative_sample},
              {"seed", o.seed},
              {"seed_words", o.seed_words}};
}

TopicOptions options_from(const Json& j) {
  TopicOptions o;
  o.vectorizer = store::vectorizer_from(j.at("vectorizer"));
  o.ctfidf.bm25_weighting = j.at("ctfidf").at("bm25_weighting");
  o.ctfidf.reduce_frequent_words = j.at("ctfidf").at("reduce_frequent_words");
  o.top_n_words = j.at("top_n_words");
  o.representative_docs = j.at("representative_docs");
  o.representative_sample = j.at("representative_sample");
  o.seed = j.at("seed");
  if (j.contains("seed_words")) o.seed_words = j.at("seed_words").get<std::vector<std::string>>();  // guided topics
  return o;
}

Json words_json(const std::vector<TopicWord>& words) {
  Json out = Json::array();
  for (const auto& w : words) out.push_back({w.word, w.score});
  return out;
}

std::vector<TopicWord> words_from(const Json& j) {
  std::vector<TopicWord> words;
  for (const auto& w : j) words.push_back({w.at(0).get<std::string>(), w.at(1).get<double>()});
  return words;
}

Json topics_json(const TopicModel& m) {
  Json topics = Json::array();
  for (const Topic& t : m.topics) {
    Json topic{{"id", t.id},
               {"size", t.size},
               {"name", t.name},
               {"label", t.label},
               {"words", words_json(t.words)},
               {"representative_rows", t.representative_rows},
               {"representative_docs", t.representative_docs}};
    // Written only when present, so a model without aspects keeps the files it always had.
    if (!t.aspects.empty()) {
      Json aspects = Json::object();
      for (const auto& [name, words] : t.aspects) aspects[name] = words_json(words);
      topic["aspects"] = std::move(aspects);
    }
    topics.push_back(std::move(topic));
  }
  return topics;
}

// get_topic_info's columns: Topic, Count, Name, then CustomName once any topic has a label,
// Representation, and one column per aspect (BERTopic names them after the aspect).
std::vector<std::string> aspect_names(const TopicModel& m) {
  std::set<std::string> names;
  for (const Topic& t : m.topics) {
    for (const auto& [name, words] : t.aspects) names.insert(name);
  }
  return {names.begin(), names.end()};
}

bool any_label(const TopicModel& m) {
  return std::any_of(m.topics.begin(), m.topics.end(), [](const Topic& t) { return !t.label.empty(); });
}

std::string representation(const std::vector<TopicWord>& words) {
  std::string out;
  for (const auto& w : words) {
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

  write_topic_table(m, (dir / "topics.csv").string());

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
  if (const TermCounts& n = m.topic_term_counts; n.rows > 0) {
    c.add("term_counts.data", {n.nnz()}, std::span<const std::int64_t>(n.values));
    c.add("term_counts.indices", {n.indices.size()}, std::span<const std::int32_t>(n.indices));
    c.add("term_counts.indptr", {n.indptr.size()}, std::span<const std::int64_t>(n.indptr));
  }
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

void write_topic_table(const TopicModel& m, const std::string& path) {
  const bool labels = any_label(m);
  const std::vector<std::string> aspects = aspect_names(m);
  std::vector<std::string> header{"Topic", "Count", "Name"};
  if (labels) header.push_back("CustomName");
  header.push_back("Representation");
  header.insert(header.end(), aspects.begin(), aspects.end());
  CsvWriter table(path, header);
  for (const Topic& t : m.topics) {
    std::vector<std::string> row{std::to_string(t.id), std::to_string(t.size), t.name};
    if (labels) row.push_back(t.label.empty() ? t.name : t.label);  // set_topic_labels keeps unset names
    row.push_back(representation(t.words));
    for (const std::string& name : aspects) {
      const auto found = t.aspects.find(name);
      row.push_back(found == t.aspects.end() ? std::string() : representation(found->second));
    }
    table.row(row);
  }
  table.commit();
}


void save_topic_model(const TopicModel& model, const ModelProvenance& provenance, const std::string& dir,
                      const std::function<void(const std::string& folder)>& write_more) {
  write_folder_atomically(
      dir,
      [&](const std::string& folder) {
        write_files(model, provenance, folder);
        if (write_more) write_more(folder);
      },
      [](const std::string& existing) { return is_topica_model(existing); },
      fmt::format("{}: exists and is not a topica model folder; choose another --out", dir));
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

// The per-topic term counts (term_counts.*): CSR with the c-TF-IDF matrix's shape, columns
// increasing within a row, every count positive.
TermCounts read_term_counts(const SafetensorsFile& c, const fs::path& path, const Csr<double>& ctfidf) {
  TermCounts n;
  n.rows = ctfidf.rows;
  n.cols = ctfidf.cols;
  n.indptr = c.read_int("term_counts.indptr");
  for (const std::int64_t i : c.read_int("term_counts.indices")) {
    if (i < 0 || static_cast<std::size_t>(i) >= n.cols) {
      throw InputError(fmt::format("{}: term_counts.indices: column {} outside [0, {})", path.string(), i, n.cols));
    }
    n.indices.push_back(static_cast<std::int32_t>(i));
  }
  n.values = c.read_int("term_counts.data");
  const auto bad = [&](const std::string& what) {
    return InputError(fmt::format("{}: term_counts: {}", path.string(), what));
  };
  if (n.indptr.size() != n.rows + 1 || n.indptr.front() != 0 || static_cast<std::size_t>(n.indptr.back()) != n.values.size() ||
      n.indices.size() != n.values.size()) {
    throw bad(fmt::format("indptr of {} offsets for {} rows and {} values", n.indptr.size(), n.rows, n.values.size()));
  }
  for (std::size_t r = 0; r < n.rows; ++r) {
    if (n.indptr[r] > n.indptr[r + 1]) throw bad(fmt::format("indptr decreases at row {}", r));
    for (auto k = n.indptr[r]; k < n.indptr[r + 1]; ++k) {
      const auto i = static_cast<std::size_t>(k);
      if (n.values[i] <= 0) throw bad(fmt::format("count {} in row {}", n.values[i], r));
      if (k > n.indptr[r] && n.indices[i] <= n.indices[i - 1]) throw bad(fmt::format("columns not increasing in row {}", r));
    }
  }
  return n;
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
    if (c.contains("term_counts.data")) m.topic_term_counts = read_term_counts(c, root / "ctfidf.safetensors", m.ctfidf_matrix);

    for (const auto& t : read_json(root / "topics.json")) {
      Topic topic;
      topic.id = t.at("id");
      topic.size = t.at("size");
      topic.name = t.at("name");
      topic.label = t.value("label", "");
      topic.words = words_from(t.at("words"));
      if (t.contains("aspects")) {
        for (const auto& [name, words] : t["aspects"].items()) topic.aspects[name] = words_from(words);
      }
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
