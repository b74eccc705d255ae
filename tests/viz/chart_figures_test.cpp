// The figures of the charts show the model's numbers: each is checked against the saved model's
// files or against values computed here independently (cosines, c-TF-IDF scores from topics.json).
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <fstream>

#include "cli/model_fixture.hpp"
#include "topica/charts.hpp"
#include "topica/error.hpp"
#include "topica/npy.hpp"
#include "tokenizers/precompiled.hpp"
#include "viz/figures.hpp"

namespace topica::test {
namespace {

using nlohmann::json;

class ChartFigures : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new ScratchDir();
    fitted_ = new FittedModel(fit_fixture_model(*scratch_));
    saved_ = new SavedModel(load_model(fitted_->dir));
  }
  static void TearDownTestSuite() {
    delete saved_;
    delete fitted_;
    delete scratch_;
  }
  static json figure(ChartKind kind, const ChartOptions& options = {}) {
    return json::parse(build_chart(kind, *saved_, fitted_->dir, options).figure_json);
  }
  static inline ScratchDir* scratch_ = nullptr;
  static inline FittedModel* fitted_ = nullptr;
  static inline SavedModel* saved_ = nullptr;
};

TEST_F(ChartFigures, BarchartScoresAreTopicsJsonScores) {
  const json topics = json::parse(read_file(fitted_->dir + "/topics.json"));
  const json fig = figure(ChartKind::Barchart, ChartOptions{.n_words = 4});
  std::size_t checked = 0;
  for (const auto& t : topics) {
    if (t["id"] == -1) continue;
    const auto& trace = fig["data"][checked++];
    ASSERT_EQ(trace["x"].size(), 4u);
    for (std::size_t w = 0; w < 4; ++w) {
      // Bars run bottom-up: the best word is the last bar.
      EXPECT_EQ(trace["y"][3 - w].get<std::string>(), t["words"][w][0].get<std::string>() + "  ");
      EXPECT_DOUBLE_EQ(trace["x"][3 - w].get<double>(), t["words"][w][1].get<double>());
    }
  }
  EXPECT_EQ(checked, 2u);
  EXPECT_EQ(fig["data"].size(), 2u);
}

TEST_F(ChartFigures, HeatmapIsTheCosineOfTopicEmbeddings) {
  const json fig = figure(ChartKind::Heatmap);
  const auto& z = fig["data"][0]["z"];
  const auto& m = saved_->model;
  std::vector<std::size_t> rows;  // topics 0 and 1 in id order
  for (int id : {0, 1}) rows.push_back(*m.index_of(id));
  ASSERT_EQ(z.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t j = 0; j < 2; ++j) {
      EXPECT_NEAR(z[i][j].get<double>(), cosine(row_of(m.topic_embeddings, rows[i]), row_of(m.topic_embeddings, rows[j])), 1e-12);
    }
  }
  EXPECT_EQ(fig["data"][0]["x"][0].get<std::string>().rfind("0_", 0), 0u);
}

// The page's typed arrays: little-endian bytes in base64, as atob() + a typed-array view read.
template <typename T>
std::vector<T> decode_typed_array(const json& base64) {
  const std::optional<std::string> bytes = tokenizers::decode_base64(base64.get<std::string>());
  EXPECT_TRUE(bytes.has_value());
  if (!bytes || bytes->size() % sizeof(T) != 0) return {};
  std::vector<T> values(bytes->size() / sizeof(T));
  std::memcpy(values.data(), bytes->data(), bytes->size());  // x86 and ARM Linux: little-endian
  return values;
}

TEST(TypedArrays, Base64IsTheLittleEndianBytes) {
  // 1.0f is 0x3F800000: bytes 00 00 80 3F; -2.5f is 0xC0200000.
  EXPECT_EQ(viz::base64_float32(std::vector<float>{1.0f}), "AACAPw==");
  EXPECT_EQ(viz::base64_float32(std::vector<float>{1.0f, -2.5f}), "AACAPwAAIMA=");
  EXPECT_EQ(viz::base64_unsigned(std::vector<std::uint32_t>{1, 258}, 2), "AQACAQ==");
  EXPECT_EQ(viz::base64_unsigned(std::vector<std::uint32_t>{7, 0x01020304}, 4), "BwAAAAQDAgE=");
  EXPECT_EQ(viz::base64_unsigned(std::vector<std::uint32_t>{}, 2), "");
}

TEST_F(ChartFigures, DocumentsChartHasEveryDocumentOnceWithItsTopicAndCachedMap) {
  const json fig = figure(ChartKind::Documents);
  const auto& d = fig["documents"];
  const auto& p = d["points"];
  const std::size_t n = saved_->model.assignments.size();
  ASSERT_EQ(p["count"].get<std::size_t>(), n);
  ASSERT_EQ(p["topic_bytes"].get<int>(), 2);
  const auto x = decode_typed_array<float>(p["x"]), y = decode_typed_array<float>(p["y"]);
  const auto topic = decode_typed_array<std::uint16_t>(p["topic"]);
  ASSERT_EQ(x.size(), n);
  ASSERT_EQ(y.size(), n);
  ASSERT_EQ(topic.size(), n);
  ASSERT_EQ(p["text"].size(), n);
  const Matrix<float> map = read_npy_matrix(fitted_->dir + "/documents_2d.npy");
  ASSERT_EQ(map.rows, n);
  ASSERT_EQ(map.cols, 2u);
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_EQ(d["topic_ids"][topic[i]].get<int>(), saved_->model.assignments[i]) << i;
    EXPECT_EQ(x[i], map(i, 0)) << i;  // float32 both: exact
    EXPECT_EQ(y[i], map(i, 1)) << i;
    EXPECT_EQ(p["text"][i].get<std::string>(), saved_->documents[i]);  // short texts: whole
  }
  // The second chart reads the saved map instead of laying the documents out again.
  Matrix<float> moved = map;
  moved(0, 0) = 123.0f;
  write_npy(fitted_->dir + "/documents_2d.npy", moved);
  EXPECT_EQ(decode_typed_array<float>(figure(ChartKind::Documents)["documents"]["points"]["x"])[0], 123.0f);
  write_npy(fitted_->dir + "/documents_2d.npy", map);
}

TEST_F(ChartFigures, DocumentHoverTextIsTheFirst80Characters) {
  TopicModel model = saved_->model;
  std::vector<std::string> docs = saved_->documents;
  docs[0] = std::string(79, 'a') + "é" + "tail";
  Matrix<float> coords(docs.size(), 2);
  const json fig = viz::documents_figure(model, docs, coords, {});
  EXPECT_EQ(fig["documents"]["points"]["text"][0].get<std::string>(), std::string(79, 'a') + "é…");
}

TEST_F(ChartFigures, HierarchyHasOneLinkPerMergeAndEveryTopicAsALeaf) {
  const json fig = figure(ChartKind::Hierarchy);
  const auto& ticks = fig["layout"]["yaxis"]["ticktext"];
  ASSERT_EQ(ticks.size(), 2u);
  std::set<std::string> names(ticks.begin(), ticks.end());
  for (int id : {0, 1}) {
    EXPECT_TRUE(names.count(viz::topic_title(saved_->model.topics[*saved_->model.index_of(id)], {})));
  }
  EXPECT_EQ(fig["data"].size(), 2u);  // one merge link + the merge markers
}

TEST_F(ChartFigures, TermRankScoresAreTheTopicScores) {
  const json fig = figure(ChartKind::TermRank, ChartOptions{.log_scale = true});
  EXPECT_EQ(fig["layout"]["yaxis"]["type"], "log");
  for (const auto& trace : fig["data"]) {
    const int id = std::stoi(trace["name"].get<std::string>());
    const Topic& t = saved_->model.topics[*saved_->model.index_of(id)];
    ASSERT_EQ(trace["y"].size(), t.words.size());
    for (std::size_t w = 0; w < t.words.size(); ++w) {
      EXPECT_EQ(trace["x"][w].get<int>(), static_cast<int>(w + 1));
      EXPECT_DOUBLE_EQ(trace["y"][w].get<double>(), t.words[w].score);
    }
  }
}

TEST_F(ChartFigures, DistributionShowsTopicsAboveBertopicsMinimum) {
  const std::vector<float> probabilities = {0.9f, 0.01f};
  const json fig = viz::distribution_figure(saved_->model, probabilities, {});
  ASSERT_EQ(fig["data"][0]["x"].size(), 1u);
  EXPECT_FLOAT_EQ(fig["data"][0]["x"][0].get<float>(), 0.9f);
  EXPECT_EQ(fig["data"][0]["y"][0].get<std::string>().rfind("0_", 0), 0u);
  EXPECT_THROW(viz::distribution_figure(saved_->model, std::vector<float>{0.5f}, {}), InputError);
}

TEST_F(ChartFigures, SliceTablesBecomeOneTracePerTopic) {
  const std::string path = scratch_->write("over.csv", "Topic,Words,Frequency,Timestamp\n"
                                                       "0,\"cats, purr\",3,2020-01-01\n1,dogs,2,2020-01-01\n"
                                                       "0,cats,5,2020-02-01\n-1,tax,1,2020-02-01\n");
  const auto rows = viz::read_slice_table(path, "Timestamp");
  const json fig = viz::over_time_figure(saved_->model, rows, {});
  ASSERT_EQ(fig["data"].size(), 2u);  // outliers left out, as BERTopic does
  EXPECT_EQ(fig["data"][0]["y"], json({3.0, 5.0}));
  EXPECT_EQ(fig["data"][0]["x"], json({"2020-01-01", "2020-02-01"}));
  EXPECT_NE(fig["data"][0]["hovertext"][0].get<std::string>().find("cats, purr"), std::string::npos);
  const json per_class = viz::per_class_figure(saved_->model, rows, {});
  EXPECT_EQ(per_class["data"][1]["visible"], "legendonly");
  EXPECT_THROW(viz::read_slice_table(scratch_->write("bad.csv", "Topic,Words,Frequency,Class\nx,a,1,b\n"), "Class"),
               InputError);
}

TEST_F(ChartFigures, TopicsListedMustExistAndTopNPicksTheLargest) {
  EXPECT_THROW(figure(ChartKind::Barchart, ChartOptions{.topics = {42}}), UsageError);
  const json fig = figure(ChartKind::Barchart, ChartOptions{.top_n_topics = 1});
  ASSERT_EQ(fig["data"].size(), 1u);
  EXPECT_EQ(fig["layout"]["annotations"][0]["text"], "Topic 0");
}

TEST(ChartPage, InlinedScriptsAndDataCannotCloseTheirScriptElement) {
  EXPECT_EQ(viz::escape_js_for_html("a='</SCRIPT>';b='<!--'"), "a='<\\/SCRIPT>';b='<\\!--'");
  EXPECT_EQ(viz::escape_json_for_html(R"({"t":"</script><b>"})"), R"({"t":"\u003c/script>\u003cb>"})");
  Chart chart{ChartKind::Barchart, "a </title> title", R"({"data":[{"name":"</script>"}],"layout":{}})"};
  const std::string html = chart_html(chart);
  std::size_t closings = 0;
  for (auto at = html.find("</script"); at != std::string::npos; at = html.find("</script", at + 1)) ++closings;
  EXPECT_EQ(closings, 3u);  // plotly.js, the figure, the chart script
  EXPECT_NE(html.find("a &lt;/title> title"), std::string::npos);
  const std::string open = "<script id=\"topica-figure\" type=\"application/json\">";
  const std::size_t begin = html.find(open) + open.size();
  EXPECT_EQ(json::parse(html.substr(begin, html.find("</script>", begin) - begin))["data"][0]["name"], "</script>");
}

TEST(ChartKinds, NamesRoundTripAndUnknownKindsAreRefused) {
  for (ChartKind kind : all_chart_kinds()) EXPECT_EQ(parse_chart_kind(chart_kind_name(kind)), kind);
  EXPECT_THROW(parse_chart_kind("pie"), UsageError);
}

}  // namespace
}  // namespace topica::test
