// The fitted pipeline and the built-in embedder beside a topic model's readable files. Scalars
// and settings go to JSON (doubles round-trip exactly), arrays to safetensors.
#include "topica/saved_model.hpp"

#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <simdjson.h>

#include "store/options_json.hpp"
#include "topica/atomic_file.hpp"
#include "topica/error.hpp"
#include "topica/safetensors.hpp"

namespace topica {
namespace {
namespace fs = std::filesystem;
using store::Json;

constexpr const char* kTransformJson = "transform.json";
constexpr const char* kTransformTensors = "transform.safetensors";
constexpr const char* kEmbedderJson = "embedder.json";
constexpr const char* kEmbedderTensors = "embedder.safetensors";
constexpr const char* kEmbedderVocabulary = "embedder_vocabulary.txt";
constexpr const char* kEncoderJson = "encoder.json";
constexpr const char* kDocumentsJsonl = "documents.jsonl";
constexpr const char* kEmbeddingsTensors = "embeddings.safetensors";

Metric metric_from(const std::string& name) {
  if (name == "cosine") return Metric::Cosine;
  if (name == "euclidean") return Metric::Euclidean;
  throw std::invalid_argument("unknown metric " + name);
}

const char* mst_name(MstMethod m) { return m == MstMethod::Exact ? "exact" : "reference"; }

std::vector<std::uint64_t> shape_of(const Matrix<float>& m) { return {m.rows, m.cols}; }

// ---- UMAP and HDBSCAN -------------------------------------------------------------------------

Json umap_json(const UmapModel& u) {
  const UmapOptions& o = u.options;
  return Json{{"options",
               {{"n_neighbors", o.n_neighbors},
                {"n_components", o.n_components},
                {"min_dist", o.min_dist},
                {"spread", o.spread},
                {"metric", metric_name(o.metric)},
                {"n_epochs", o.n_epochs},
                {"learning_rate", o.learning_rate},
                {"negative_sample_rate", o.negative_sample_rate},
                {"seed", o.seed}}},
              {"n_neighbors", u.n_neighbors},
              {"n_epochs", u.n_epochs},
              {"a", u.a},
              {"b", u.b}};
}

UmapModel umap_from(const Json& j) {
  UmapModel u;
  const Json& o = j.at("options");
  u.options.n_neighbors = o.at("n_neighbors");
  u.options.n_components = o.at("n_components");
  u.options.min_dist = o.at("min_dist");
  u.options.spread = o.at("spread");
  u.options.metric = metric_from(o.at("metric"));
  u.options.n_epochs = o.at("n_epochs");
  u.options.learning_rate = o.at("learning_rate");
  u.options.negative_sample_rate = o.at("negative_sample_rate");
  u.options.seed = o.at("seed");
  u.n_neighbors = j.at("n_neighbors");
  u.n_epochs = j.at("n_epochs");
  u.a = j.at("a");
  u.b = j.at("b");
  return u;
}

Json hdbscan_json(const HdbscanModel& h) {
  const HdbscanOptions& o = h.options;
  return Json{{"options",
               {{"min_cluster_size", o.min_cluster_size},
                {"min_samples", o.min_samples},
                {"metric", metric_name(o.metric)},
                {"selection", cluster_selection_name(o.selection)},
                {"epsilon", o.epsilon},
                {"allow_single_cluster", o.allow_single_cluster},
                {"mst", mst_name(o.mst)}}},
              {"min_samples", h.min_samples}};
}

HdbscanModel hdbscan_from(const Json& j) {
  HdbscanModel h;
  const Json& o = j.at("options");
  h.options.min_cluster_size = o.at("min_cluster_size");
  h.options.min_samples = o.at("min_samples");
  h.options.metric = metric_from(o.at("metric"));
  const std::string selection = o.at("selection");
  if (selection != "eom" && selection != "leaf") throw std::invalid_argument("unknown selection " + selection);
  h.options.selection = selection == "leaf" ? ClusterSelection::Leaf : ClusterSelection::Eom;
  h.options.epsilon = o.at("epsilon");
  h.options.allow_single_cluster = o.at("allow_single_cluster");
  h.options.mst = o.at("mst") == "exact" ? MstMethod::Exact : MstMethod::Reference;
  h.min_samples = j.at("min_samples");
  return h;
}

// The same file in the folder the model was loaded from ("" when none), which a save links
// instead of rewriting when its bytes are unchanged.
std::string in_source(const std::string& source, const char* file) {
  return source.empty() ? std::string() : (fs::path(source) / file).string();
}

// topic_of_cluster lives in transform.json: topic operations change it and nothing else of the
// transform, so the large tensors of an edited model are byte-identical and get linked.
void write_transform(const TopicTransform& t, const fs::path& dir, const std::string& source) {
  const Json json{{"umap", umap_json(t.umap)},
                  {"hdbscan", hdbscan_json(t.hdbscan)},
                  {"distributions", t.distributions},
                  {"topic_of_cluster", t.topic_of_cluster}};
  write_file_atomically((dir / kTransformJson).string(), json.dump(2) + "\n");

  const HdbscanModel& h = t.hdbscan;
  SafetensorsWriter w;
  w.add("embeddings", shape_of(t.embeddings), std::span<const float>(t.embeddings.values));
  w.add("umap.embedding", shape_of(t.umap.embedding), std::span<const float>(t.umap.embedding.values));
  w.add("hdbscan.data", {h.data.rows, h.data.cols}, std::span<const double>(h.data.values));
  w.add("hdbscan.core_distances", {h.core_distances.size()}, std::span<const double>(h.core_distances));
  w.add("hdbscan.prediction_core_distances", {h.prediction_core_distances.size()},
        std::span<const double>(h.prediction_core_distances));
  std::vector<std::int64_t> parent, child, size;
  std::vector<double> lambda;
  for (const CondensedTreeRow& r : h.condensed_tree) {
    parent.push_back(r.parent);
    child.push_back(r.child);
    lambda.push_back(r.lambda);
    size.push_back(r.size);
  }
  w.add("hdbscan.tree.parent", {parent.size()}, std::span<const std::int64_t>(parent));
  w.add("hdbscan.tree.child", {child.size()}, std::span<const std::int64_t>(child));
  w.add("hdbscan.tree.lambda", {lambda.size()}, std::span<const double>(lambda));
  w.add("hdbscan.tree.size", {size.size()}, std::span<const std::int64_t>(size));
  w.add("hdbscan.selected_clusters", {h.selected_clusters.size()}, std::span<const std::int64_t>(h.selected_clusters));
  w.add("hdbscan.labels", {h.labels.size()}, std::span<const std::int64_t>(h.labels));
  w.add("hdbscan.probabilities", {h.probabilities.size()}, std::span<const double>(h.probabilities));
  w.add("hdbscan.outlier_scores", {h.outlier_scores.size()}, std::span<const double>(h.outlier_scores));
  // Exemplars are ragged: flattened, with offsets (one more than there are clusters).
  std::vector<std::int64_t> exemplars, offsets{0};
  for (const auto& e : h.exemplars) {
    exemplars.insert(exemplars.end(), e.begin(), e.end());
    offsets.push_back(static_cast<std::int64_t>(exemplars.size()));
  }
  w.add("hdbscan.exemplars", {exemplars.size()}, std::span<const std::int64_t>(exemplars));
  w.add("hdbscan.exemplar_offsets", {offsets.size()}, std::span<const std::int64_t>(offsets));
  w.write((dir / kTransformTensors).string(), in_source(source, kTransformTensors));
}

template <typename T>
Matrix<T> read_matrix(const SafetensorsFile& f, std::string_view name, std::vector<T> values) {
  const TensorInfo& info = f.tensor(name);
  if (info.shape.size() != 2) throw InputError(fmt::format("{}: {} is not a matrix", f.path(), name));
  Matrix<T> m(info.shape[0], info.shape[1]);
  m.values = std::move(values);
  return m;
}

Matrix<float> read_float_matrix(const SafetensorsFile& f, std::string_view name) {
  return read_matrix(f, name, f.read_float(name));
}

void check_rows(const SafetensorsFile& f, std::string_view name, std::size_t got, std::size_t want) {
  if (got != want) throw InputError(fmt::format("{}: {} has {} entries, expected {}", f.path(), name, got, want));
}

TopicTransform read_transform(const fs::path& dir, std::size_t documents) {
  const std::string json_path = (dir / kTransformJson).string();
  const Json json = store::read_json_file(json_path);
  TopicTransform t;
  try {
    t.umap = umap_from(json.at("umap"));
    t.hdbscan = hdbscan_from(json.at("hdbscan"));
    t.distributions = json.at("distributions");
    if (json.contains("topic_of_cluster")) t.topic_of_cluster = json["topic_of_cluster"].get<std::vector<int>>();
  } catch (const std::exception& e) {
    throw InputError(fmt::format("{}: malformed ({})", json_path, e.what()));
  }
  const SafetensorsFile f((dir / kTransformTensors).string());
  t.embeddings = read_float_matrix(f, "embeddings");
  t.umap.embedding = read_float_matrix(f, "umap.embedding");
  HdbscanModel& h = t.hdbscan;
  h.data = read_matrix(f, "hdbscan.data", f.read_double("hdbscan.data"));
  // The transform was fitted on the first K documents; `update` appends documents after them.
  const std::size_t fitted = t.embeddings.rows;
  if (fitted == 0 || fitted > documents) {
    throw InputError(fmt::format("{}: embeddings has {} rows for a model of {} documents", f.path(), fitted, documents));
  }
  check_rows(f, "umap.embedding", t.umap.embedding.rows, fitted);
  check_rows(f, "hdbscan.data", h.data.rows, fitted);
  h.core_distances = f.read_double("hdbscan.core_distances");
  h.prediction_core_distances = f.read_double("hdbscan.prediction_core_distances");
  const auto parent = f.read_int("hdbscan.tree.parent"), child = f.read_int("hdbscan.tree.child"),
             size = f.read_int("hdbscan.tree.size");
  const auto lambda = f.read_double("hdbscan.tree.lambda");
  check_rows(f, "hdbscan.tree.child", child.size(), parent.size());
  check_rows(f, "hdbscan.tree.size", size.size(), parent.size());
  check_rows(f, "hdbscan.tree.lambda", lambda.size(), parent.size());
  for (std::size_t i = 0; i < parent.size(); ++i) h.condensed_tree.push_back({parent[i], child[i], lambda[i], size[i]});
  h.selected_clusters = f.read_int("hdbscan.selected_clusters");
  h.labels = f.read_int("hdbscan.labels");
  h.probabilities = f.read_double("hdbscan.probabilities");
  h.outlier_scores = f.read_double("hdbscan.outlier_scores");
  for (std::string_view name : {"hdbscan.core_distances", "hdbscan.prediction_core_distances", "hdbscan.labels",
                                "hdbscan.probabilities", "hdbscan.outlier_scores"}) {
    check_rows(f, name, f.tensor(name).elements(), fitted);
  }
  const auto exemplars = f.read_int("hdbscan.exemplars"), offsets = f.read_int("hdbscan.exemplar_offsets");
  check_rows(f, "hdbscan.exemplar_offsets", offsets.size(), h.selected_clusters.size() + 1);
  for (std::size_t c = 0; c + 1 < offsets.size(); ++c) {
    if (offsets[c] < 0 || offsets[c] > offsets[c + 1] || static_cast<std::size_t>(offsets[c + 1]) > exemplars.size()) {
      throw InputError(fmt::format("{}: hdbscan.exemplar_offsets are not increasing offsets", f.path()));
    }
    h.exemplars.emplace_back(exemplars.begin() + offsets[c], exemplars.begin() + offsets[c + 1]);
  }
  if (!json.contains("topic_of_cluster")) {  // folders written before it moved to transform.json
    for (const std::int64_t topic : f.read_int("topic_of_cluster")) t.topic_of_cluster.push_back(static_cast<int>(topic));
  }
  if (t.topic_of_cluster.size() != h.selected_clusters.size()) {
    throw InputError(fmt::format("{}: topic_of_cluster has {} entries, expected {}", json_path,
                                 t.topic_of_cluster.size(), h.selected_clusters.size()));
  }
  return t;
}

// ---- the built-in embedder --------------------------------------------------------------------

void write_embedder(const LsaEmbedder& e, const fs::path& dir, const std::string& source) {
  const LsaOptions& o = e.options();
  const TfidfOptions& tfidf = e.tfidf().options();
  const Json json{{"kind", "lsa"},
                  {"name", e.name()},
                  {"dimensions", o.dimensions},
                  {"seed", o.seed},
                  {"tfidf",
                   {{"sublinear_tf", tfidf.sublinear_tf},
                    {"smooth_idf", tfidf.smooth_idf},
                    {"l2_normalize", tfidf.l2_normalize},
                    {"vectorizer", store::vectorizer_json(tfidf.vectorizer)}}}};
  write_file_atomically((dir / kEmbedderJson).string(), json.dump(2) + "\n");
  const TruncatedSvdModel& svd = e.svd().model();
  SafetensorsWriter w;
  w.add("idf", {e.tfidf().idf().size()}, std::span<const double>(e.tfidf().idf()));
  w.add("components", shape_of(svd.components), std::span<const float>(svd.components.values));
  w.add("singular_values", {svd.singular_values.size()}, std::span<const float>(svd.singular_values));
  w.add("explained_variance", {svd.explained_variance.size()}, std::span<const double>(svd.explained_variance));
  w.add("explained_variance_ratio", {svd.explained_variance_ratio.size()},
        std::span<const double>(svd.explained_variance_ratio));
  w.write((dir / kEmbedderTensors).string(), in_source(source, kEmbedderTensors));
  std::string vocabulary;
  for (const std::string& term : e.tfidf().vocabulary()) (vocabulary += term) += '\n';
  write_file_atomically((dir / kEmbedderVocabulary).string(), vocabulary, in_source(source, kEmbedderVocabulary));
}

LsaEmbedder read_embedder(const fs::path& dir) {
  const std::string json_path = (dir / kEmbedderJson).string();
  const Json json = store::read_json_file(json_path);
  LsaOptions o;
  try {
    if (json.at("kind") != "lsa") throw std::invalid_argument("unknown embedder kind " + json.at("kind").dump());
    o.dimensions = json.at("dimensions");
    o.seed = json.at("seed");
    const Json& tfidf = json.at("tfidf");
    o.tfidf.sublinear_tf = tfidf.at("sublinear_tf");
    o.tfidf.smooth_idf = tfidf.at("smooth_idf");
    o.tfidf.l2_normalize = tfidf.at("l2_normalize");
    o.tfidf.vectorizer = store::vectorizer_from(tfidf.at("vectorizer"));
  } catch (const std::exception& e) {
    throw InputError(fmt::format("{}: malformed ({})", json_path, e.what()));
  }
  const std::string vocabulary_path = (dir / kEmbedderVocabulary).string();
  std::ifstream in(vocabulary_path);
  if (!in) throw InputError(fmt::format("{}: missing", vocabulary_path));
  std::vector<std::string> vocabulary;
  for (std::string line; std::getline(in, line);) vocabulary.push_back(line);

  const SafetensorsFile f((dir / kEmbedderTensors).string());
  TruncatedSvdModel svd;
  svd.components = read_float_matrix(f, "components");
  svd.singular_values = f.read_float("singular_values");
  svd.explained_variance = f.read_double("explained_variance");
  svd.explained_variance_ratio = f.read_double("explained_variance_ratio");
  TfidfVectorizer tfidf = TfidfVectorizer::with_state(o.tfidf, std::move(vocabulary), f.read_double("idf"));
  return LsaEmbedder(o, std::move(tfidf), TruncatedSvd(std::move(svd)));
}

// ---- the sentence encoder (a reference to its folder, not a copy) -----------------------------

void write_encoder(const EncoderReference& e, const fs::path& dir) {
  Json json{{"kind", "sentence-encoder"}, {"folder", e.folder}, {"fingerprint", e.fingerprint}};
  json["max_length"] = e.options.max_length ? Json(*e.options.max_length) : Json(nullptr);
  json["normalize"] = e.options.normalize;
  write_file_atomically((dir / kEncoderJson).string(), json.dump(2) + "\n");
}

EncoderReference read_encoder(const fs::path& dir) {
  const std::string json_path = (dir / kEncoderJson).string();
  const Json json = store::read_json_file(json_path);
  EncoderReference e;
  try {
    if (json.at("kind") != "sentence-encoder") throw std::invalid_argument("unknown encoder kind " + json.at("kind").dump());
    e.folder = json.at("folder");
    e.fingerprint = json.at("fingerprint");
    if (!json.at("max_length").is_null()) e.options.max_length = json.at("max_length").get<std::size_t>();
    e.options.normalize = json.at("normalize");
  } catch (const std::exception& ex) {
    throw InputError(fmt::format("{}: malformed ({})", json_path, ex.what()));
  }
  return e;
}

// ---- the training documents and embeddings ----------------------------------------------------

// JSON strings keep newlines, tabs and quotes inside one line, so row i is line i.
void write_documents(const std::vector<std::string>& documents, const fs::path& dir, const std::string& source) {
  std::string text;
  for (const std::string& d : documents) {
    text += Json(d).dump(-1, ' ', false, Json::error_handler_t::replace);
    text += '\n';
  }
  write_file_atomically((dir / kDocumentsJsonl).string(), text, in_source(source, kDocumentsJsonl));
}

// simdjson: the documents file is the largest text a model load parses (tens of MB).
std::vector<std::string> read_documents(const fs::path& dir, std::size_t expected) {
  const std::string path = (dir / kDocumentsJsonl).string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open", path));
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> documents;
  documents.reserve(expected);
  simdjson::dom::parser parser;
  std::size_t number = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++number;
    std::string_view value;
    simdjson::dom::element root;
    if (parser.parse(text.data() + start, end - start).get(root) || root.get(value)) {
      throw InputError(fmt::format("{}: line {}: expected one JSON string", path, number));
    }
    documents.emplace_back(value);
    start = end + 1;
  }
  if (documents.size() != expected) {
    throw InputError(fmt::format("{}: {} documents where documents.csv has {}", path, documents.size(), expected));
  }
  return documents;
}

void write_embeddings(const Matrix<float>& e, const fs::path& dir, const std::string& source) {
  SafetensorsWriter w;
  w.add("embeddings", shape_of(e), std::span<const float>(e.values));
  w.write((dir / kEmbeddingsTensors).string(), in_source(source, kEmbeddingsTensors));
}

Matrix<float> read_embeddings(const fs::path& dir, std::size_t documents) {
  const SafetensorsFile f((dir / kEmbeddingsTensors).string());
  Matrix<float> e = read_float_matrix(f, "embeddings");
  check_rows(f, "embeddings", e.rows, documents);
  return e;
}

}  // namespace

const Matrix<float>* document_embeddings(const SavedModel& saved) {
  const std::size_t documents = saved.model.assignments.size();
  if (documents == 0) return nullptr;
  if (saved.embeddings.rows == documents) return &saved.embeddings;
  if (saved.transform && saved.transform->embeddings.rows == documents) return &saved.transform->embeddings;
  return nullptr;
}

void save_model(const SavedModel& saved, const std::string& dir) {
  save_topic_model(saved.model, saved.provenance, dir, [&saved](const std::string& folder) {
    const std::string& source = saved.source_folder;
    if (saved.transform) write_transform(*saved.transform, folder, source);
    if (saved.embedder) write_embedder(*saved.embedder, folder, source);
    if (saved.encoder) write_encoder(*saved.encoder, folder);
    if (!saved.documents.empty()) write_documents(saved.documents, folder, source);
    // With a transform, only a set longer than the transform's own (documents added by `update`).
    if (saved.embeddings.rows > 0 && (!saved.transform || saved.embeddings.rows != saved.transform->embeddings.rows)) {
      write_embeddings(saved.embeddings, folder, source);
    }
  });
}

SavedModel load_model(const std::string& dir) {
  SavedModel saved;
  saved.source_folder = fs::absolute(dir).lexically_normal().string();
  saved.model = load_topic_model(dir, &saved.provenance);
  const fs::path root(dir);
  if (fs::exists(root / kTransformJson)) saved.transform = read_transform(root, saved.model.assignments.size());
  if (fs::exists(root / kEmbedderJson)) saved.embedder = read_embedder(root);
  if (fs::exists(root / kEncoderJson)) saved.encoder = read_encoder(root);
  const std::size_t rows = saved.model.assignments.size();
  if (fs::exists(root / kDocumentsJsonl)) saved.documents = read_documents(root, rows);
  if (fs::exists(root / kEmbeddingsTensors)) saved.embeddings = read_embeddings(root, rows);
  return saved;
}

}  // namespace topica
