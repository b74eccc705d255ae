// The explorer's JSON API (src/serve/) served in-process on an ephemeral loopback port and read
// with cpp-httplib's client: every answer is checked against the model folder's own files
// (topics.json, documents.csv, the corpus) or recomputed here (cosine rankings), and every bad
// request must get a 4xx with a JSON error.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/lsa_model_fixture.hpp"
#include "cli/model_fixture.hpp"
#include "serve/document_map.hpp"
#include "serve/explorer.hpp"
#include "serve/server.hpp"
#include "support/test_support.hpp"
#include "topica/npy.hpp"
#include "topica/saved_model.hpp"

namespace topica::test {
namespace {

using Json = nlohmann::json;

// An Explorer and its server on 127.0.0.1:0, run on a thread until destruction.
class RunningServer {
 public:
  RunningServer(const std::string& dir, bool with_embedder) {
    SavedModel saved = load_model(dir);
    serve::QueryEmbedder embed;
    if (with_embedder && saved.embedder) {
      auto lsa = std::make_shared<const LsaEmbedder>(*saved.embedder);
      embed = [lsa](const std::string& text) { return lsa->embed(std::span(&text, 1)); };
    }
    Matrix<float> map = serve::document_map(dir, saved);
    explorer_ = std::make_unique<serve::Explorer>(std::move(saved), std::move(map), std::move(embed));
    serve::ServerOptions options;
    options.port = 0;
    options.threads = 2;
    server_ = std::make_unique<serve::ExplorerServer>(*explorer_, options);
    thread_ = std::thread([this] { server_->run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  }
  ~RunningServer() {
    server_->stop();
    thread_.join();
  }
  httplib::Client& client() { return *client_; }
  int port() const { return server_->port(); }

  /// GET `path`: asserts the status and a JSON body, returns the body parsed.
  Json get(const std::string& path, int status = 200) {
    const auto res = client_->Get(path);
    EXPECT_TRUE(res) << path << ": " << httplib::to_string(res.error());
    if (!res) return {};
    EXPECT_EQ(res->status, status) << path << ": " << res->body;
    EXPECT_NE(res->get_header_value("Content-Type").find("application/json"), std::string::npos) << path;
    return Json::parse(res->body);
  }

 private:
  std::unique_ptr<serve::Explorer> explorer_;
  std::unique_ptr<serve::ExplorerServer> server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

class ExplorerApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new ScratchDir();
    model_ = new LsaModel(fit_lsa_model(*scratch_));
    server_ = new RunningServer(model_->dir, true);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete model_;
    delete scratch_;
  }
  static Json topics_file() { return Json::parse(read_file(model_->dir + "/topics.json")); }

  static ScratchDir* scratch_;
  static LsaModel* model_;
  static RunningServer* server_;
};

ScratchDir* ExplorerApi::scratch_ = nullptr;
LsaModel* ExplorerApi::model_ = nullptr;
RunningServer* ExplorerApi::server_ = nullptr;

// (row, topic, probability) of documents.csv; NaN where the probability is empty (manual topics).
struct CsvRow {
  std::size_t row;
  int topic;
  double probability;
};

std::vector<CsvRow> documents_csv(const std::string& dir) {
  std::istringstream in(read_file(dir + "/documents.csv"));
  std::string line;
  std::getline(in, line);
  std::vector<CsvRow> rows;
  while (std::getline(in, line)) {
    const auto a = line.find(','), b = line.find(',', a + 1);
    const std::string probability = line.substr(b + 1);
    rows.push_back({std::stoul(line.substr(0, a)), std::stoi(line.substr(a + 1, b - a - 1)),
                    probability.empty() ? std::nan("") : std::stod(probability)});
  }
  return rows;
}

// Topic hits (id, similarity) against `query`: the topics but the outliers and `self`, the most
// cosine-similar first (at most 5), each similarity as computed here; compared by value, as
// topics orthogonal to the query differ by rounding alone.
void expect_topic_hits(const Json& hits, const TopicModel& model, const std::vector<double>& query, int self = -1) {
  std::vector<double> want;
  for (std::size_t t = 0; t < model.topics.size(); ++t) {
    if (model.topics[t].id != -1 && model.topics[t].id != self) want.push_back(cosine(row_of(model.topic_embeddings, t), query));
  }
  std::sort(want.rbegin(), want.rend());
  ASSERT_EQ(hits.size(), std::min<std::size_t>(5, want.size()));
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const int id = hits[i]["id"];
    EXPECT_NE(id, -1);
    EXPECT_NE(id, self);
    EXPECT_NEAR(hits[i]["similarity"].get<double>(), want[i], 1e-6) << "hit " << i;
    EXPECT_NEAR(hits[i]["similarity"].get<double>(), cosine(row_of(model.topic_embeddings, *model.index_of(id)), query), 1e-6);
  }
}

// Cosine as similarity.hpp defines it: 0 when either vector is zero (a document with no known word).
double cosine_or_zero(const std::vector<double>& a, const std::vector<double>& b) {
  const auto zero = [](const std::vector<double>& v) { return std::all_of(v.begin(), v.end(), [](double x) { return x == 0; }); };
  return zero(a) || zero(b) ? 0.0 : cosine(a, b);
}

// `hits` (JSON objects with row and similarity) are a top-k of `rows` by cosine with `query`:
// each similarity is that row's cosine computed here, in descending order, and no row left out
// (but `skip`) is more similar than the last hit. Rows whose cosines differ by rounding alone
// (orthogonal documents: +-1e-8) may come in either order.
void expect_top_k(const Json& hits, const Matrix<float>& rows, const std::vector<double>& query, std::size_t k,
                  std::size_t skip = SIZE_MAX) {
  const std::size_t candidates = rows.rows - (skip < rows.rows ? 1 : 0);
  ASSERT_EQ(hits.size(), std::min(k, candidates));
  std::vector<bool> hit(rows.rows, false);
  double last = 2;
  for (const Json& h : hits) {
    const std::size_t row = h["row"];
    ASSERT_LT(row, rows.rows);
    EXPECT_NE(row, skip);
    EXPECT_FALSE(hit[row]) << "row " << row << " twice";
    hit[row] = true;
    const double similarity = h["similarity"];
    EXPECT_NEAR(similarity, cosine_or_zero(row_of(rows, row), query), 1e-6) << "row " << row;
    EXPECT_LE(similarity, last + 1e-9);
    last = similarity;
  }
  for (std::size_t r = 0; r < rows.rows; ++r) {
    if (!hit[r] && r != skip) EXPECT_LE(cosine_or_zero(row_of(rows, r), query), last + 1e-6) << "row " << r << " left out";
  }
}

TEST_F(ExplorerApi, TopicsAreTheModelsTopics) {
  const Json topics = server_->get("/api/topics"), expected = topics_file();
  ASSERT_EQ(topics.size(), expected.size());
  for (std::size_t i = 0; i < topics.size(); ++i) {
    EXPECT_EQ(topics[i]["id"], expected[i]["id"]);
    EXPECT_EQ(topics[i]["count"], expected[i]["size"]);
    EXPECT_EQ(topics[i]["name"], expected[i]["name"]);
    EXPECT_EQ(topics[i]["label"], expected[i]["label"]);
    ASSERT_EQ(topics[i]["words"].size(), expected[i]["words"].size());
    for (std::size_t w = 0; w < topics[i]["words"].size(); ++w) EXPECT_EQ(topics[i]["words"][w], expected[i]["words"][w][0]);
  }
}

TEST_F(ExplorerApi, OneTopicHasItsWordsDocumentsAndSimilarTopics) {
  const SavedModel saved = load_model(model_->dir);
  for (const Json& expected : topics_file()) {
    const int id = expected["id"];
    const Json topic = server_->get("/api/topics/" + std::to_string(id));
    EXPECT_EQ(topic["count"], expected["size"]);
    ASSERT_EQ(topic["words"].size(), expected["words"].size());
    for (std::size_t w = 0; w < expected["words"].size(); ++w) {
      EXPECT_EQ(topic["words"][w]["word"], expected["words"][w][0]);
      EXPECT_DOUBLE_EQ(topic["words"][w]["score"].get<double>(), expected["words"][w][1].get<double>());
    }
    ASSERT_EQ(topic["representative_docs"].size(), expected["representative_docs"].size());
    for (std::size_t d = 0; d < expected["representative_docs"].size(); ++d) {
      EXPECT_EQ(topic["representative_docs"][d]["text"], expected["representative_docs"][d]);
      EXPECT_EQ(topic["representative_docs"][d]["row"], expected["representative_rows"][d]);
    }
    // Similar topics: the other non-outlier topics by cosine of their topic embeddings.
    expect_topic_hits(topic["similar_topics"], saved.model, row_of(saved.model.topic_embeddings, *saved.model.index_of(id)), id);
  }
}

TEST_F(ExplorerApi, DocumentsOfATopicAreDocumentsCsvRows) {
  const auto csv = documents_csv(model_->dir);
  for (const Json& t : topics_file()) {
    const int id = t["id"];
    const Json page = server_->get("/api/documents?topic=" + std::to_string(id) + "&limit=1000");
    std::vector<CsvRow> want;
    for (const CsvRow& r : csv) if (r.topic == id) want.push_back(r);
    EXPECT_EQ(page["total"], want.size());
    ASSERT_EQ(page["documents"].size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      const Json& d = page["documents"][i];
      EXPECT_EQ(d["row"], want[i].row);
      EXPECT_EQ(d["topic"], id);
      if (std::isnan(want[i].probability)) {
        EXPECT_TRUE(d["probability"].is_null()) << d;
      } else {
        EXPECT_NEAR(d["probability"].get<double>(), want[i].probability, 1e-6);
      }
      EXPECT_EQ(d["text"], model_->docs[want[i].row]);
    }
  }
  // Paging walks the same rows.
  const Json all = server_->get("/api/documents?limit=1000");
  ASSERT_EQ(all["total"], csv.size());
  const Json page = server_->get("/api/documents?offset=3&limit=4");
  ASSERT_EQ(page["documents"].size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(page["documents"][i]["row"], 3 + i);
  EXPECT_EQ(server_->get("/api/documents?offset=1000")["documents"].size(), 0u);
}

TEST_F(ExplorerApi, OneDocumentHasTheDistributionOfTopicaDistribution) {
  const std::string npy = scratch_->file("dist.npy");
  const auto r = run_cli({"distribution", model_->dir, "--corpus", model_->corpus, "--output", npy});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Matrix<float> expected = read_npy_matrix(npy);
  const auto csv = documents_csv(model_->dir);
  for (std::size_t row = 0; row < model_->docs.size(); ++row) {
    const Json doc = server_->get("/api/documents/" + std::to_string(row));
    EXPECT_EQ(doc["text"], model_->docs[row]);
    EXPECT_EQ(doc["topic"], csv[row].topic);
    ASSERT_EQ(doc["distribution"].size(), expected.cols);
    for (std::size_t t = 0; t < expected.cols; ++t) {
      EXPECT_EQ(doc["distribution"][t]["topic"], static_cast<int>(t));
      EXPECT_NEAR(doc["distribution"][t]["probability"].get<double>(), expected(row, t), 1e-6);
    }
  }
}

TEST_F(ExplorerApi, SimilarDocumentsRankByEmbeddingCosine) {
  const SavedModel saved = load_model(model_->dir);
  const Matrix<float>& e = *document_embeddings(saved);
  for (std::size_t row : {0u, 5u, 13u}) {
    const Json similar = server_->get("/api/similar?doc=" + std::to_string(row));
    SCOPED_TRACE("doc " + std::to_string(row));
    expect_top_k(similar["documents"], e, row_of(e, row), 10, row);
  }
}

TEST_F(ExplorerApi, SearchFindsTopicsAndDocumentsByTheEmbeddedQuery) {
  const SavedModel saved = load_model(model_->dir);
  const std::string query = "cats purr on mats";
  const Matrix<float> q = saved.embedder->embed(std::vector<std::string>{query});
  const Json result = server_->get("/api/search?q=cats%20purr%20on%20mats");
  EXPECT_EQ(result["query"], query);
  expect_topic_hits(result["topics"], saved.model, row_of(q, 0));
  EXPECT_EQ(result["topics"][0]["id"], 0) << "the cat topic";  // the fixture's labels: 0 = cats
  expect_top_k(result["documents"], *document_embeddings(saved), row_of(q, 0), 10);
  EXPECT_EQ(result["documents"][0]["topic"], 0);
}

TEST_F(ExplorerApi, MapHasOnePointPerDocument) {
  const Json map = server_->get("/api/map");
  ASSERT_EQ(map["rows"], model_->docs.size());
  ASSERT_EQ(map["x"].size(), model_->docs.size());
  ASSERT_EQ(map["y"].size(), model_->docs.size());
  for (std::size_t i = 0; i < model_->docs.size(); ++i) {
    EXPECT_TRUE(std::isfinite(map["x"][i].get<double>()));
    EXPECT_EQ(map["topic"][i], model_->labels[i]);
  }
}

TEST_F(ExplorerApi, PageAndPlotlyAreServedFromTheBinary) {
  const auto page = server_->client().Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<script src=\"app.js\">"), std::string::npos);
  for (const char* path : {"/app.js", "/style.css", "/plotly.min.js"}) {
    const auto res = server_->client().Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_GT(res->body.size(), 100u) << path;
  }
}

TEST_F(ExplorerApi, BadRequestsGetA4xxWithAJsonError) {
  const std::vector<std::pair<std::string, int>> bad = {
      {"/api/topics/abc", 400},          {"/api/topics/99", 404},
      {"/api/topics/1x", 400},           {"/api/documents?limit=5000", 400},
      {"/api/documents?limit=-1", 400},  {"/api/documents?offset=1e3", 400},
      {"/api/documents?topic=cats", 400}, {"/api/documents?topic=42", 404},
      {"/api/documents/999", 404},        {"/api/documents/-1", 400},
      {"/api/documents/99999999999999999999", 400}, {"/api/search", 400},
      {"/api/search?q=", 400},            {"/api/search?q=" + std::string(1001, 'a'), 400},
      {"/api/similar", 400},              {"/api/similar?doc=14", 404},
      {"/api/similar?doc=%2B1", 400},     {"/api/nothing", 404},
      {"/" + std::string(9000, 'x'), 414}};
  for (const auto& [path, status] : bad) {
    const Json body = server_->get(path, status);
    ASSERT_TRUE(body.contains("error")) << path;
    EXPECT_FALSE(body["error"].get<std::string>().empty()) << path;
  }
  auto& c = server_->client();
  for (const auto& res : {c.Post("/api/topics", "{}", "application/json"), c.Delete("/api/topics"),
                          c.Put("/api/documents/1", "x", "text/plain")}) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 405) << res->body;
    EXPECT_TRUE(Json::parse(res->body).contains("error"));
  }
  // A body over the limit is refused for its size, whatever the method (the API takes none).
  for (const auto& res : {c.Post("/api/topics", std::string(100000, 'x'), "text/plain"),
                          c.Put("/", std::string(5000, 'x'), "text/plain")}) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 413) << res->body;
    EXPECT_TRUE(Json::parse(res->body).contains("error"));
  }
  // The server still answers after all that.
  EXPECT_EQ(server_->get("/api/topics").size(), topics_file().size());
}

TEST(ExplorerServer, ListensOnLoopbackByDefault) {
  EXPECT_EQ(serve::ServerOptions{}.host, "127.0.0.1");
  EXPECT_EQ(serve::ServerOptions{}.port, 8080);
}

TEST(ExplorerServer, AModelWithoutAnEmbedderRefusesTextSearchWithAJsonError) {
  ScratchDir scratch;
  const FittedModel m = fit_fixture_model(scratch);
  RunningServer server(m.dir, false);
  const Json body = server.get("/api/search?q=cats", 400);
  EXPECT_NE(body["error"].get<std::string>().find("embed"), std::string::npos) << body;
  // Similar documents still work: the model keeps the embeddings it was given.
  expect_top_k(server.get("/api/similar?doc=0")["documents"], m.vectors, row_of(m.vectors, 0), 10, 0);
}

}  // namespace
}  // namespace topica::test
