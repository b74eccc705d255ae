// `topica similar --embeddings E.npy`: the most similar documents to a row or a query vector.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "cli/model_fixture.hpp"

namespace topica {
namespace {
using Json = nlohmann::json;

// The best match of `query` among the rows, computed here: the highest cosine, ties to the
// smaller row, `skip` left out.
std::pair<std::size_t, double> best_match(const Matrix<float>& rows, const std::vector<double>& query, std::size_t skip) {
  std::pair<std::size_t, double> best{0, -2.0};
  for (std::size_t i = 0; i < rows.rows; ++i) {
    if (i == skip) continue;
    const double s = test::cosine(query, test::row_of(rows, i));
    if (s > best.second) best = {i, s};
  }
  return best;
}

TEST(SimilarCli, FindsTheMostSimilarDocumentsOfARow) {
  test::ScratchDir scratch;
  const Matrix<float> e = test::fixture_embeddings();
  write_npy(scratch.file("e.npy"), e);
  std::string text;
  for (int i = 0; i < 28; ++i) text += "document number " + std::to_string(i) + "\n";
  const auto corpus = scratch.write("docs.txt", text);

  const auto r = test::run_cli({"similar", "--embeddings", scratch.file("e.npy"), "--corpus", corpus, "--doc", "13", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto [row, similarity] = best_match(e, test::row_of(e, 13), 13);
  std::istringstream lines(r.out);
  std::string header, first;
  std::getline(lines, header);
  std::getline(lines, first);
  EXPECT_EQ(header, "rank,row,similarity,text");
  std::istringstream fields(first);
  std::string rank, hit, sim, snippet;
  std::getline(fields, rank, ',');
  std::getline(fields, hit, ',');
  std::getline(fields, sim, ',');
  std::getline(fields, snippet);
  EXPECT_EQ(rank, "1");
  EXPECT_EQ(hit, std::to_string(row));
  EXPECT_NEAR(std::stod(sim), similarity, 1e-9);
  EXPECT_EQ(snippet, "document number " + std::to_string(row));
  // --top 10 by default, and row 13 itself is never a hit.
  const Json all = Json::parse(test::run_cli({"similar", "--embeddings", scratch.file("e.npy"), "--doc", "13", "--format", "json"}).out);
  ASSERT_EQ(all.size(), 10u);
  for (const auto& h : all) EXPECT_NE(h["row"], 13);
  EXPECT_FALSE(all[0].contains("text"));
}

TEST(SimilarCli, FindsTheMostSimilarDocumentsOfAQueryVector) {
  test::ScratchDir scratch;
  const Matrix<float> e = test::fixture_embeddings();
  write_npy(scratch.file("e.npy"), e);
  Matrix<float> q(1, 4);
  q.values = {0.2f, 0.1f, 0.9f, 0.5f};
  write_npy(scratch.file("q.npy"), q);
  const auto r = test::run_cli({"similar", "--embeddings", scratch.file("e.npy"), "--query-vector", scratch.file("q.npy"), "--top", "3",
                                "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json hits = Json::parse(r.out);
  ASSERT_EQ(hits.size(), 3u);
  const auto [row, similarity] = best_match(e, test::row_of(q, 0), e.rows);
  EXPECT_EQ(hits[0]["rank"], 1);
  EXPECT_EQ(hits[0]["row"], row);
  EXPECT_NEAR(hits[0]["similarity"].get<double>(), similarity, 1e-9);
  EXPECT_GE(hits[0]["similarity"].get<double>(), hits[1]["similarity"].get<double>());
  EXPECT_GE(hits[1]["similarity"].get<double>(), hits[2]["similarity"].get<double>());
}

TEST(SimilarCli, BadInputIsAOneLineError) {
  test::ScratchDir scratch;
  const Matrix<float> e = test::fixture_embeddings();
  const auto npy = scratch.file("e.npy");
  write_npy(npy, e);
  test::expect_one_line_error(test::run_cli({"similar", "--embeddings", npy, "--doc", "28"}), 2, "--doc 28: " + npy + " has 28 rows");
  test::expect_one_line_error(test::run_cli({"similar", "--embeddings", npy, "--doc", "-1"}), 2, "--doc -1: ");
  test::expect_one_line_error(test::run_cli({"similar", "--embeddings", npy, "--doc", "0", "--top", "0"}), 2, "--top");
  test::expect_one_line_error(test::run_cli({"similar", "--embeddings", npy, "--doc", "1", "--corpus", scratch.write("five.txt", "a\nb\nc\nd\ne\n")}),
                              2, "5 documents but " + npy + " has 28 rows");
  Matrix<float> wide(1, 5);
  write_npy(scratch.file("wide.npy"), wide);
  test::expect_one_line_error(test::run_cli({"similar", "--embeddings", npy, "--query-vector", scratch.file("wide.npy")}), 2,
                              "5 values but");
  test::expect_one_line_error(test::run_cli({"similar", "--embeddings", npy}), 2, "--doc ROW or --query-vector");
  test::expect_one_line_error(test::run_cli({"similar", "--embeddings", scratch.file("none.npy"), "--doc", "0"}), 1, "none.npy");
}

}  // namespace
}  // namespace topica
