// The figures of the charts show the model's numbers: each is checked against the saved model's
// files or against values computed here independently (cosines, c-TF-IDF scores from topics.json).
#include <cmath>
#include <fstream>

#include "cli/model_fixture.hpp"
#include "topica/charts.hpp"
#include "topica/error.hpp"
#include "topica/npy.hpp"
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

TEST_F(ChartFigures, DocumentsChartHasEveryDocumentOnceWithItsTopicAndCachedMap) {
  const json fig = figure(ChartKind::Documents);
  const auto& d = fig["documents"];
  const auto& p = d["points"];
  const std::size_t n = saved_->model.assignments.size();
  ASSERT_EQ(p["x"].size(), n);
  const Matrix<float> map = read_npy_matrix(fitted_->dir + "/documents_2d.npy");
  ASSERT_EQ(map.rows, n);
  ASSERT_EQ(map.cols, 2u);
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_EQ(d["topic_ids"][p["topic"][i].get<std::size_t>()].get<int>(), saved_->model.assignments[i]) << i;
    EXPECT_NEAR(p["x"][i].get<double>(), map(i, 0), 1e-3 * std::max(1.0, std::abs(double(map(i, 0)))));
    EXPECT_NEAR(p["y"][i].get<double>(), map(i, 1), 1e-3 * std::max(1.0, std::abs(double(map(i, 1)))));
    EXPECT_EQ(p["text"][i].get<std::string>(), saved_->documents[i]);  // short texts: whole
  }
  // The second chart reads the saved map instead of laying the documents out again.
  Matrix<float> moved = map;
  moved(0, 0) = 123.0f;
  write_npy(fitted_->dir + "/documents_2d.npy", moved);
  EXPECT_EQ(figure(ChartKind::Documents)["documents"]["points"]["x"][0].get<double>(), 123.0);
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
